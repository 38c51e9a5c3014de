/**
 * The Embudo collector Worker: the HTTP app (`app.ts`, which wires every route), the index
 * queue's consumer and the Durable Object classes, exported as wrangler.jsonc binds them.
 */
import { app } from "./app.ts";
import { consumeIndexWrites } from "./index-queue.ts";
import type { IndexMessage } from "./storage/index-outbox.ts";

export { AccountObject } from "./storage/account-object.ts";
export { PersonObject } from "./storage/person-object.ts";
export { VisitorObject } from "./storage/visitor-object.ts";

export default {
  fetch: app.fetch,
  queue: consumeIndexWrites,
} satisfies ExportedHandler<Env, IndexMessage>;
