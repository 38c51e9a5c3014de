import {
  boundedQualification,
  type LeadStageChange,
  LISTED_LIMITS,
  QUALIFICATION_STAGES,
  type Qualification,
  type QualificationStage,
} from "@embudo/shared";
import { z } from "zod";
import type { IndexWrite } from "../index-projection/messages.ts";
import type { IndexOutbox } from "../index-projection/outbox.ts";
import type { LeadRow } from "../storage/leads-index.ts";
import { derivedWriteFields, forgottenDerived, type SyncReason, syncDerived } from "./derived-write.ts";
import { jsonField, type MetaChange, type ObjectState } from "./object-state.ts";

/**
 * A lead as the D1 index shows it, kept up to date by the object that scores the lead: a
 * person's object, or an anonymous visitor's own. The two play "a lead" the same way, through
 * this one projection: the leads row (written at once when what listings filter or sort by
 * moved, details within seconds), every change of the lead's stage, recorded once (the index's
 * `stage_changes`, and webhooks), and leaving the index when the lead has no event left.
 */

/** What a lead's object remembers of the last change it recorded. */
interface LastStageChange {
  /** Null once the lead's history was removed (it left the index): nothing is recorded before. */
  stage: QualificationStage | null;
  sequence: number;
}

/**
 * The change to record for `q`, or null when its stage is the one last recorded.
 *
 * A lead's first stage is recorded unless it is `anonymous`: every visitor starts there, and a
 * row per visitor would fill the index with nothing to tell. Its `previousStage` is the stage the
 * engine's history had before (so a person's first change reads "anonymous → iql"), null when
 * there was none. Changes between two scores of the object collapse into one, from the stage last
 * recorded to the current one, with the time, reason, rule and event of the latest.
 */
export function observedStageChange(
  row: Pick<LeadRow, "leadId" | "visitorId" | "email" | "site">,
  q: Qualification,
  last: LastStageChange | null,
  now: number,
): LeadStageChange | null {
  const lastStage = last?.stage ?? null;
  if (lastStage !== null ? lastStage === q.stage : q.stage === "anonymous") return null;
  const latest = q.stageHistory.at(-1);
  if (!latest) return null;
  return {
    leadId: row.leadId,
    visitorId: row.visitorId,
    email: row.email,
    site: row.site,
    sequence: (last?.sequence ?? 0) + 1,
    previousStage: lastStage ?? q.stageHistory.at(-2)?.stage ?? null,
    stage: q.stage,
    at: latest.at,
    reason: latest.reason,
    rule: latest.rule,
    eventId: latest.eventId,
    recordedAt: new Date(now).toISOString(),
  };
}

/** The leads row's derived write (see `syncDerived`). */
const ROW = derivedWriteFields("indexed");

/** The state a lead's projection keeps in its object's `meta`. */
export const LEAD_PROJECTION_STATE = {
  rowDigest: ROW.digest,
  rowKeys: ROW.keys,
  rowDue: ROW.due,
  /** The last stage change recorded; its `stage` is null once the lead's history was removed. */
  lastStageChange: jsonField(
    "stageChange",
    z.object({ stage: z.enum(QUALIFICATION_STAGES).nullable(), sequence: z.number().int() }),
  ),
};

/** The projection of one lead; its object owns the state and the outbox it writes through. */
export class LeadProjection {
  constructor(
    private readonly state: ObjectState,
    private readonly outbox: IndexOutbox,
  ) {}

  /**
   * Brings the index up to date with the lead as `q` scores it: its row (see `syncDerived`: at
   * once when its stage, scores, email, site or primary visitor moved, or for a request; within
   * seconds for details alone), and the change of its stage since the last one recorded.
   * @returns when to wake: a deferred detail write, or `Infinity`.
   */
  async project(row: LeadRow, q: Qualification, now: number, reason: SyncReason): Promise<number> {
    const wakeAt = await syncDerived(
      this.state,
      {
        fields: ROW,
        value: row,
        keys: [row.site, row.stage, row.engagement, row.fit, row.email, row.visitorId],
        write: async () => {
          this.outbox.stage([{ kind: "lead", row, changedAt: now }], now);
          return true;
        },
      },
      now,
      reason,
    );
    this.#recordStageChange(row, q, now);
    return wakeAt;
  }

  /** Whether the lead has a row in the index (one was written and not removed since). */
  get listed(): boolean {
    return this.state.has(ROW.digest);
  }

  /**
   * The lead leaves the index: its row and every recorded stage change go, with `writes` (an
   * anonymous visitor's link), and the object forgets both, with `changes` of its own, in one
   * step. A lead seen again later is written whole and records its first stage as a new lead
   * would; its stage changes keep numbering, so their ids (and webhook ids) never repeat.
   */
  leave(leadId: string, now: number, writes: readonly IndexWrite[] = [], changes: readonly MetaChange[] = []): void {
    this.outbox.stage([{ kind: "lead_removed", leadId }, { kind: "history_removed", leadId }, ...writes], now);
    const sequence = this.state.get(LEAD_PROJECTION_STATE.lastStageChange)?.sequence ?? 0;
    this.state.set(
      ...forgottenDerived(ROW),
      LEAD_PROJECTION_STATE.lastStageChange.to({ stage: null, sequence }),
      ...changes,
    );
  }

  /**
   * The changes that forget the row written, so the next projection writes it whole: a visitor
   * whose link moved to a person, or back to itself.
   */
  static forgottenRow(): MetaChange[] {
    return forgottenDerived(ROW);
  }

  /**
   * Records the change of `q`'s stage since the one last recorded, if any: staged in the object's
   * outbox for the index, in the same synchronous step as the object's memory of it, so a change
   * is recorded exactly once whatever happens to the request after.
   */
  #recordStageChange(row: LeadRow, q: Qualification, now: number): void {
    const last = this.state.get(LEAD_PROJECTION_STATE.lastStageChange) ?? null;
    const change = observedStageChange(row, q, last, now);
    if (!change) return;
    // With the qualification as the listing shows it: what a stage-change notification carries.
    this.outbox.stage([{ kind: "stage_change", change, qualification: boundedQualification(q, LISTED_LIMITS) }], now);
    this.state.set(LEAD_PROJECTION_STATE.lastStageChange.to({ stage: change.stage, sequence: change.sequence }));
  }
}
