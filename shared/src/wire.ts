/**
 * The wire format between the tracker and the collector (design §4), version {@link WIRE_VERSION}.
 *
 * One module owns it, as Snowplow and Segment do: the collector validates with these schemas,
 * the tracker imports the inferred types only (`import type`), so zod never reaches the browser.
 * Changes are additive; a breaking change bumps {@link WIRE_VERSION}.
 */
import { z } from "zod";

/** Version of the wire format. A batch may say which one it speaks in `v`. */
export const WIRE_VERSION = 1;

/** Hard limits of the wire format, shared by tracker and collector. */
export const LIMITS = {
  /** Events in one `POST /v1/events`. */
  maxEventsPerBatch: 100,
  /** Bytes in one request body. */
  maxBodyBytes: 64 * 1024,
  maxSiteKeyLength: 64,
  maxUrlLength: 2048,
  maxTitleLength: 512,
  maxEventNameLength: 64,
  maxFormIdLength: 128,
  maxIntentLength: 64,
  maxTraitLength: 256,
  maxEmailLength: 254,
  maxPropKeys: 50,
  maxPropKeyLength: 64,
  maxPropValueLength: 1024,
} as const;

/** The funnel stage a piece of content serves. */
export const CONTENT_STAGES = ["awareness", "evaluation", "decision"] as const;
export type ContentStage = (typeof CONTENT_STAGES)[number];

/** Every event type the collector accepts. */
export const EVENT_TYPES = ["content_view", "pricing_view", "download", "form_submit", "identify", "custom"] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** The identity traits a form or `identify()` may carry (design §3). */
export const TRAIT_KEYS = [
  "email",
  "name",
  "company",
  "jobTitle",
  "companySize",
  "country",
  "phone",
  "industry",
] as const;
export type TraitKey = (typeof TRAIT_KEYS)[number];

/** Earliest plausible event time (2020-01-01): older clocks are broken, not early. */
export const EARLIEST_EVENT_TIME = Date.UTC(2020, 0, 1);

/**
 * A ULID in canonical upper case. Lower case is refused rather than folded so that one event
 * can never be stored twice under two spellings of its id.
 */
export const ulidSchema = z.string().regex(/^[0-7][0-9A-HJKMNP-TV-Z]{25}$/, "must be a ULID");

/** Milliseconds since the epoch, as sent by `Date.now()`. */
export const timestampSchema = z
  .number()
  .int("must be whole milliseconds")
  .min(EARLIEST_EVENT_TIME, "must be a time after 2020")
  .max(Number.MAX_SAFE_INTEGER);

const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(LIMITS.maxUrlLength);

const boundedText = (max: number) => z.string().max(max);

/** Keys that would reach an object's prototype if a consumer copied them naively. */
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

const propKey = z
  .string()
  .min(1)
  .max(LIMITS.maxPropKeyLength)
  .refine((key) => !FORBIDDEN_KEYS.has(key), "is a reserved key");

/** Free-form event properties: flat, primitive values only. */
export const propsSchema = z
  .record(propKey, z.union([z.string().max(LIMITS.maxPropValueLength), z.number().finite(), z.boolean(), z.null()]))
  .refine((props) => Object.keys(props).length <= LIMITS.maxPropKeys, {
    message: `must have at most ${LIMITS.maxPropKeys} keys`,
  });

const trait = z.string().trim().min(1).max(LIMITS.maxTraitLength);

const email = z.email("must be an email address").max(LIMITS.maxEmailLength).toLowerCase();

/**
 * Identity traits. Unknown keys are dropped: they belong in `props`. A trait that is not valid
 * (a form's email field holding "n/a", an empty company) is dropped too, never its event: what a
 * visitor typed into a form must not cost the form submit, which may be a demo request.
 */
export const traitsSchema = z.object({
  email: email.optional().catch(undefined),
  name: trait.optional().catch(undefined),
  company: trait.optional().catch(undefined),
  jobTitle: trait.optional().catch(undefined),
  companySize: z.union([trait, z.number().int().nonnegative()]).optional().catch(undefined),
  country: trait.optional().catch(undefined),
  phone: trait.optional().catch(undefined),
  industry: trait.optional().catch(undefined),
});
export type Traits = z.infer<typeof traitsSchema>;

/** Fields every event carries. */
const commonFields = {
  id: ulidSchema,
  visitorId: ulidSchema,
  sessionId: ulidSchema,
  ts: timestampSchema,
  url: httpUrl,
  // Descriptive only: an unusable title or referrer (an `android-app://` referrer, say) is
  // dropped rather than costing the event.
  title: boundedText(LIMITS.maxTitleLength).optional().catch(undefined),
  referrer: z
    .union([z.literal(""), httpUrl])
    .optional()
    .catch(undefined),
  stage: z.enum(CONTENT_STAGES).optional(),
  props: propsSchema.optional(),
  /** The browser looked automated (webdriver, headless); the collector decides what to do. */
  automation: z.boolean().optional(),
};

const slug = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[A-Za-z0-9_.:-]+$/, "must be letters, digits, '_', '.', ':' or '-'");

export const contentViewSchema = z.object({ ...commonFields, type: z.literal("content_view") });
export const pricingViewSchema = z.object({ ...commonFields, type: z.literal("pricing_view") });
export const downloadSchema = z.object({ ...commonFields, type: z.literal("download"), href: httpUrl });
export const formSubmitSchema = z.object({
  ...commonFields,
  type: z.literal("form_submit"),
  formId: z.string().min(1).max(LIMITS.maxFormIdLength),
  intent: slug(LIMITS.maxIntentLength).optional(),
  traits: traitsSchema.default({}),
});
export const identifySchema = z.object({
  ...commonFields,
  type: z.literal("identify"),
  // identify() is an explicit claim of identity: without a valid email it means nothing.
  traits: traitsSchema.extend({ email }),
});
export const customEventSchema = z.object({
  ...commonFields,
  type: z.literal("custom"),
  name: z
    .string()
    .trim()
    .min(1)
    .max(LIMITS.maxEventNameLength)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
    .regex(/^[^\u0000-\u001f]+$/, "must not contain control characters"),
});

/** One tracked event, validated on its own. */
export const eventSchema = z.discriminatedUnion("type", [
  contentViewSchema,
  pricingViewSchema,
  downloadSchema,
  formSubmitSchema,
  identifySchema,
  customEventSchema,
]);

/** An event as the tracker sends it (input) and as the collector keeps it (output). */
export type WireEvent = z.input<typeof eventSchema>;
export type TrackedEvent = z.output<typeof eventSchema>;

/**
 * The envelope of `POST /v1/events`. Events stay `unknown` here: each is validated on its own
 * with {@link validateEvent} so one bad event never sinks its batch.
 */
export const batchSchema = z.object({
  v: z.literal(WIRE_VERSION).optional(),
  site: z
    .string()
    .min(1)
    .max(LIMITS.maxSiteKeyLength)
    .regex(/^[A-Za-z0-9_.-]+$/, "must be a site key"),
  sentAt: timestampSchema,
  events: z.array(z.unknown()).min(1, "must hold at least one event"),
});

/** A batch as the tracker sends it. */
export interface WireBatch {
  v?: typeof WIRE_VERSION;
  site: string;
  sentAt: number;
  events: WireEvent[];
}

/** Why one event of a batch was refused: `index` into the batch's `events`. */
export interface EventRejection {
  index: number;
  code: string;
  message: string;
}

/** The answer to an accepted `POST /v1/events`. */
export interface IngestResponse {
  accepted: number;
  duplicates: number;
  rejected: EventRejection[];
}

/** The shape of every error answer (design §4). */
export interface ErrorResponse {
  error: { code: string; message: string };
}

/** Turns zod issues into one readable sentence: `traits.email: must be an email address`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
    .join("; ");
}

export type EventValidation = { ok: true; event: TrackedEvent } | { ok: false; code: string; message: string };

/** Validates one event of a batch; the code says which kind of fault it is. */
export function validateEvent(raw: unknown): EventValidation {
  const result = eventSchema.safeParse(raw);
  if (result.success) return { ok: true, event: result.data };
  const first = result.error.issues[0];
  const code =
    typeof raw !== "object" || raw === null || Array.isArray(raw)
      ? "not_an_object"
      : first?.path[0] === "type"
        ? "unknown_type"
        : "invalid_event";
  return { ok: false, code, message: describeIssues(result.error) };
}
