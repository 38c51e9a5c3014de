/**
 * The Embudo collector Worker: wires routes and exports the Durable Object classes.
 * Each route lives in its own file under `routes/`, storage under `storage/`.
 */
import { Hono } from "hono";
import type { AppEnv } from "./env.ts";
import { errorBody, onError } from "./errors.ts";
import { eventsRoute } from "./routes/events.ts";
import { healthRoute } from "./routes/health.ts";
import { leadsRoute } from "./routes/leads.ts";
import { scriptRoute } from "./routes/script.ts";
import { visitorsRoute } from "./routes/visitors.ts";

export { VisitorObject } from "./storage/visitor-object.ts";

const app = new Hono<AppEnv>()
  .route("/", healthRoute)
  .route("/", scriptRoute)
  .route("/v1/events", eventsRoute)
  .route("/v1/visitors", visitorsRoute)
  .route("/v1/leads", leadsRoute);

app.notFound((c) => c.json(errorBody("not_found", `no route for ${c.req.method} ${new URL(c.req.url).pathname}`), 404));
app.onError(onError);

export default app;
