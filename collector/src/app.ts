/**
 * The collector's HTTP app: every route, the configuration check in front of them, the API
 * document and the one error handler. `index.ts` makes it the Worker; keeping it apart from the
 * Durable Object classes lets Node import it to write the OpenAPI document (`pnpm --filter
 * @embudo/collector openapi`).
 */
import { dashboardRoute } from "./dashboard/index.tsx";
import { errorBody, onError } from "./errors.ts";
import { apiHeaders } from "./middleware/api-headers.ts";
import { requireConfig } from "./middleware/config.ts";
import { BEARER_AUTH, newRouter } from "./openapi.ts";
import { accountsRoute } from "./routes/accounts.ts";
import { claimsRoute } from "./routes/claims.ts";
import { costsRoute } from "./routes/costs.ts";
import { addDocumentation } from "./routes/docs.ts";
import { peopleRoute, visitorErasureRoute } from "./routes/erasure.ts";
import { eventsRoute } from "./routes/events.ts";
import { visitorExportRoute } from "./routes/export.ts";
import { healthRoute } from "./routes/health.ts";
import { leadsRoute } from "./routes/leads.ts";
import { reportsRoute } from "./routes/reports.ts";
import { scriptRoute } from "./routes/script.ts";
import { stageChangesRoute } from "./routes/stage-changes.ts";
import { visitorsRoute } from "./routes/visitors.ts";
import { webhooksRoute } from "./routes/webhooks.ts";

export const app = newRouter();

app.use("/v1/*", apiHeaders());
app.use("/health", apiHeaders());
app.use("*", requireConfig());
app.route("/", healthRoute);
app.route("/", scriptRoute);
app.route("/v1/events", eventsRoute);
app.route("/v1/visitors", visitorsRoute);
app.route("/v1/visitors", visitorExportRoute);
app.route("/v1/visitors", claimsRoute);
app.route("/v1/visitors", visitorErasureRoute);
app.route("/v1/people", peopleRoute);
app.route("/v1/leads", leadsRoute);
app.route("/v1/stage-changes", stageChangesRoute);
app.route("/v1/accounts", accountsRoute);
app.route("/v1/costs", costsRoute);
app.route("/v1/reports", reportsRoute);
app.route("/v1/webhooks", webhooksRoute);
// The dashboard reads through the API itself, in the isolate: one code path for every answer.
app.route(
  "/dashboard",
  dashboardRoute((request, env, ctx) => app.fetch(request, env, ctx)),
);

app.openAPIRegistry.registerComponent("securitySchemes", BEARER_AUTH, {
  type: "http",
  scheme: "bearer",
  description: "EMBUDO_API_KEY: a secret of the deployment, never a site key.",
});
addDocumentation(app);

app.notFound((c) => c.json(errorBody("not_found", `no route for ${c.req.method} ${new URL(c.req.url).pathname}`), 404));
app.onError(onError);
