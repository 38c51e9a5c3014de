import { ulidSchema, visitorExportSchema } from "@embudo/shared";
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { ApiError } from "../errors.ts";
import { visitorStub } from "../objects/object-naming.ts";
import type { Stored } from "../objects/stored-events.ts";
import { authenticated, errorResponses, newRouter } from "../openapi.ts";
import { decodeExportCursor, type ExportCursor, encodeExportCursor, pageQuery } from "../params/page-cursor.ts";
import { leadOfVisitor } from "../storage/leads-index.ts";

/**
 * Events a page holds when none is asked for, and at most. A person may have a hundred browsers of
 * ten thousand events each: one answer of all of them would be hundreds of megabytes.
 */
const DEFAULT_EXPORT_LIMIT = 1_000;
const MAX_EXPORT_LIMIT = 5_000;

const exportRoute = createRoute({
  method: "get",
  path: "/{visitorId}/export",
  summary: "Export everything held about a person",
  description:
    "For a request of access or portability: the person that answers for the visitor (every visitor that gave its " +
    "email, or the visitor alone while it gave none), its qualification now, and every event stored for its " +
    "visitors as the collector keeps them, a page at a time: follow `nextCursor` until it is null (visitor by " +
    "visitor; a browser that joins the person, or an event that arrives late, while you page may be missed: " +
    "page again for a complete copy). Client IP " +
    "addresses are never stored: each event has only the tag of its network (`network`).",
  tags: ["Privacy"],
  ...authenticated(),
  request: {
    params: z.object({ visitorId: ulidSchema.describe("Any visitor of the person.") }),
    query: z.object({
      limit: z.coerce
        .number()
        .int()
        .min(1)
        .max(MAX_EXPORT_LIMIT)
        .default(DEFAULT_EXPORT_LIMIT)
        .describe("Events a page holds."),
      cursor: pageQuery.cursor,
    }),
  },
  responses: {
    200: {
      description: "All that is held, a page of its events at a time.",
      content: { "application/json": { schema: visitorExportSchema } },
    },
    ...errorResponses(400, 401, 404, 503),
  },
});

/** `GET /v1/visitors/:visitorId/export`: all that is held about the visitor's person, paged. */
export const visitorExportRoute = newRouter().openapi(exportRoute, async (c) => {
  const { visitorId } = c.req.valid("param");
  const { limit, cursor } = c.req.valid("query");
  const after = cursor ? decodeExportCursor(cursor) : undefined;
  const notFound = new ApiError(404, "visitor_not_found", `no visitor ${visitorId} has been seen`);
  if (!(await leadOfVisitor(c.env.DB, visitorId))) throw notFound;
  const visitor = visitorStub(c.env.VISITORS, visitorId);
  const [visitorIds, qualification] = await Promise.all([visitor.leadVisitors(visitorId), visitor.qualification()]);
  if (!visitorIds) throw notFound;
  const { events, next } = await exportEvents(c.env, visitorIds, limit, after);
  const primary = qualification?.visitorIds ?? [];
  return c.json(
    {
      exportedAt: new Date().toISOString(),
      // The qualification's order (primary first), then any visitor it does not score.
      visitorIds: [...new Set([...primary, ...visitorIds])],
      qualification,
      events,
      nextCursor: next ? encodeExportCursor(next) : null,
    },
    200,
  );
});

/**
 * One page of the visitors' events: visitor by visitor in id order, each visitor's oldest first,
 * from after `after`. One visitor's object is asked at a time, for what the page still has room
 * for. The cursor names a visitor and an event, not the person's visitors then: a browser whose id
 * sorts before the cursor's that joins between pages, or an event dated before the cursor that
 * arrives between pages, is in the next export, not this one (the description says so).
 */
async function exportEvents(
  env: Env,
  visitorIds: readonly string[],
  limit: number,
  after: ExportCursor | undefined,
): Promise<{ events: Stored[]; next: ExportCursor | null }> {
  const ordered = [...visitorIds].sort().filter((id) => !after || id >= after.visitorId);
  const events: Stored[] = [];
  for (const [i, id] of ordered.entries()) {
    const page = await visitorStub(env.VISITORS, id).exportPage(
      limit - events.length,
      after?.visitorId === id ? after : undefined,
    );
    events.push(...page.items);
    if (page.next) return { events, next: { visitorId: id, ...page.next } };
    // Full at this visitor's last event: the next page goes on with the next visitor.
    const last = events.at(-1);
    if (events.length === limit && i < ordered.length - 1 && last) {
      return { events, next: { visitorId: id, ts: last.ts, id: last.id } };
    }
  }
  return { events, next: null };
}
