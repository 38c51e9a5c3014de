import { compareEvents, type SalesFeedbackEvent, type TrackedEvent } from "@embudo/shared";
import { loadConfig } from "../config.ts";

/** An event as the collector keeps it: the validated wire event, its time skew-corrected. */
export type StoredEvent = TrackedEvent & {
  /** The site key it was sent to. */
  site: string;
  /** When the collector received it (ms). */
  receivedAt: number;
  /** The client's own `ts` before clock-skew correction. */
  clientTs: number;
};

/** Sales feedback as kept: recorded through the API, so it carries no site. */
export type StoredFeedback = SalesFeedbackEvent & { receivedAt: number };

/** Anything a visitor's or a person's object keeps and scores. */
export type Stored = StoredEvent | StoredFeedback;

/** Whether one automated tracked event counts: only on sites that score automated browsers. */
export function automationCounts(env: Env): (event: StoredEvent) => boolean {
  const { sites } = loadConfig(env);
  return (event) => sites[event.site]?.scoreAutomation === true;
}

/**
 * Adds newly stored events to events kept in scoring order. New events are almost always the
 * latest, so the list is sorted again only when one arrived late.
 */
export function addInOrder(kept: Stored[], inserted: readonly Stored[]): void {
  if (inserted.length === 0) return;
  const lastBefore = kept.at(-1);
  kept.push(...inserted);
  if (inserted.length > 1 || (lastBefore && compareEvents(lastBefore, inserted[0]!) > 0)) kept.sort(compareEvents);
}
