/**
 * Why the collector refuses one event of a batch: the codes and messages of the ingestion
 * answer's `rejected` (documented with `EventRejection` in shared/src/wire.ts), each written
 * once here. The wire format's own faults (`not_an_object`, `unknown_type`, `invalid_event`)
 * come from `validateEvent`.
 */

/** The codes the collector itself refuses an event with. */
export type RefusalCode =
  | "invalid_time"
  | "too_late"
  | "expired"
  | "site_mismatch"
  | "visitor_quota_exceeded"
  | "identity_budget_exceeded"
  | "person_full"
  | "suppressed";

/** A refusal as the ingestion answer gives it. */
export interface Refusal {
  readonly code: RefusalCode;
  readonly message: string;
}

/** The batch's clock is inconsistent: storing the event would date it decades back. */
export const INVALID_TIME: Refusal = {
  code: "invalid_time",
  message: "ts and sentAt disagree: the corrected time is before 2020",
};

/**
 * How late an event may reach the collector, in days: a tracker's queue holds an event through a
 * reload or an outage, not for weeks. Beyond it, a batch could date its events at will (within
 * the site's retention) and rewrite a closed month's funnel or a lead's first visit.
 */
export const MAX_EVENT_DELAY_DAYS = 7;

/** The event happened more than {@link MAX_EVENT_DELAY_DAYS} before it arrived. */
export const TOO_LATE: Refusal = {
  code: "too_late",
  message: `an event must reach the collector within ${MAX_EVENT_DELAY_DAYS} days of happening; this one is older`,
};

/** The event is older than its site keeps events: the next alarm would delete it. */
export function expired(retentionDays: number): Refusal {
  return { code: "expired", message: `the site keeps events ${retentionDays} days; this one is older` };
}

/** A visitor id belongs to the site it was first seen on. */
export const SITE_MISMATCH: Refusal = { code: "site_mismatch", message: "this visitor id belongs to another site" };

/** An event giving a new email past the browser's budget of new emails a day (see `objects/visitor/admission.ts`). */
export function identityBudgetExceeded(perDay: number): Refusal {
  return {
    code: "identity_budget_exceeded",
    message: `a browser may give ${perDay} new emails a UTC day; this one starts no new person`,
  };
}

/**
 * An event that would start a person past its network's budget of new people a day (see
 * `objects/network/network-budget-object.ts`).
 */
export function networkBudgetExceeded(perDay: number): Refusal {
  return {
    code: "identity_budget_exceeded",
    message: `a network may start ${perDay} new people a UTC day; this one starts no more`,
  };
}

/** An event giving the email of a person that takes no more browsers (see `PersonObject.join`). */
export const PERSON_FULL: Refusal = {
  code: "person_full",
  message: "the person of this email has as many browsers or events as one person may; this browser joins it no more",
};

/** An event of a browser whose person holds as many events as it may (see `PersonObject`'s `CopyAnswer`). */
export const PERSON_EVENTS_FULL: Refusal = {
  code: "person_full",
  message: "the person this browser belongs to holds as many events as one person may; its further events are refused",
};

/** An erased visitor's events. */
export const SUPPRESSED_VISITOR: Refusal = { code: "suppressed", message: "this visitor was erased at its request" };

/** An identity giving an erased email. */
export const SUPPRESSED_EMAIL: Refusal = {
  code: "suppressed",
  message: "this email was erased at its owner's request",
};

/** Events past a visitor's quota (see `objects/visitor/visitor-quota.ts`). */
export function quotaExceeded(perDay: number, total: number): Refusal {
  return {
    code: "visitor_quota_exceeded",
    message: `a visitor may send ${perDay} events a day and ${total} in all`,
  };
}
