/**
 * A qualification: what the engine answers about a visitor, and what the qualification API serves.
 * The schemas are the contract; the engine's types are inferred from them, so the document the
 * collector publishes and the code that fills it cannot drift apart.
 */
import { z } from "zod";
import { CONTENT_STAGES, TRAIT_KEYS } from "../limits.ts";
import { identitySchema } from "../wire.ts";
import { CHANNELS } from "./channels.ts";
import { isoTimeSchema } from "./contract-fields.ts";
import { QUALIFICATION_STAGES } from "./stage-names.ts";

const contentStage = z.enum(CONTENT_STAGES);

/** How many of each behaviour counted. */
export const engagementCountsSchema = z
  .object({
    sessions: z.number().int().nonnegative().describe("Runs of events without a gap longer than the session timeout."),
    contentViews: z
      .number()
      .int()
      .nonnegative()
      .describe("Content views that counted: the same URL once a UTC day, a daily cap; careers pages excluded."),
    downloads: z.number().int().nonnegative().describe("Distinct files downloaded."),
    pricingViews: z
      .number()
      .int()
      .nonnegative()
      .describe("Every pricing-page view (the cap limits points, not the count)."),
    forms: z.number().int().nonnegative().describe("Every form submit."),
  })
  .meta({ id: "EngagementCounts" });
export type EngagementCounts = z.infer<typeof engagementCountsSchema>;

/** One rule that gave or took points, or decided the stage: a receipt. */
export const qualificationReasonSchema = z
  .object({
    rule: z
      .string()
      .describe(
        "content_view, download, pricing_view, form_submit, return_visit, careers_page, custom:NAME, fit:…, " +
          "disqualifier:…, identity_conflict or sales:accepted|rejected|disqualified.",
      ),
    points: z
      .number()
      .describe(
        "Points now: after stage weight, cap and decay, rounded to 0.1. Disqualifiers, identity conflicts and " +
          "sales feedback: 0.",
      ),
    eventId: z
      .string()
      .optional()
      .describe("The event that earned them (for fit rules: the event that set the trait)."),
    at: isoTimeSchema.describe("When that event happened."),
    visitorId: z
      .string()
      .optional()
      .describe("The visitor (browser) whose event it was; given when the lead has more than one."),
    kind: z
      .enum(["engagement", "fit", "disqualifier", "identity", "sales"])
      .describe(
        "identity: another visitor of the person gave a trait that contradicts the one the lead has; it changes " +
          "no score, for sales to judge.",
      ),
    stage: contentStage
      .nullable()
      .optional()
      .describe("Content stage the points count toward in score.byStage (engagement only; null: no stage)."),
    basePoints: z.number().optional().describe("Points before decay (after stage weight and caps)."),
    decay: z.number().optional().describe("Decay factor applied: 0.5 after one half-life."),
    trait: z
      .string()
      .optional()
      .describe("The identity trait a fit rule or disqualifier read, or that an identity conflict is about."),
    note: z.string().describe("What happened, in words."),
  })
  .meta({ id: "QualificationReason" });
export type QualificationReason = z.infer<typeof qualificationReasonSchema>;

/** One change of stage and what caused it. */
export const stageChangeSchema = z
  .object({
    stage: z.enum(QUALIFICATION_STAGES),
    at: isoTimeSchema,
    reason: z
      .string()
      .describe(
        'What caused it: "form_submit newsletter", "download whitepaper.pdf", "sales rejected: not ready", "decay: …".',
      ),
    rule: z.string().describe('The stage rule that matched, with its numbers: "3 content views ≥ 3".'),
    eventId: z
      .string()
      .nullable()
      .describe("The event that caused it; null when time alone did (decay, the pricing window closing)."),
  })
  .meta({ id: "StageChange" });
export type StageChange = z.infer<typeof stageChangeSchema>;

/** Where one visit came from (`touch.ts` holds the channel rules). */
export const touchSchema = z
  .object({
    channel: z
      .enum(CHANNELS)
      .describe(
        "First rule that matches: paid_search (a search ad's click id, or utm_medium cpc/ppc/paid_search/sem), " +
          'paid_social (utm_medium paid_social or containing "paid" with a social utm_source), email (utm_medium ' +
          'email, or a utm_source containing "email" or "newsletter"), organic_social (utm_medium social or a ' +
          "social network's referrer), other_campaign (any other utm_* tag), organic_search (a search engine's " +
          "referrer), referral (a referrer on another host), direct.",
      ),
    source: z.string().nullable().describe("utm_source, else the referrer's host; null for a direct visit."),
    medium: z.string().nullable().describe("utm_medium, or null."),
    campaign: z.string().nullable().describe("utm_campaign, or null."),
    landingPage: z.string().describe("The path the visit landed on: lower-case, no query, no trailing slash."),
    referrer: z.string().nullable().describe("The referrer, unless it was the site itself; null when none."),
    at: isoTimeSchema.describe("When the visit started."),
  })
  .meta({
    id: "Touch",
    description: "Where a visit came from. utm_* values are trimmed and lower-cased, so one source is one group.",
  });
export type Touch = z.infer<typeof touchSchema>;

/** A browser's claim to be a person that the person is not scored with (`claims.ts`). */
const claimSchema = z
  .object({
    visitorId: z.string().describe("The claiming browser."),
    claimedAt: isoTimeSchema.describe("When it first gave the email."),
    status: z
      .enum(["unconfirmed", "rejected"])
      .describe("unconfirmed: waiting for sales to confirm or reject it. rejected: sales said it is not the person."),
    traits: identitySchema.describe("The traits it gave with the email."),
    conflicts: z
      .array(z.enum(TRAIT_KEYS))
      .describe("The traits where it says something else than the person: shown, never applied."),
  })
  .meta({ id: "Claim" });

/** A visitor's qualification. */
export const qualificationSchema = z
  .object({
    visitorId: z
      .string()
      .describe("The lead's primary visitor: the first browser that identified with its email (or the only one)."),
    visitorIds: z
      .array(z.string())
      .min(1)
      .describe("Every visitor (browser) of the lead, primary first; the scores cover all their events."),
    stage: z.enum(QUALIFICATION_STAGES),
    score: z.object({
      engagement: z.number().min(0).describe("Decayed engagement, 0 to the model's max (100), rounded to 0.1."),
      fit: z.number().min(0).describe("Fit from identity traits, 0 to the model's max (100)."),
      byStage: z
        .object({ awareness: z.number(), evaluation: z.number(), decision: z.number() })
        .describe("Decayed engagement points per content stage (points without a stage are in engagement only)."),
    }),
    intent: contentStage
      .nullable()
      .describe("The content stage holding the most decayed points; null when none holds any."),
    identity: identitySchema,
    counts: engagementCountsSchema,
    reasons: z
      .array(qualificationReasonSchema)
      .describe(
        "The rules that gave or took points, plus disqualifiers and sales feedback; largest |points| first. " +
          "Answers keep the largest ones: reasonsTotal says how many there are.",
      ),
    reasonsTotal: z.number().int().nonnegative().describe("How many reasons the visitor has in all."),
    stageHistory: z
      .array(stageChangeSchema)
      .describe(
        "Changes of stage, oldest first; the first ever is the stage after the first event. Answers keep the " +
          "latest ones: stageHistoryTotal says how many there are.",
      ),
    stageHistoryTotal: z.number().int().nonnegative().describe("How many changes of stage the visitor has had."),
    source: z
      .object({
        first: touchSchema.describe("The lead's earliest event: how it first came."),
        latest: touchSchema.describe("The first event of its latest session: how it came most recently."),
      })
      .nullable()
      .describe("Where the lead came from; null only for a lead seen through sales feedback alone."),
    firstSeen: isoTimeSchema,
    lastSeen: isoTimeSchema,
    claims: z
      .array(claimSchema)
      .optional()
      .describe(
        "Browsers that gave this person's email but do not speak for it: nothing tied them to it, or sales " +
          "rejected them. Their events are kept and shown, never scored. Absent when there are none.",
      ),
    model: z.string().describe("The scoring model's id, e.g. default@2."),
  })
  .meta({
    id: "Qualification",
    description:
      "A lead's stage, scores and every reason for them: a person (every visitor that gave one email) or a " +
      "visitor that gave none.",
  });
export type Qualification = z.infer<typeof qualificationSchema>;
