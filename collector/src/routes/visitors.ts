import { describeIssues, SALES_OUTCOMES, ulidSchema } from "@embudo/shared";
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../env.ts";
import { ApiError } from "../errors.ts";
import { requireApiKey } from "../middleware/api-key.ts";
import { visitorStub } from "../storage/visitor-naming.ts";

/** Body of `POST /v1/visitors/:visitorId/feedback`. */
export const feedbackSchema = z.strictObject({
  /** Optional ULID made by the client: a retried request with the same id is recorded once. */
  id: ulidSchema.optional(),
  outcome: z.enum(SALES_OUTCOMES),
  reason: z.string().trim().min(1).max(500).optional(),
});

function visitorIdParam(raw: string): string {
  const parsed = ulidSchema.safeParse(raw);
  if (!parsed.success) throw new ApiError(400, "invalid_visitor_id", "the visitor id must be a ULID");
  return parsed.data;
}

function notFound(visitorId: string): ApiError {
  return new ApiError(404, "visitor_not_found", `no visitor ${visitorId} has been seen`);
}

/**
 * `GET /v1/visitors/:visitorId`: one visitor's qualification, scored now.
 * `POST /v1/visitors/:visitorId/feedback`: what sales said (accepted, rejected, disqualified),
 * stored as an event beside the visitor's own and scored with them.
 */
export const visitorsRoute = new Hono<AppEnv>()
  .use("*", requireApiKey())
  .get("/:visitorId", async (c) => {
    const visitorId = visitorIdParam(c.req.param("visitorId"));
    const qualification = await visitorStub(c.env.VISITORS, visitorId).qualification();
    if (!qualification) throw notFound(visitorId);
    return c.json(qualification);
  })
  .post("/:visitorId/feedback", async (c) => {
    const visitorId = visitorIdParam(c.req.param("visitorId"));
    let json: unknown;
    try {
      json = await c.req.json();
    } catch {
      throw new ApiError(400, "malformed_json", "the body is not valid JSON");
    }
    const body = feedbackSchema.safeParse(json);
    if (!body.success) throw new ApiError(400, "invalid_feedback", describeIssues(body.error));
    const qualification = await visitorStub(c.env.VISITORS, visitorId).recordFeedback(
      body.data.outcome,
      body.data.reason,
      body.data.id,
    );
    if (!qualification) throw notFound(visitorId);
    return c.json(qualification);
  });
