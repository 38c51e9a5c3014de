import { leadsPageSchema, QUALIFICATION_STAGES } from "@embudo/shared";
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { ApiError } from "../errors.ts";
import { authenticated, errorResponses, newRouter } from "../openapi.ts";
import { type LeadCursor, listLeads } from "../storage/leads-index.ts";

/** The page size when none is asked for, and the largest allowed. */
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

/** Query of `GET /v1/leads`; unknown parameters are refused rather than silently ignored. */
export const leadsQuerySchema = z.strictObject({
  stage: z
    .enum(QUALIFICATION_STAGES)
    .optional()
    .describe("Only this stage. Without it, every identified visitor; `anonymous` lists the others."),
  email: z.email().toLowerCase().optional().describe("Only the lead with this email (case-insensitive)."),
  site: z.string().min(1).max(64).optional().describe("Only leads of this site key."),
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT).describe("Page size."),
  cursor: z.string().min(1).max(200).optional().describe("`nextCursor` of the previous page."),
});

/** Cursors are opaque to clients: base64url of the last row's sort key. */
export function encodeCursor(cursor: LeadCursor): string {
  return btoa(JSON.stringify([cursor.changedAt, cursor.visitorId]))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
}

export function decodeCursor(text: string): LeadCursor {
  try {
    const [changedAt, visitorId] = JSON.parse(atob(text.replaceAll("-", "+").replaceAll("_", "/"))) as unknown[];
    if (typeof changedAt === "number" && typeof visitorId === "string") return { changedAt, visitorId };
  } catch {
    // fall through
  }
  throw new ApiError(400, "invalid_cursor", "the cursor is not one this API returned");
}

const listLeadsRoute = createRoute({
  method: "get",
  path: "/",
  summary: "List leads",
  description:
    "Leads newest change first, from the leads index. Listed qualifications keep their largest reasons " +
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
  return c.json({ items: page.items, nextCursor: page.next ? encodeCursor(page.next) : null }, 200);
});
