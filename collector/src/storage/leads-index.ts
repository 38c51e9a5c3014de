import { boundedQualification, LISTED_LIMITS, type Qualification, type QualificationStage } from "@embudo/shared";

/**
 * The leads index in D1: one row per visitor, written by the visitor's Durable Object whenever
 * the row would change (stage, scores, email, or anything the listed qualification shows), read
 * by `GET /v1/leads`. The Durable Object stays the source of truth.
 */

/** A visitor's row as the index stores it. */
export interface LeadRow {
  visitorId: string;
  site: string;
  stage: QualificationStage;
  engagement: number;
  fit: number;
  email: string | null;
  /** The listed qualification, as JSON: what `GET /v1/leads` serves. */
  qualification: string;
}

/** The row that indexes `q`; a re-score writes it when it differs from the last one written. */
export function leadRow(site: string, q: Qualification): LeadRow {
  return {
    visitorId: q.visitorId,
    site,
    stage: q.stage,
    engagement: q.score.engagement,
    fit: q.score.fit,
    email: q.identity.email ?? null,
    // Bounded, so no history can make a row reach D1's 2 MB limit or a page grow with it.
    qualification: JSON.stringify(boundedQualification(q, LISTED_LIMITS)),
  };
}

/** Writes a visitor's row; `changedAt` orders the listing. */
export async function indexLead(db: D1Database, row: LeadRow, changedAt: number): Promise<void> {
  await db
    .prepare(
      `INSERT INTO leads (visitor_id, site, stage, engagement, fit, email, changed_at, qualification)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
       ON CONFLICT (visitor_id) DO UPDATE SET
         site = excluded.site, stage = excluded.stage, engagement = excluded.engagement, fit = excluded.fit,
         email = excluded.email, changed_at = excluded.changed_at, qualification = excluded.qualification`,
    )
    .bind(row.visitorId, row.site, row.stage, row.engagement, row.fit, row.email, changedAt, row.qualification)
    .run();
}

/**
 * Whether D1 refused a write for good: a row or value over its limits (2 MB a row), or a
 * constraint. Retrying such a write only repeats the failure, every few seconds, forever.
 */
export function isPermanentWriteError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /SQLITE_TOOBIG|too big|too large|SQLITE_CONSTRAINT/i.test(message);
}

/**
 * Whether the index has a row for `visitorId`: every visitor with a qualification gets one in
 * the request that first stores its events (or within the alarm's retry when that write fails).
 * Reads ask this first, so a guessed or mistyped id never instantiates a Durable Object.
 */
export async function isIndexed(db: D1Database, visitorId: string): Promise<boolean> {
  return (await db.prepare("SELECT 1 FROM leads WHERE visitor_id = ?").bind(visitorId).first()) !== null;
}

export interface LeadQuery {
  /** Only this stage; without it, every identified visitor (every stage but `anonymous`). */
  stage?: QualificationStage;
  email?: string;
  site?: string;
  limit: number;
  cursor?: LeadCursor;
}

/** Where a page ends: the last row's change time and visitor id (keyset pagination). */
export interface LeadCursor {
  changedAt: number;
  visitorId: string;
}

export interface LeadPage {
  items: Qualification[];
  next: LeadCursor | null;
}

/**
 * Lists leads newest change first. Keyset pagination on (changed_at, visitor_id) visits every
 * row of an unchanging index exactly once, however many pages it takes.
 */
export async function listLeads(db: D1Database, query: LeadQuery): Promise<LeadPage> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (query.stage) {
    where.push("stage = ?");
    params.push(query.stage);
  } else {
    where.push("stage <> 'anonymous'");
  }
  if (query.email) {
    where.push("email = ?");
    params.push(query.email);
  }
  if (query.site) {
    where.push("site = ?");
    params.push(query.site);
  }
  if (query.cursor) {
    where.push("(changed_at < ? OR (changed_at = ? AND visitor_id < ?))");
    params.push(query.cursor.changedAt, query.cursor.changedAt, query.cursor.visitorId);
  }
  const { results } = await db
    .prepare(
      `SELECT visitor_id, changed_at, qualification FROM leads
       WHERE ${where.join(" AND ")}
       ORDER BY changed_at DESC, visitor_id DESC
       LIMIT ?`,
    )
    .bind(...params, query.limit + 1)
    .all<{ visitor_id: string; changed_at: number; qualification: string }>();
  const page = results.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => JSON.parse(row.qualification) as Qualification),
    next: results.length > query.limit && last ? { changedAt: last.changed_at, visitorId: last.visitor_id } : null,
  };
}
