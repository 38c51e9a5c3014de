import type { DeliveryStatus } from "@embudo/shared";
import type { AttemptOutcome } from "./messages.ts";

/**
 * When a failed delivery is tried again: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h after each
 * failure (eight attempts in all, over about a day), as Svix and Standard Webhooks' reference
 * senders do; `EMBUDO_WEBHOOK_RETRY_SECONDS` (a comma-separated list of seconds) sets another.
 */
export const DEFAULT_RETRY_SECONDS: readonly number[] = [5, 300, 1800, 7200, 18_000, 36_000, 36_000];

/** The longest wait a receiver's `Retry-After` may ask for: the longest of the default schedule. */
export const MAX_RETRY_AFTER_SECONDS = 36_000;

/**
 * The schedule `EMBUDO_WEBHOOK_RETRY_SECONDS` gives (`"1,2"`; empty: no retries), or the default.
 * @throws {Error} on anything but non-negative numbers, so a typo cannot silently stop retries.
 */
export function retrySchedule(text: string | undefined): readonly number[] {
  if (text === undefined) return DEFAULT_RETRY_SECONDS;
  if (text.trim() === "") return [];
  const seconds = text.split(",").map((part) => Number(part.trim()));
  if (seconds.some((value) => !Number.isFinite(value) || value < 0)) {
    throw new Error(`must be seconds separated by commas, e.g. "5,300", not "${text}"`);
  }
  return seconds;
}

/**
 * How many seconds a receiver's `Retry-After` asks for (seconds, or an HTTP date), capped at
 * {@link MAX_RETRY_AFTER_SECONDS}; null when it sent none or none that parses.
 */
export function retryAfterSeconds(header: string | null, now: number): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  let seconds: number;
  if (/^\d+$/.test(trimmed)) seconds = Number(trimmed);
  else {
    const at = Date.parse(trimmed);
    if (Number.isNaN(at)) return null;
    seconds = Math.max(0, Math.ceil((at - now) / 1000));
  }
  return Math.min(seconds, MAX_RETRY_AFTER_SECONDS);
}

/**
 * What follows an attempt: a 2xx ends the delivery, `succeeded`; a 410 ends it, `failed` (and
 * disables its endpoint); anything else is tried again after `wait` seconds, the schedule's next
 * step, or later when the receiver's `Retry-After` asks for longer, until the schedule has none
 * left (`wait` undefined). A `Retry-After` never shortens the wait: a receiver answering
 * `Retry-After: 0` would otherwise spend every attempt in seconds.
 */
export function afterAttempt(
  outcome: AttemptOutcome,
  wait: number | undefined,
  now: number,
): { status: DeliveryStatus; at: number | null } {
  const { status } = outcome;
  if (status !== null && status >= 200 && status < 300) return { status: "succeeded", at: null };
  if (status === 410 || wait === undefined) return { status: "failed", at: null };
  return { status: "pending", at: now + 1000 * Math.max(wait, outcome.retryAfterSeconds ?? 0) };
}
