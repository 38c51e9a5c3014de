import { costsPageSchema, costsRequestSchema, monthSchema } from "@embudo/shared";
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { ApiError } from "../errors.ts";
import { authenticated, errorResponses, limitBody, newRouter } from "../openapi.ts";
import { listCosts, putCosts } from "../storage/costs.ts";

/** 1,000 items of a few dozen bytes each fit with room to spare. */
const COSTS_MAX_BYTES = 256 * 1024;

const costsQuerySchema = z.strictObject({
  from: monthSchema.optional().describe("The first month listed (default: the earliest)."),
  to: monthSchema.optional().describe("The last month listed, inclusive (default: the latest)."),
});

const costsAnswer = {
  content: { "application/json": { schema: costsPageSchema } },
};

const putCostsRoute = createRoute({
  method: "put",
  path: "/",
  summary: "Record marketing spend",
  description:
    "Inserts or replaces spend by (month, source, campaign): what the sources report divides by the leads each " +
    "source brought (cost per MQL, per SQL). Source and campaign are compared with touches trimmed and " +
    "lower-cased. All items are stored or none; an item given twice in one request is refused.",
  tags: ["Reports"],
  ...authenticated(limitBody(COSTS_MAX_BYTES)),
  request: { body: { required: true, content: { "application/json": { schema: costsRequestSchema } } } },
  responses: {
    200: { description: "The items as stored.", ...costsAnswer },
    ...errorResponses(400, 401, 413, 415, 503),
  },
});

const listCostsRoute = createRoute({
  method: "get",
  path: "/",
  summary: "List marketing spend",
  description: "Spend recorded for the months from `from` to `to`, by month, source and campaign.",
  tags: ["Reports"],
  ...authenticated(),
  request: { query: costsQuerySchema },
  responses: {
    200: { description: "The spend of those months.", ...costsAnswer },
    ...errorResponses(400, 401, 503),
  },
});

/**
 * `PUT /v1/costs`: spend by month, source and campaign, upserted all or none.
 * `GET /v1/costs?from=YYYY-MM&to=YYYY-MM`: what was recorded for those months.
 */
export const costsRoute = newRouter()
  .openapi(putCostsRoute, async (c) => {
    const { items } = c.req.valid("json");
    const seen = new Map<string, number>();
    for (const [index, item] of items.entries()) {
      const key = JSON.stringify([item.month, item.source, item.campaign]);
      const first = seen.get(key);
      if (first !== undefined) {
        throw new ApiError(
          400,
          "duplicate_item",
          `items.${index} repeats items.${first} (month ${item.month}, source ${item.source}, campaign ${item.campaign}): give each once`,
        );
      }
      seen.set(key, index);
    }
    await putCosts(c.env.DB, items);
    return c.json({ items }, 200);
  })
  .openapi(listCostsRoute, async (c) => {
    const { from = "0000-01", to = "9999-12" } = c.req.valid("query");
    if (from > to) throw new ApiError(400, "invalid_query", `from (${from}) is after to (${to})`);
    return c.json({ items: await listCosts(c.env.DB, from, to) }, 200);
  });
