/**
 * The Embudo collector Worker: the HTTP app (`app.ts`, which wires every route) and the Durable
 * Object classes, exported as wrangler.jsonc binds them.
 */
import { app } from "./app.ts";

export { AccountObject } from "./storage/account-object.ts";
export { PersonObject } from "./storage/person-object.ts";
export { VisitorObject } from "./storage/visitor-object.ts";

export default app;
