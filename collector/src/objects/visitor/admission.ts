import { type Refusal, SITE_MISMATCH, SUPPRESSED_VISITOR } from "../../refusals.ts";
import type { ErasureTombstone } from "../erasure.ts";
import { type ObjectState, textField } from "../object-state.ts";
import type { StoredEvent } from "../stored-events.ts";
import type { VisitorEventStore } from "./event-store.ts";
import { QUOTA_REFUSAL, remainingQuota } from "./visitor-quota.ts";

/** An event the visitor refused, by id, with the code and message the ingestion answer gives. */
export interface RefusedEvent extends Refusal {
  id: string;
}

/** The state admission keeps in the visitor's `meta`. */
export const ADMISSION_STATE = {
  /** The site the visitor was first seen on: another site's key may not add to it. */
  site: textField("site"),
};

/**
 * Which events a visitor takes: none once it was erased (`suppressed`), none sent with another
 * site's key than the one it was first seen on (`site_mismatch`: otherwise one public site key
 * could rewrite every other site's leads), and none past its quota (`visitor_quota_exceeded`).
 */
export class VisitorAdmission {
  constructor(
    private readonly state: ObjectState,
    private readonly events: VisitorEventStore,
    private readonly tombstone: Pick<ErasureTombstone<unknown>, "erasing">,
  ) {}

  /**
   * Splits `events` into those the visitor may store and those it refuses, binding the visitor
   * to the site of its first batch.
   * @returns the events it may store, at most `capacity` of them new (the quota left now).
   */
  admit(events: StoredEvent[], now: number): { admitted: StoredEvent[]; capacity: number; refused: RefusedEvent[] } {
    if (this.tombstone.erasing) {
      return { admitted: [], capacity: 0, refused: events.map((event) => ({ id: event.id, ...SUPPRESSED_VISITOR })) };
    }
    const site = this.site();
    const refused: RefusedEvent[] = [];
    const admitted = events.filter((event) => {
      if (site === undefined || event.site === site) return true;
      refused.push({ id: event.id, ...SITE_MISMATCH });
      return false;
    });
    if (site === undefined && admitted[0]) this.state.set(ADMISSION_STATE.site.to(admitted[0].site));
    const tracked = this.events.all().flatMap((event) => (event.type === "sales_feedback" ? [] : [event.receivedAt]));
    return { admitted, capacity: remainingQuota(tracked, now), refused };
  }

  /** The refusals of events stored past the quota. */
  overQuota(events: readonly { id: string }[]): RefusedEvent[] {
    return events.map((event) => ({ id: event.id, ...QUOTA_REFUSAL }));
  }

  /**
   * The site this visitor was first seen on, or undefined before its first event. Kept in meta;
   * objects written before it was kept take the site of their earliest received event.
   */
  site(): string | undefined {
    const kept = this.state.get(ADMISSION_STATE.site);
    if (kept !== undefined) return kept;
    let first: { site: string; receivedAt: number } | undefined;
    for (const event of this.events.all()) {
      if (event.type !== "sales_feedback" && (!first || event.receivedAt < first.receivedAt)) first = event;
    }
    if (first) this.state.set(ADMISSION_STATE.site.to(first.site));
    return first?.site;
  }
}
