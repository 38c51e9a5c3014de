import type { LeadStageChange, QualificationStage } from "@embudo/shared";
import { type IndexCursor, type IndexPage, listNewestFirst } from "./newest-first.ts";

/**
 * The index's record of every change of a lead's stage (`stage_changes`), which each lead's
 * object writes through its projection (`objects/lead-projection.ts`), listed by
 * `GET /v1/stage-changes`.
 */

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
