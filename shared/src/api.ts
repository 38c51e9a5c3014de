/**
 * Bodies of the qualification API beside the qualification itself: sales feedback, the leads
 * page, and the error shape every route answers with. The collector declares its routes with
 * these schemas, so validation and the OpenAPI document come from the same place.
 */
import { z } from "zod";
import { CONTENT_STAGES } from "./limits.ts";
import { nextCursorSchema } from "./paging.ts";
import { SALES_OUTCOMES, salesReasonSchema } from "./scoring/events.ts";
import { type Qualification, qualificationSchema } from "./scoring/qualification.ts";
import { QUALIFICATION_STAGES } from "./scoring/stage-names.ts";
import { identitySchema, ulidSchema } from "./wire.ts";

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

/** `POST /v1/visitors/:visitorId/claim`: sales' word on whether a browser is the person it claims to be. */
export const claimReviewRequestSchema = z
  .strictObject({
    decision: z
      .enum(["confirmed", "rejected"])
      .describe(
        "confirmed: the browser is the person; all its events count for it. rejected: it is not; its events " +
          "leave the person's score, and no other browser takes its place unless confirmed.",
      ),
    email: z
      .email()
      .max(254)
      .optional()
      .describe("The person whose claim this is: an email the browser gave. Default: the latest it gave."),
  })
  .meta({ id: "ClaimReviewRequest" });

/** One page of `GET /v1/leads`, newest change first. */
export const leadsPageSchema = z
  .object({
    items: z
      .array(qualificationSchema)
      .describe(
        `Each lead's qualification with its ${LISTED_LIMITS.reasons} largest reasons and ${LISTED_LIMITS.stageHistory} ` +
          "latest stage changes; GET /v1/visitors/{visitorId} has more.",
      ),
    nextCursor: nextCursorSchema,
  })
  .meta({ id: "LeadsPage" });
export type LeadsPage = z.infer<typeof leadsPageSchema>;

/**
 * One event of a lead's raw timeline, as the collector stored it: a tracked event (its wire fields,
 * time corrected for the client's clock) with where and when it arrived, or sales feedback.
 * Fields beyond the common ones depend on `type` (wire format, shared/README.md).
 */
export const storedEventSchema = z
  .object({
    id: ulidSchema,
    type: z
      .enum(["content_view", "pricing_view", "download", "form_submit", "identify", "custom", "sales_feedback"])
      .describe("The tracked event types of the wire format, and sales_feedback recorded through the API."),
    visitorId: ulidSchema.describe("The browser that sent it (for sales feedback: the visitor it was given on)."),
    ts: z.number().int().describe("When it happened (ms since the epoch), corrected for the client's clock."),
    receivedAt: z.number().int().describe("When the collector stored it (ms)."),
    site: z.string().optional().describe("The site key it was sent with (tracked events)."),
    clientTs: z.number().int().optional().describe("The time the browser gave, before clock correction."),
    network: z
      .string()
      .optional()
      .describe(
        "A tag of the network it came from, the same for one network and never the address (a keyed hash): " +
          "what ties a person's browsers together.",
      ),
    sessionId: ulidSchema.optional(),
    url: z.string().optional().describe("The page, without fragment and with attribution parameters only."),
    title: z.string().optional(),
    referrer: z.string().optional(),
    stage: z.enum(CONTENT_STAGES).optional(),
    props: z.record(z.string(), z.unknown()).optional(),
    automation: z.boolean().optional(),
    href: z.string().optional().describe("download: the file."),
    formId: z.string().optional().describe("form_submit: the form."),
    intent: z.string().optional().describe("form_submit: what the form asks for."),
    traits: identitySchema.optional().describe("form_submit, identify: the identity traits given."),
    name: z.string().optional().describe("custom: the event's name."),
    outcome: z.enum(SALES_OUTCOMES).optional().describe("sales_feedback: the verdict."),
    reason: z.string().optional().describe("sales_feedback: why."),
  })
  .meta({ id: "StoredEvent" });
export type StoredEventAnswer = z.infer<typeof storedEventSchema>;

/** `GET /v1/visitors/:id/events`: a lead's raw timeline, newest first. */
export const eventsPageSchema = z
  .object({
    items: z
      .array(storedEventSchema)
      .describe("The lead's events, newest first: every visitor of its person, each event once (by id)."),
    nextCursor: nextCursorSchema,
  })
  .meta({ id: "EventsPage" });
/** A page of a lead's raw timeline, as answered. */
export type EventsPage = z.infer<typeof eventsPageSchema>;

/** The answer of `DELETE /v1/visitors/:id` and `DELETE /v1/people?email=`. */
export const erasureSchema = z
  .object({
    erased: z
      .object({
        visitors: z.number().int().nonnegative().describe("Visitors erased: every browser of the person."),
        events: z.number().int().nonnegative().describe("Events erased, across those visitors."),
      })
      .describe("What this request erased: zeros when the person had already been erased."),
  })
  .meta({ id: "Erasure" });
export type Erasure = z.infer<typeof erasureSchema>;

/** `GET /v1/visitors/:id/export`: everything held about the person. */
export const visitorExportSchema = z
  .object({
    exportedAt: z.iso.datetime(),
    visitorIds: z.array(ulidSchema).describe("The person's visitors: every browser that gave its email."),
    qualification: qualificationSchema
      .nullable()
      .describe("The lead's qualification now; null when none of its events is scored (automated browsers)."),
    events: z
      .array(storedEventSchema)
      .describe(
        "This page of the events stored for those visitors, as kept (identity traits included): visitor by " +
          "visitor in id order, each visitor's oldest first. The pages together hold every event once.",
      ),
    nextCursor: nextCursorSchema,
  })
  .meta({ id: "VisitorExport" });
export type VisitorExport = z.infer<typeof visitorExportSchema>;

/**
 * One change of a lead's stage, as the lead's object saw it happen and recorded it: what
 * `GET /v1/stage-changes` lists, and what a stage-change notification says.
 */
export const leadStageChangeSchema = z
  .object({
    leadId: z
      .string()
      .describe(
        'The lead: "person:<space>:<email>" for a person (one email in one people space: a group of sites, or one ' +
          'site), "visitor:<visitorId>" for a visitor that gave no email. People from before spaces keep ' +
          '"person:<email>" until their visitors move them into their space.',
      ),
    visitorId: ulidSchema.describe("The lead's primary visitor, as GET /v1/visitors/{visitorId} takes it."),
    email: z.string().nullable().describe("The person's email; null for a visitor that gave none."),
    site: z.string().describe("The site key of the lead's primary visitor."),
    sequence: z
      .number()
      .int()
      .positive()
      .describe("Rises by one with each change of this lead, from 1: order a lead's changes by it."),
    previousStage: z
      .enum(QUALIFICATION_STAGES)
      .nullable()
      .describe("The stage before; null when the lead had none (its first stage was not `anonymous`)."),
    stage: z.enum(QUALIFICATION_STAGES).describe("The new stage."),
    at: z.iso.datetime().describe("When it changed: the deciding event's time, or the moment time alone moved it."),
    reason: z.string().describe('What caused it: "form_submit demo", "decay: engagement below 70", …'),
    rule: z.string().describe('The stage rule that matched, with its numbers: "hand-raise: form_submit demo".'),
    eventId: z.string().nullable().describe("The deciding event; null when time alone moved the stage."),
    recordedAt: z.iso.datetime().describe("When the collector recorded the change."),
  })
  .meta({ id: "LeadStageChange" });
export type LeadStageChange = z.infer<typeof leadStageChangeSchema>;

/** One page of `GET /v1/stage-changes`, newest change first. */
export const stageChangesPageSchema = z
  .object({
    items: z.array(leadStageChangeSchema),
    nextCursor: nextCursorSchema,
  })
  .meta({ id: "StageChangesPage" });

/** A calendar month, `YYYY-MM`, of the years marketing spend and leads can have (1970 to 9999). */
export const monthSchema = z
  .string()
  .regex(/^(19[7-9]\d|[2-9]\d{3})-(0[1-9]|1[0-2])$/, "must be a month as YYYY-MM, from 1970-01")
  .describe("A calendar month, YYYY-MM (UTC), from 1970-01.");

/**
 * The ISO 4217 currencies the runtime's ICU knows (`Intl.supportedValuesOf`): the codes in use,
 * not the testing and no-currency codes (`XTS`, `XXX`) or any three letters.
 */
const CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf("currency"));

/** A `utm_*` value as touches keep it: trimmed and lower-cased, so spend and touches meet. */
const tagValue = z.string().trim().toLowerCase().min(1).max(200);

/** Spend on one source (and campaign) in one month. Unknown keys are refused: a misspelt `campaign` must not file spend under none. */
export const costItemSchema = z
  .strictObject({
    month: monthSchema,
    source: tagValue.describe('The utm_source the spend bought, e.g. "linkedin" (trimmed, lower-cased).'),
    campaign: tagValue
      .nullable()
      .default(null)
      .describe("The utm_campaign, or null (or absent) for spend on the source as a whole (trimmed, lower-cased)."),
    amount: z
      .number()
      .finite()
      .min(0)
      .max(1e12)
      .describe("What was spent that month; 0 removes the item (its month, source and campaign)."),
    currency: z
      .string()
      .toUpperCase()
      .refine((code) => CURRENCIES.has(code), "must be an ISO 4217 currency code such as EUR")
      .describe("ISO 4217 code of a currency in use, e.g. EUR."),
  })
  .meta({ id: "CostItem" });
export type CostItem = z.infer<typeof costItemSchema>;

/** The most items one `PUT /v1/costs` takes. */
export const MAX_COST_ITEMS = 1000;

/** `PUT /v1/costs`: spend to insert or replace, by (month, source, campaign). */
export const costsRequestSchema = z
  .strictObject({
    items: z
      .array(costItemSchema)
      .min(1)
      .max(MAX_COST_ITEMS)
      .describe(`At most ${MAX_COST_ITEMS} items; each replaces any earlier spend of its month, source and campaign.`),
  })
  .meta({ id: "CostsRequest" });

/** `GET /v1/costs` and the answer to `PUT /v1/costs`. */
export const costsPageSchema = z
  .object({
    items: z.array(costItemSchema).describe("Spend by month, then source, then campaign (null first)."),
  })
  .meta({ id: "Costs" });
export type CostsPage = z.infer<typeof costsPageSchema>;
