import {
  boundedQualification,
  type LeadStageChange,
  LISTED_LIMITS,
  type Qualification,
  type QualificationStage,
} from "@embudo/shared";
import type { IndexOutbox } from "../index-projection/outbox.ts";
import type { LeadRow } from "./leads-index.ts";
import { type IndexCursor, type IndexPage, listNewestFirst } from "./newest-first.ts";
import type { ObjectState } from "../objects/object-state.ts";

/**
 * Stage changes: each lead's object records every change of its lead's stage as it sees it (the
 * index keeps them in `stage_changes`, listed by `GET /v1/stage-changes`).
 */

/** What a lead's object remembers of the last change it recorded. */
export interface LastStageChange {
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

/** Meta key under which a lead's object keeps its {@link LastStageChange}. */
const LAST_CHANGE = "stageChange";

/**
 * The meta values (for `setMeta`) that forget the last recorded stage when the lead's history is
 * removed, so a lead seen again records its first stage as a new lead would. The sequence goes
 * on: the removed changes' ids (and webhook ids) are never given again.
 */
export function forgottenStageChange(state: ObjectState): Record<string, string> {
  const kept = state.meta(LAST_CHANGE);
  const sequence = kept ? (JSON.parse(kept) as LastStageChange).sequence : 0;
  return { [LAST_CHANGE]: JSON.stringify({ stage: null, sequence } satisfies LastStageChange) };
}

/**
 * Records the change of `q`'s stage since the one last recorded, if any: staged in the object's
 * outbox for the index, in the same synchronous step as the object's memory of it, so a change
 * is recorded exactly once whatever happens to the request after.
 */
export function recordStageChange(
  state: ObjectState,
  outbox: IndexOutbox,
  row: Pick<LeadRow, "leadId" | "visitorId" | "email" | "site">,
  q: Qualification,
  now: number,
): LeadStageChange | null {
  const kept = state.meta(LAST_CHANGE);
  const change = observedStageChange(row, q, kept ? (JSON.parse(kept) as LastStageChange) : null, now);
  if (!change) return null;
  // With the qualification as the listing shows it: what a stage-change notification carries.
  outbox.stage([{ kind: "stage_change", change, qualification: boundedQualification(q, LISTED_LIMITS) }], now);
  state.setMeta({ [LAST_CHANGE]: JSON.stringify({ stage: change.stage, sequence: change.sequence }) });
  return change;
}

export interface StageChangeQuery {
  /** Only changes to this stage. */
  stage?: QualificationStage;
  site?: string;
  limit: number;
  cursor?: IndexCursor;
}

/** Lists recorded stage changes, newest first (see `listNewestFirst`). */
export function listStageChanges(db: D1Database, query: StageChangeQuery): Promise<IndexPage<LeadStageChange>> {
  return listNewestFirst<LeadStageChange>(db, {
    table: "stage_changes",
    key: "id",
    body: "change",
    filters: [
      ...(query.stage ? [["stage = ?", query.stage] as [string, string]] : []),
      ...(query.site ? [["site = ?", query.site] as [string, string]] : []),
    ],
    limit: query.limit,
    ...(query.cursor ? { after: query.cursor } : {}),
  });
}
