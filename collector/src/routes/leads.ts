import { leadsPageSchema, QUALIFICATION_STAGES } from "@embudo/shared";
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { authenticated, errorResponses, newRouter } from "../openapi.ts";
import { decodeCursor, pageAnswer, pageQuery } from "../params/page-cursor.ts";
import { siteQuery } from "../params/site-query.ts";
import { LEAD_SORTS, listLeads } from "../storage/leads-index.ts";

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
  space: siteQuery
    .optional()
    .describe(
      "Only leads of this people space: a group of sites (`group` in EMBUDO_SITES), or a site key for a site in " +
        "no group. One email is one person per space, so `email=` alone may list several.",
    ),
  sort: z
    .enum(LEAD_SORTS)
    .default("changed")
    .describe(
      "changed: newest change first. engagement, fit: highest first, as of each lead's last change (engagement " +
        "decays in between; `GET /v1/visitors/{visitorId}` scores one now).",
    ),
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

/** `GET /v1/leads?stage=mql&sort=engagement&limit=50&cursor=…&email=…`: leads from the D1 index. */
export const leadsRoute = newRouter().openapi(listLeadsRoute, async (c) => {
  const { cursor, ...filters } = c.req.valid("query");
  // Cursors of a score order say so; newest-change cursors keep the form they always had.
  const order = filters.sort === "changed" ? undefined : filters.sort;
  const page = await listLeads(c.env.DB, { ...filters, ...(cursor ? { cursor: decodeCursor(cursor, order) } : {}) });
  return c.json(pageAnswer(page, order), 200);
});
