import { describeIssues, QUALIFICATION_STAGES } from "@embudo/shared";
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../env.ts";
import { ApiError } from "../errors.ts";
import { requireApiKey } from "../middleware/api-key.ts";
import { type LeadCursor, listLeads } from "../storage/leads-index.ts";

/** The page size when none is asked for, and the largest allowed. */
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

/** Query of `GET /v1/leads`. */
export const leadsQuerySchema = z.strictObject({
  stage: z.enum(QUALIFICATION_STAGES).optional(),
  email: z.email().toLowerCase().optional(),
  site: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT),
  cursor: z.string().min(1).max(200).optional(),
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

/**
 * `GET /v1/leads?stage=mql&limit=50&cursor=…&email=…`: leads newest change first, from the D1
 * index. Without `stage`, every identified visitor; `stage=anonymous` lists anonymous visitors.
 * Listed qualifications keep their largest reasons (`reasonsTotal` says how many there are);
 * `GET /v1/visitors/:id` serves all of them.
 */
export const leadsRoute = new Hono<AppEnv>().use("*", requireApiKey()).get("/", async (c) => {
  const query = leadsQuerySchema.safeParse(c.req.query());
  if (!query.success) throw new ApiError(400, "invalid_query", describeIssues(query.error));
  const { cursor, ...filters } = query.data;
  const page = await listLeads(c.env.DB, { ...filters, ...(cursor ? { cursor: decodeCursor(cursor) } : {}) });
  return c.json({ items: page.items, nextCursor: page.next ? encodeCursor(page.next) : null });
});
