import { compareEvents, ulidSchema, visitorExportSchema } from "@embudo/shared";
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { ApiError } from "../errors.ts";
import { visitorStub } from "../objects/object-naming.ts";
import { authenticated, errorResponses, newRouter } from "../openapi.ts";
import { leadOfVisitor } from "../storage/leads-index.ts";

const exportRoute = createRoute({
  method: "get",
  path: "/{visitorId}/export",
  summary: "Export everything held about a person",
  description:
    "For a request of access or portability: the person that answers for the visitor (every visitor that gave its " +
    "email, or the visitor alone while it gave none), its qualification now, and every event stored for its " +
    "visitors, oldest first and complete, as the collector keeps them. Client IP addresses are never stored, so " +
    "none is here.",
  tags: ["Privacy"],
  ...authenticated(),
  request: { params: z.object({ visitorId: ulidSchema.describe("Any visitor of the person.") }) },
  responses: {
    200: { description: "All that is held.", content: { "application/json": { schema: visitorExportSchema } } },
    ...errorResponses(400, 401, 404, 503),
  },
});

/** `GET /v1/visitors/:visitorId/export`: all that is held about the visitor's person. */
export const visitorExportRoute = newRouter().openapi(exportRoute, async (c) => {
  const { visitorId } = c.req.valid("param");
  const notFound = new ApiError(404, "visitor_not_found", `no visitor ${visitorId} has been seen`);
  if (!(await leadOfVisitor(c.env.DB, visitorId))) throw notFound;
  const visitor = visitorStub(c.env.VISITORS, visitorId);
  const visitorIds = await visitor.leadVisitors(visitorId);
  if (!visitorIds) throw notFound;
  const [qualification, ...held] = await Promise.all([
    visitor.qualification(),
    ...visitorIds.map((id) => visitorStub(c.env.VISITORS, id).storedEvents()),
  ]);
  const events = held.flat().sort(compareEvents);
  const primary = qualification?.visitorIds ?? [];
  return c.json(
    {
      exportedAt: new Date().toISOString(),
      // The qualification's order (primary first), then any visitor it does not score.
      visitorIds: [...new Set([...primary, ...visitorIds])],
      qualification,
      events,
    },
    200,
  );
});
