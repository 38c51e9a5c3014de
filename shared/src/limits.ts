/**
 * The wire format's numbers and vocabularies, without zod: the tracker checks its own copies
 * against these at compile time (`2048 satisfies typeof LIMITS.maxUrlLength`), so the browser
 * bundle pays nothing, and the collector validates with them through `wire.ts`.
 */

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

/** The funnel stage a piece of content serves: top, middle and bottom of the funnel. */
export const CONTENT_STAGES = ["awareness", "evaluation", "decision"] as const;
export type ContentStage = (typeof CONTENT_STAGES)[number];

/** The identity traits a form or `identify()` may carry. */
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
