/**
 * What the scoring engine reads: the tracked events of design §4 plus the feedback sales gives
 * on a lead, which the collector stores beside them.
 */
import { z } from "zod";
import { type TrackedEvent, timestampSchema, ulidSchema } from "../wire.ts";

/** What sales said about a lead (design §1: accepted, recycled as not ready, or disqualified). */
export const SALES_OUTCOMES = ["accepted", "rejected", "disqualified"] as const;
export type SalesOutcome = (typeof SALES_OUTCOMES)[number];

/** zod schema of a {@link SalesFeedbackEvent}, for the route that records sales feedback. */
export const salesFeedbackEventSchema = z.strictObject({
  id: ulidSchema,
  type: z.literal("sales_feedback"),
  visitorId: ulidSchema,
  ts: timestampSchema,
  outcome: z.enum(SALES_OUTCOMES),
  reason: z.string().trim().min(1).max(500).optional(),
});

/**
 * Sales' verdict on a lead, stored beside the tracked events and scored with them.
 * - `accepted`: sales works the lead; it is an SQL until sales says otherwise.
 * - `rejected`: not ready; recycled to MQL, and only a hand-raise after this makes it SQL again.
 * - `disqualified`: will not buy; the stage is `disqualified` until sales says otherwise.
 * The latest feedback replaces earlier feedback.
 */
export interface SalesFeedbackEvent {
  id: string;
  type: "sales_feedback";
  visitorId: string;
  ts: number;
  outcome: SalesOutcome;
  reason?: string;
}

/** Anything {@link scoreVisitor} reads. */
export type ScoringEvent = TrackedEvent | SalesFeedbackEvent;

/** Chronological order; events of the same millisecond in id order (ULIDs sort by creation). */
export function compareEvents(a: ScoringEvent, b: ScoringEvent): number {
  if (a.ts !== b.ts) return a.ts - b.ts;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The events in {@link compareEvents} order. Storage usually returns them sorted already, so
 * that case costs one O(n) check and no copy.
 */
export function inScoringOrder(events: readonly ScoringEvent[]): readonly ScoringEvent[] {
  for (let i = 1; i < events.length; i++) {
    if (compareEvents(events[i - 1]!, events[i]!) > 0) return [...events].sort(compareEvents);
  }
  return events;
}
