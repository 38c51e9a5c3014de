import { z } from "zod";
import { ApiError } from "../errors.ts";
import type { TimelineCursor } from "../objects/stored-events.ts";
import type { IndexCursor, IndexPage } from "../storage/newest-first.ts";

/** The page size when none is asked for, and the largest allowed. */
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

/** The `limit` and `cursor` query parameters every listing takes. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT).describe("Page size."),
  cursor: z.string().min(1).max(600).optional().describe("`nextCursor` of the previous page."),
};

/** Cursors are opaque to clients: base64url of the JSON of the last item's sort key. */
function encode(key: unknown[]): string {
  const bytes = new TextEncoder().encode(JSON.stringify(key));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
}

/** The sort key `text` encodes, or null when it is not one {@link encode} made. */
function decode(text: string): unknown[] | null {
  try {
    const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
    const json = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(
      Uint8Array.from(binary, (c) => c.charCodeAt(0)),
    );
    const key = JSON.parse(json) as unknown;
    return Array.isArray(key) ? key : null;
  } catch {
    return null;
  }
}

function invalidCursor(): ApiError {
  return new ApiError(400, "invalid_cursor", "the cursor is not one this API returned");
}

/**
 * The cursor of an index listing (`/v1/leads`, `/v1/accounts`, `/v1/stage-changes`, deliveries):
 * the last row's sort value and key, and the sort it belongs to unless it is the newest-change
 * order (so a cursor of one order is refused by another).
 */
export function encodeCursor(cursor: IndexCursor, sort?: string): string {
  return encode(sort ? [sort, cursor.value, cursor.key] : [cursor.value, cursor.key]);
}

/** A page of an index listing as the API answers it: its items, and the cursor of the next. */
export function pageAnswer<T>(page: IndexPage<T>, sort?: string): { items: T[]; nextCursor: string | null } {
  return { items: page.items, nextCursor: page.next ? encodeCursor(page.next, sort) : null };
}

/**
 * The cursor `text` encodes, for the listing sorted by `sort` (none: newest change first).
 * @throws {ApiError} 400 `invalid_cursor` when this API did not make it for that order.
 */
export function decodeCursor(text: string, sort?: string): IndexCursor {
  const parts = decode(text) ?? [];
  const [value, key, ...rest] = sort ? (parts[0] === sort ? parts.slice(1) : []) : parts;
  if (typeof value === "number" && typeof key === "string" && rest.length === 0) return { value, key };
  throw invalidCursor();
}

/** The cursor of a timeline (`/v1/visitors/:id/events`): the last event's time and id, tagged. */
export function encodeTimelineCursor(cursor: TimelineCursor): string {
  return encode(["events", cursor.ts, cursor.id]);
}

/** The timeline cursor `text` encodes. @throws {ApiError} 400 `invalid_cursor` for any other. */
export function decodeTimelineCursor(text: string): TimelineCursor {
  const [tag, ts, id, ...rest] = decode(text) ?? [];
  if (tag === "events" && typeof ts === "number" && typeof id === "string" && rest.length === 0) return { ts, id };
  throw invalidCursor();
}

/** Where an export page ended: the visitor it was reading, and that visitor's last event exported. */
export interface ExportCursor extends TimelineCursor {
  visitorId: string;
}

/** The cursor of an export (`/v1/visitors/:id/export`): the visitor, and its last event's time and id. */
export function encodeExportCursor(cursor: ExportCursor): string {
  return encode(["export", cursor.visitorId, cursor.ts, cursor.id]);
}

/** The export cursor `text` encodes. @throws {ApiError} 400 `invalid_cursor` for any other. */
export function decodeExportCursor(text: string): ExportCursor {
  const [tag, visitorId, ts, id, ...rest] = decode(text) ?? [];
  if (tag === "export" && typeof visitorId === "string" && typeof ts === "number" && typeof id === "string") {
    if (rest.length === 0) return { visitorId, ts, id };
  }
  throw invalidCursor();
}
