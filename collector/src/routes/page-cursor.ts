import { z } from "zod";
import { ApiError } from "../errors.ts";
import type { IndexCursor } from "../storage/newest-first.ts";

/** The page size when none is asked for, and the largest allowed. */
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

/** The `limit` and `cursor` query parameters every listing takes. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT).describe("Page size."),
  cursor: z.string().min(1).max(600).optional().describe("`nextCursor` of the previous page."),
};

/** Cursors are opaque to clients: base64url of the last row's sort key. */
export function encodeCursor(cursor: IndexCursor): string {
  const bytes = new TextEncoder().encode(JSON.stringify([cursor.changedAt, cursor.key]));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
}

/** The cursor `text` encodes. @throws {ApiError} 400 `invalid_cursor` when this API did not make it. */
export function decodeCursor(text: string): IndexCursor {
  try {
    const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
    const json = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(
      Uint8Array.from(binary, (c) => c.charCodeAt(0)),
    );
    const [changedAt, key] = JSON.parse(json) as unknown[];
    if (typeof changedAt === "number" && typeof key === "string") return { changedAt, key };
  } catch {
    // fall through
  }
  throw new ApiError(400, "invalid_cursor", "the cursor is not one this API returned");
}
