import type { ErrorResponse } from "@embudo/shared";
import type { ErrorHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/**
 * A request the collector refuses, with a machine-readable `code` for clients and a message
 * for people. Thrown anywhere; turned into the JSON error shape of design §4 by {@link onError}.
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

/** Builds the JSON body every error answer carries. */
export function errorBody(code: string, message: string): ErrorResponse {
  return { error: { code, message } };
}

/**
 * The one place errors become responses. Unknown errors are logged (never with request bodies or
 * secrets) and answered with a generic 500, so internals never leak to clients.
 */
export const onError: ErrorHandler = (err, c) => {
  if (err instanceof ApiError) {
    return c.json(errorBody(err.code, err.message), err.status, err.headers);
  }
  if (err instanceof HTTPException) {
    // Hono's own exceptions (e.g. from bodyLimit) carry a status but no code.
    const code = err.status === 413 ? "payload_too_large" : `http_${err.status}`;
    return c.json(errorBody(code, err.message || "request refused"), err.status);
  }
  console.error("unhandled error", err instanceof Error ? (err.stack ?? err.message) : String(err));
  return c.json(errorBody("internal_error", "the collector failed to handle this request"), 500);
};
