import { leadsPageSchema, QUALIFICATION_STAGES } from "@embudo/shared";
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { authenticated, errorResponses, newRouter } from "../openapi.ts";
import { listLeads } from "../storage/leads-index.ts";
import { decodeCursor, pageAnswer, pageQuery } from "./page-cursor.ts";
import { siteQuery } from "./site-query.ts";

/** Query of `GET /v1/leads`; unknown parameters are refused rather than silently ignored. */
export const leadsQuerySchema = z.strictObject({
  stage: z
    .enum(QUALIFICATION_STAGES)
    .optional()
    .describe(
      "Only this stage. Without it, every person (identified lead); `anonymous` lists the visitors without email.",
    ),
  email: z.email().toLowerCase().optional().describe("Only the person with this email (case-insensitive)."),
  site: siteQuery.optional().describe("Only leads of this site key (a person's: its primary visitor's)."),
  ...pageQuery,
});

const listLeadsRoute = createRoute({
  method: "get",
  path: "/",
  summary: "List leads",
  description:
    "Leads newest change first, from the leads index: one item per person (every visitor that gave one email), " +
    "and under `stage=anonymous` the visitors that gave none. Listed qualifications keep their largest reasons " +
    "(`reasonsTotal` says how many there are); `GET /v1/visitors/{visitorId}` serves all of them.",
  tags: ["Qualification"],
  ...authenticated(),
  request: { query: leadsQuerySchema },
  responses: {
    200: { description: "One page of leads.", content: { "application/json": { schema: leadsPageSchema } } },
    ...errorResponses(400, 401, 503),
  },
});

/** `GET /v1/leads?stage=mql&limit=50&cursor=…&email=…`: leads newest change first, from the D1 index. */
export const leadsRoute = newRouter().openapi(listLeadsRoute, async (c) => {
  const { cursor, ...filters } = c.req.valid("query");
  const page = await listLeads(c.env.DB, { ...filters, ...(cursor ? { cursor: decodeCursor(cursor) } : {}) });
  return c.json(pageAnswer(page), 200);
});
