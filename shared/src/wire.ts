/**
 * The wire format between the tracker and the collector, version {@link WIRE_VERSION}.
 *
 * One module owns it, as Snowplow and Segment do: the collector validates with these schemas and
 * documents them in its OpenAPI document; the tracker imports the inferred types only
 * (`import type`) and checks its numbers against `limits.ts`, so zod never reaches the browser.
 * Changes are additive; a breaking change bumps {@link WIRE_VERSION}.
 */
import { z } from "zod";
import { CONTENT_STAGES, EARLIEST_EVENT_TIME, LIMITS, type TraitKey, WIRE_VERSION } from "./limits.ts";
import { attributionUrl } from "./urls.ts";

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
/**
 * An address the collector keeps: whatever the client sent, only what attribution needs is
 * stored (`urls.ts`: no fragment, no credentials, attribution parameters only).
 */
const keptUrl = httpUrl.transform(attributionUrl);

/**
 * Characters that hide or disguise what text says: C0 and C1 controls, the soft hyphen, zero-width
 * and invisible formatting characters, the byte-order mark, every direction override, embedding
 * and isolate, and lone surrogate halves (JSON can escape them; they are not text).
 */
const HIDDEN_CHARACTER =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const HIDDEN_CHARACTERS = new RegExp(HIDDEN_CHARACTER.source, "g");

/** True when `text` holds a character of {@link HIDDEN_CHARACTER}. */
export function hasHiddenCharacters(text: string): boolean {
  return HIDDEN_CHARACTER.test(text);
}

/** `text` without the characters of {@link HIDDEN_CHARACTER}: what a person typed, as they saw it. */
export function withoutHiddenCharacters(text: string): string {
  return text.replace(HIDDEN_CHARACTERS, "");
}

/**
 * A name a developer chose, that programs match and people read (custom event names): refused
 * when it holds hidden characters, so two names that look the same are the same name.
 */
const visibleName = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine(
      (text) => !hasHiddenCharacters(text),
      "must not contain control, invisible or direction-changing characters",
    );

/**
 * Text a page carries (titles, traits, form ids): hidden characters are removed rather than the
 * event refused, since a demo request must not be lost to a stray zero-width space in markup.
 */
const plainText = () => z.string().overwrite(withoutHiddenCharacters);

/**
 * Descriptive text cut to `max` characters rather than refused: a page's long title still says
 * which page it was, whatever client sent it. Cut before the hidden characters go, so that half of
 * a surrogate pair left at the cut goes too.
 */
const truncatedText = (max: number) => z.string().overwrite((text) => withoutHiddenCharacters(text.slice(0, max)));

/** Keys that would reach an object's prototype if a consumer copied them naively. */
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

const propKey = z
  .string()
  .min(1)
  .max(LIMITS.maxPropKeyLength)
  .refine((key) => !FORBIDDEN_KEYS.has(key), "is a reserved key");

/** Whether `raw` is an object whose `props` is an object with an own `key`. */
function propsHold(raw: unknown, key: string): boolean {
  if (typeof raw !== "object" || raw === null || !Object.hasOwn(raw, "props")) return false;
  const { props } = raw as { props: unknown };
  return typeof props === "object" && props !== null && Object.hasOwn(props, key);
}

/** Free-form event properties: flat, primitive values only. */
export const propsSchema = z
  .record(propKey, z.union([z.string().max(LIMITS.maxPropValueLength), z.number().finite(), z.boolean(), z.null()]))
  .refine((props) => Object.keys(props).length <= LIMITS.maxPropKeys, {
    message: `must have at most ${LIMITS.maxPropKeys} keys`,
  });

const trait = plainText().trim().min(1).max(LIMITS.maxTraitLength);

/** Each identity trait's schema: emails are compared lower-cased, other traits trimmed. */
const traitFields = {
  email: z.email("must be an email address").max(LIMITS.maxEmailLength).toLowerCase(),
  name: trait,
  company: trait,
  jobTitle: trait,
  companySize: z.union([trait, z.number().int().nonnegative()]),
  country: trait,
  phone: trait,
  industry: trait,
} satisfies Record<TraitKey, z.ZodType>;

/** Every field of `shape` optional, and dropped (not refused) when its value is unusable. */
function droppedWhenInvalid<S extends Record<string, z.ZodType>>(shape: S) {
  return Object.fromEntries(
    Object.entries(shape).map(([key, schema]) => [key, schema.optional().catch(undefined)]),
  ) as { [K in keyof S]: z.ZodCatch<z.ZodOptional<S[K]>> };
}

/**
 * Identity traits as sent. Unknown keys are dropped: they belong in `props`. A trait that is not
 * valid (a form's email field holding "n/a", an empty company) is dropped too, never its event:
 * what a visitor typed into a form must not cost the form submit, which may be a demo request.
 */
export const traitsSchema = z.object(droppedWhenInvalid(traitFields));
export type Traits = z.infer<typeof traitsSchema>;

/** A visitor's identity as the collector answers it: the traits it gave, each one valid. */
export const identitySchema = z
  .object(traitFields)
  .partial()
  .meta({ id: "Identity", description: "Identity traits the visitor gave, the latest value of each." });

/** Fields every event carries. */
const commonFields = {
  id: ulidSchema,
  visitorId: ulidSchema,
  sessionId: ulidSchema,
  ts: timestampSchema,
  url: keptUrl,
  // Descriptive only: an unusable title or referrer (an `android-app://` referrer, say) is
  // dropped rather than costing the event.
  title: truncatedText(LIMITS.maxTitleLength)
    .describe(`The page's title; a longer one is cut to ${LIMITS.maxTitleLength} characters.`)
    .optional()
    .catch(undefined),
  referrer: z
    .union([z.literal(""), keptUrl])
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
export const downloadSchema = z.object({ ...commonFields, type: z.literal("download"), href: keptUrl });
export const formSubmitSchema = z.object({
  ...commonFields,
  type: z.literal("form_submit"),
  formId: plainText().trim().min(1).max(LIMITS.maxFormIdLength),
  intent: slug(LIMITS.maxIntentLength).optional(),
  traits: traitsSchema.default({}),
});
export const identifySchema = z.object({
  ...commonFields,
  type: z.literal("identify"),
  // identify() is an explicit claim of identity: without a valid email it means nothing.
  traits: traitsSchema.extend({ email: traitFields.email }),
});
export const customEventSchema = z.object({
  ...commonFields,
  type: z.literal("custom"),
  name: visibleName(LIMITS.maxEventNameLength),
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
 * The envelope of `POST /v1/events`, which the collector checks first. Events stay `unknown`
 * here: each is validated on its own with {@link validateEvent} so one bad event never sinks
 * its batch.
 */
export const batchEnvelopeSchema = z.object({
  v: z.literal(WIRE_VERSION).optional().describe("Wire format version; absent means 1."),
  site: z
    .string()
    .min(1)
    .max(LIMITS.maxSiteKeyLength)
    .regex(/^[A-Za-z0-9_.-]+$/, "must be a site key")
    .describe("The public site key of the script tag's data-site."),
  sentAt: timestampSchema.describe("When the tracker sent the batch (ms): event times are corrected for clock skew."),
  events: z.array(z.unknown()).min(1, "must hold at least one event"),
});

/** A batch as the tracker sends it: the envelope with its events, as documented to integrators. */
export const eventBatchSchema = batchEnvelopeSchema
  .extend({ events: z.array(eventSchema).min(1).max(LIMITS.maxEventsPerBatch) })
  .describe(
    `At most ${LIMITS.maxEventsPerBatch} events and ${LIMITS.maxBodyBytes} bytes. Each event is validated on its own: ` +
      "valid events are stored even when others in the batch are not.",
  );
export type WireBatch = z.input<typeof eventBatchSchema>;

/** Why one event of a batch was refused: `index` into the batch's `events`. */
export const eventRejectionSchema = z
  .object({
    index: z.number().int().nonnegative(),
    code: z
      .string()
      .describe(
        "not_an_object, unknown_type, invalid_event, invalid_time, too_late (it happened more than 7 days " +
          "before it arrived), expired (older than the site keeps events), " +
          "site_mismatch, visitor_quota_exceeded, identity_budget_exceeded (the browser gave its new emails of " +
          "the day already), person_full (the email's person takes no more browsers) or " +
          "suppressed (the visitor, or the email it gives, was erased at the person's request).",
      ),
    message: z.string(),
  })
  .meta({ id: "EventRejection" });
export type EventRejection = z.infer<typeof eventRejectionSchema>;

/** The answer to an accepted `POST /v1/events`. */
export const ingestResponseSchema = z
  .object({
    accepted: z.number().int().nonnegative().describe("Events stored now."),
    duplicates: z.number().int().nonnegative().describe("Events stored before (same id): retries, never stored twice."),
    rejected: z.array(eventRejectionSchema),
  })
  .meta({ id: "IngestResponse" });
export type IngestResponse = z.infer<typeof ingestResponseSchema>;

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
  // zod's record drops a `__proto__` key (JSON.parse makes it an own key) before any check sees
  // it: refused here, as `constructor` and `prototype` are by the schema.
  if (propsHold(raw, "__proto__"))
    return { ok: false, code: "invalid_event", message: "props.__proto__: is a reserved key" };
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
