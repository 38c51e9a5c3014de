/**
 * Bodies of the qualification API beside the qualification itself: sales feedback, the leads
 * page, and the error shape every route answers with. The collector declares its routes with
 * these schemas, so validation and the OpenAPI document come from the same place.
 */
import { z } from "zod";
import { SALES_OUTCOMES, salesReasonSchema } from "./scoring/events.ts";
import { type Qualification, qualificationSchema } from "./scoring/qualification.ts";
import { ulidSchema } from "./wire.ts";

/** How much of a visitor's reasons and stage history an answer carries. */
export interface AnswerLimits {
  /** The largest reasons kept. */
  reasons: number;
  /** The latest stage changes kept. */
  stageHistory: number;
}

/**
 * `GET /v1/visitors/:id`: enough to explain any stage. A visitor's history is bounded by its quota,
 * but its receipts are not cheap to read in full, so answers stay small whatever the history.
 */
export const VISITOR_ANSWER_LIMITS: AnswerLimits = { reasons: 250, stageHistory: 250 };

/** Each item of `GET /v1/leads`, and so each row of the leads index. */
export const LISTED_LIMITS: AnswerLimits = { reasons: 20, stageHistory: 20 };

/**
 * `q` with its largest reasons and its latest stage changes, as `limits` allows; `reasonsTotal`
 * and `stageHistoryTotal` still count them all.
 */
export function boundedQualification(q: Qualification, limits: AnswerLimits): Qualification {
  return {
    ...q,
    reasons: q.reasons.slice(0, limits.reasons),
    stageHistory: q.stageHistory.slice(-limits.stageHistory),
  };
}

/** The shape of every error answer: a code for programs, a message for people. */
export const errorResponseSchema = z
  .object({
    error: z.object({
      code: z.string().describe("Stable and machine-readable: unauthorized, invalid_query, rate_limited, …"),
      message: z.string().describe("What went wrong and how to fix it, for people."),
    }),
  })
  .meta({ id: "Error" });
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

/** Body of `POST /v1/visitors/:visitorId/feedback`: what sales said about the lead. */
export const feedbackRequestSchema = z
  .strictObject({
    id: ulidSchema
      .optional()
      .describe("A ULID made by the client: a retried request with the same id is recorded once."),
    outcome: z
      .enum(SALES_OUTCOMES)
      .describe(
        "accepted: sales works the lead. rejected: not ready, recycled to MQL until a new hand-raise. " +
          "disqualified: will not buy.",
      ),
    reason: salesReasonSchema.optional().describe("Why, in sales' words; shown in the stage history."),
  })
  .meta({ id: "FeedbackRequest" });
export type FeedbackRequest = z.infer<typeof feedbackRequestSchema>;

/** One page of `GET /v1/leads`, newest change first. */
export const leadsPageSchema = z
  .object({
    items: z
      .array(qualificationSchema)
      .describe(
        `Each lead's qualification with its ${LISTED_LIMITS.reasons} largest reasons and ${LISTED_LIMITS.stageHistory} ` +
          "latest stage changes; GET /v1/visitors/{visitorId} has more.",
      ),
    nextCursor: z.string().nullable().describe("Pass as `cursor` for the next page; null on the last page."),
  })
  .meta({ id: "LeadsPage" });
export type LeadsPage = z.infer<typeof leadsPageSchema>;
