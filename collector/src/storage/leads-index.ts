import type { Qualification, QualificationStage } from "@embudo/shared";

/**
 * The leads index in D1: one row per visitor, written by the visitor's Durable Object when its
 * stage or score changes, read by `GET /v1/leads`. The Durable Object stays the source of truth.
 */

/** How many reasons a listed qualification keeps; `GET /v1/visitors/:id` serves all of them. */
export const LISTED_REASONS = 20;

/** A listed qualification: reasons trimmed to the largest {@link LISTED_REASONS}. */
export type ListedQualification = Qualification & { reasonsTotal: number };

/** Trims a qualification for the index, so a long history cannot make rows or pages huge. */
export function listedQualification(q: Qualification): ListedQualification {
  return { ...q, reasons: q.reasons.slice(0, LISTED_REASONS), reasonsTotal: q.reasons.length };
}

/** Writes a visitor's row; `changedAt` orders the listing. */
export async function indexLead(db: D1Database, site: string, q: Qualification, changedAt: number): Promise<void> {
  await db
    .prepare(
      `INSERT INTO leads (visitor_id, site, stage, engagement, fit, email, changed_at, qualification)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
       ON CONFLICT (visitor_id) DO UPDATE SET
         site = excluded.site, stage = excluded.stage, engagement = excluded.engagement, fit = excluded.fit,
         email = excluded.email, changed_at = excluded.changed_at, qualification = excluded.qualification`,
    )
    .bind(
      q.visitorId,
      site,
      q.stage,
      q.score.engagement,
      q.score.fit,
      q.identity.email ?? null,
      changedAt,
      JSON.stringify(listedQualification(q)),
    )
    .run();
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
  items: ListedQualification[];
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
    items: page.map((row) => JSON.parse(row.qualification) as ListedQualification),
    next: results.length > query.limit && last ? { changedAt: last.changed_at, visitorId: last.visitor_id } : null,
  };
}
