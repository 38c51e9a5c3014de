/**
 * What the scoring engine reads: the tracked events of the wire format plus the feedback sales
 * gives on a lead, which the collector stores beside them; and which of them count.
 */
import { z } from "zod";
import { type TrackedEvent, timestampSchema, ulidSchema } from "../wire.ts";

/** What sales said about a lead: accepted, recycled as not ready, or disqualified. */
export const SALES_OUTCOMES = ["accepted", "rejected", "disqualified"] as const;
export type SalesOutcome = (typeof SALES_OUTCOMES)[number];

/** The reason sales may give with its verdict. */
export const salesReasonSchema = z.string().trim().min(1).max(500);

/**
 * Sales' verdict on a lead, stored beside the tracked events and scored with them.
 * - `accepted`: sales works the lead; it is an SQL until sales says otherwise.
 * - `rejected`: not ready; recycled to MQL, and only a hand-raise after this makes it SQL again.
 * - `disqualified`: will not buy; the stage is `disqualified` until sales says otherwise.
 * The latest feedback replaces earlier feedback.
 */
export const salesFeedbackEventSchema = z.strictObject({
  id: ulidSchema,
  type: z.literal("sales_feedback"),
  visitorId: ulidSchema,
  ts: timestampSchema,
  outcome: z.enum(SALES_OUTCOMES),
  reason: salesReasonSchema.optional(),
});
export type SalesFeedbackEvent = z.infer<typeof salesFeedbackEventSchema>;

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

/**
 * The events of a visitor that the engine scores, out of everything stored for it. Events from
 * automated browsers (webdriver, headless) count only where `automationCounts` says so — sites
 * score them only when they opt in, as analytics tools keep bots out of their reports — and sales
 * feedback always counts. Null when no tracked event counts: a visitor seen only through
 * automated browsers on such a site, or only through feedback, has no qualification.
 *
 * @param events a visitor's stored events, in any order (the order is kept).
 * @param automationCounts whether one automated tracked event counts (in the collector: whether
 *   the site it was sent to scores automated browsers).
 */
export function scoredEvents<E extends ScoringEvent>(
  events: readonly E[],
  automationCounts: (event: Exclude<E, SalesFeedbackEvent>) => boolean,
): E[] | null {
  let tracked = 0;
  const scored = events.filter((event) => {
    if (event.type === "sales_feedback") return true;
    const counts = !event.automation || automationCounts(event as Exclude<E, SalesFeedbackEvent>);
    if (counts) tracked++;
    return counts;
  });
  return tracked > 0 ? scored : null;
}
