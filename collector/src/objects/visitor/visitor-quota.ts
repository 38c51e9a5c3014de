import { DAY } from "@embudo/shared";
import { quotaExceeded, type Refusal } from "../../refusals.ts";

/**
 * How many events one visitor may add: a person reading a site sends tens a day, so a visitor
 * sending thousands is a script. Without a bound, one visitor id could be fed 100,000 events,
 * all kept in its object's memory and re-scored on every ingestion and read.
 */
export const VISITOR_QUOTA: Quota = { perDay: 1_000, total: 10_000 };

/** A visitor quota. */
export interface Quota {
  /** Tracked events received in one UTC day. */
  perDay: number;
  /** Tracked events in all (sales feedback is not counted). */
  total: number;
}

/** The refusal of an event past the quota, as the ingestion answer gives it. */
export const QUOTA_REFUSAL: Refusal = quotaExceeded(VISITOR_QUOTA.perDay, VISITOR_QUOTA.total);

/**
 * How many more tracked events a visitor may add at `now`, given when the collector received
 * the ones it holds (`receivedAt` of each tracked event).
 */
export function remainingQuota(receivedAt: readonly number[], now: number, quota: Quota = VISITOR_QUOTA): number {
  const dayStart = now - (now % DAY);
  let today = 0;
  for (const at of receivedAt) if (at >= dayStart) today++;
  return Math.max(0, Math.min(quota.total - receivedAt.length, quota.perDay - today));
}
