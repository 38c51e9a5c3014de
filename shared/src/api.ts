/**
 * Bodies of the qualification API beside the qualification itself: sales feedback, the leads
 * page, and the error shape every route answers with. The collector declares its routes with
 * these schemas, so validation and the OpenAPI document come from the same place.
 */
import { z } from "zod";
import { SALES_OUTCOMES, salesReasonSchema } from "./scoring/events.ts";
import { qualificationSchema } from "./scoring/qualification.ts";
import { ulidSchema } from "./wire.ts";

/** How many reasons a listed qualification keeps; `GET /v1/visitors/:id` serves all of them. */
export const LISTED_REASONS = 20;

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

/** A qualification as listed: its {@link LISTED_REASONS} largest reasons and how many there are. */
export const listedQualificationSchema = qualificationSchema
  .extend({ reasonsTotal: z.number().int().nonnegative().describe("How many reasons the full qualification has.") })
  .meta({
    id: "ListedQualification",
    description: `A qualification with its ${LISTED_REASONS} largest reasons; GET /v1/visitors/{visitorId} has them all.`,
  });
export type ListedQualification = z.infer<typeof listedQualificationSchema>;

/** One page of `GET /v1/leads`, newest change first. */
export const leadsPageSchema = z
  .object({
    items: z.array(listedQualificationSchema),
    nextCursor: z.string().nullable().describe("Pass as `cursor` for the next page; null on the last page."),
  })
  .meta({ id: "LeadsPage" });
export type LeadsPage = z.infer<typeof leadsPageSchema>;
