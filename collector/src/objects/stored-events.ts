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
  /** The tag of the network it came from that day (`privacy/network.ts`); none without a hash key. */
  network?: string;
};

/** Sales feedback as kept: recorded through the API, so it carries no site. */
export type StoredFeedback = SalesFeedbackEvent & { receivedAt: number };

/** Anything a visitor's or a person's object keeps and scores. */
export type Stored = StoredEvent | StoredFeedback;

/**
 * An event as stored. Every stored body was validated on its way in (the wire schema, or the
 * feedback route's) by this collector, and the store is the object's own: it reads back as it
 * was written.
 */
export function parseStored(body: string): Stored {
  return JSON.parse(body);
}

/**
 * A span as a visitor sends it to a person: a JSON array of stored events (see {@link parseStored}).
 */
export function parseSpan(body: string): Stored[] {
  return JSON.parse(body);
}

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

/** Where a page of a timeline ends: the last event's time and id. */
export interface TimelineCursor {
  ts: number;
  id: string;
}

/** One page of a timeline, newest first, and where the next starts (null on the last). */
export interface TimelinePage {
  items: Stored[];
  next: TimelineCursor | null;
}

/**
 * A page of `events` (in scoring order, each once) newest first, starting after `after`: the
 * events strictly older than it in (ts, id) order, so paging visits each event exactly once while
 * new ones arrive (they are newer than any cursor).
 */
export function newestFirst(events: readonly Stored[], limit: number, after?: TimelineCursor): TimelinePage {
  // The first event at or past the cursor, by binary search: the page is what precedes it.
  let end = events.length;
  if (after) {
    let low = 0;
    while (low < end) {
      const mid = (low + end) >>> 1;
      const event = events[mid]!;
      if (event.ts < after.ts || (event.ts === after.ts && event.id < after.id)) low = mid + 1;
      else end = mid;
    }
  }
  const start = Math.max(0, end - limit);
  const items = events.slice(start, end).reverse();
  const last = items.at(-1);
  return { items, next: start > 0 && last ? { ts: last.ts, id: last.id } : null };
}

/**
 * A page of `events` (in scoring order) oldest first, starting after `after`: the events strictly
 * later than it in (ts, id) order. `next` is the last one's place while more follow.
 */
export function oldestFirst(events: readonly Stored[], limit: number, after?: TimelineCursor): TimelinePage {
  // The first event past the cursor, by binary search.
  let start = 0;
  if (after) {
    let end = events.length;
    while (start < end) {
      const mid = (start + end) >>> 1;
      const event = events[mid]!;
      if (event.ts < after.ts || (event.ts === after.ts && event.id <= after.id)) start = mid + 1;
      else end = mid;
    }
  }
  const items = events.slice(start, start + limit);
  const last = items.at(-1);
  return { items, next: start + limit < events.length && last ? { ts: last.ts, id: last.id } : null };
}
