import type { ErrorResponse } from "@embudo/shared";
import type { ErrorHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/**
 * A request the collector refuses, with a machine-readable `code` for clients and a message
 * for people. Thrown anywhere; turned into the `{"error": {code, message}}` shape by {@link onError}.
 */
export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(status, { message });
    this.name = "ApiError";
  }
}

/** What went wrong, for a log line: an error's message, or anything else thrown as text. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Builds the JSON body every error answer carries. */
export function errorBody(code: string, message: string): ErrorResponse {
  return { error: { code, message } };
}

/**
 * Codes for the exceptions Hono raises itself: its validators throw 400 only when a body does
 * not parse, the OpenAPI router 415 for a media type a route does not declare, bodyLimit 413.
 */
const HONO_CODES: Partial<Record<number, string>> = {
  400: "malformed_json",
  413: "payload_too_large",
  415: "unsupported_media_type",
};

/**
 * The one place errors become responses. Unknown errors are logged (never with request bodies or
 * secrets) and answered with a generic 500, so internals never leak to clients.
 */
export const onError: ErrorHandler = (err, c) => {
  if (err instanceof ApiError) {
    return c.json(errorBody(err.code, err.message), err.status, err.headers);
  }
  if (err instanceof HTTPException) {
    const code = HONO_CODES[err.status] ?? `http_${err.status}`;
    return c.json(errorBody(code, err.message || "request refused"), err.status);
  }
  console.error("unhandled error", err instanceof Error ? (err.stack ?? err.message) : String(err));
  return c.json(errorBody("internal_error", "the collector failed to handle this request"), 500);
};
