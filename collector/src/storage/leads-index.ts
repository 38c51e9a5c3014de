import {
  boundedQualification,
  type LeadFacts,
  LISTED_LIMITS,
  type Qualification,
  type QualificationStage,
} from "@embudo/shared";
import { inSpace, type PersonKey } from "../spaces.ts";
import { type IndexCursor, type IndexPage, listNewestFirst } from "./newest-first.ts";

/** How leads may be listed: newest change first, or highest engagement or fit first. */
export const LEAD_SORTS = ["changed", "engagement", "fit"] as const;
export type LeadSort = (typeof LEAD_SORTS)[number];

/**
 * The leads index in D1: one row per lead, written by the lead's Durable Object whenever the row
 * would change (stage, scores, email, or anything the listed qualification shows), read by
 * `GET /v1/leads`; and `lead_visitors`, which says which lead answers for each visitor. A lead is
 * a person (`person:<space>:<email>`, scored by its `PersonObject`) or a visitor that never gave an email
 * (`visitor:<id>`, scored by its `VisitorObject`). The Durable Objects stay the source of truth;
 * their writes reach these tables through the index queue (`index-projection/`), a moment later.
 */

/** The lead id of a visitor that gave no email. */
export function anonymousLeadId(visitorId: string): string {
  return `visitor:${visitorId}`;
}

/** The lead id of `person`: its email in its space (`inSpace`). */
export function personLeadId(person: PersonKey): string {
  return `person:${inSpace(person.space, person.email)}`;
}

/** A lead's row as the index stores it. */
export interface LeadRow {
  leadId: string;
  /** The primary visitor. */
  visitorId: string;
  site: string;
  /** The people space of the lead (`spaces.ts`): erasure by email finds an email's people by it. */
  space: string;
  stage: QualificationStage;
  engagement: number;
  fit: number;
  email: string | null;
  /** The listed qualification, as JSON: what `GET /v1/leads` serves. */
  qualification: string;
  /** When the lead was first seen (ms): the reports' cohort. */
  firstSeen: number;
  /** Its report facts, as JSON: what the reports add up. */
  facts: string;
}

/** The row that indexes `q`; a re-score writes it when it differs from the last one written. */
export function leadRow(
  lead: { leadId: string; site: string; space: string },
  q: Qualification,
  facts: LeadFacts,
): LeadRow {
  return {
    ...lead,
    visitorId: q.visitorId,
    stage: q.stage,
    engagement: q.score.engagement,
    fit: q.score.fit,
    email: q.identity.email ?? null,
    // Bounded, so no history can make a row reach D1's 2 MB limit or a page grow with it.
    qualification: JSON.stringify(boundedQualification(q, LISTED_LIMITS)),
    firstSeen: facts.firstSeen,
    // leadFacts bounds its pages (FACT_PAGES_LIMIT), so the row stays small whatever the history.
    facts: JSON.stringify(facts),
  };
}

/**
 * The lead that answers for `visitorId`, or null when the visitor was never indexed. Every
 * visitor with a qualification gets a link in the request that first stores its events (or
 * within the alarm's retry when that write fails); a person's row may follow its visitor's link
 * by a moment. Reads ask this first, so a guessed or mistyped id never instantiates a Durable
 * Object, then ask the visitor's object, which knows its person.
 */
export async function leadOfVisitor(db: D1Database, visitorId: string): Promise<string | null> {
  return (
    (await db
      .prepare("SELECT lead_id FROM lead_visitors WHERE visitor_id = ?")
      .bind(visitorId)
      .first<string>("lead_id")) ?? null
  );
}

/** The visitors linked to `leadId` (migration 0008 indexes the links by lead). */
export async function visitorsOfLead(db: D1Database, leadId: string): Promise<string[]> {
  const { results } = await db
    .prepare("SELECT visitor_id FROM lead_visitors WHERE lead_id = ?")
    .bind(leadId)
    .all<{ visitor_id: string }>();
  return results.map((row) => row.visitor_id);
}

export interface LeadQuery {
  /** Only this stage; without it, every person (every stage but `anonymous`). */
  stage?: QualificationStage;
  email?: string;
  site?: string;
  space?: string;
  sort?: LeadSort;
  limit: number;
  cursor?: IndexCursor;
}

/**
 * Lists leads newest change first, or by engagement or fit, highest first (see
 * `listNewestFirst`). Scores are those of each row's last write: an idle lead's engagement decays
 * between writes, but its row is rewritten whenever its stage moves.
 */
export function listLeads(db: D1Database, query: LeadQuery): Promise<IndexPage<Qualification>> {
  return listNewestFirst<Qualification>(db, {
    table: "leads",
    key: "lead_id",
    body: "qualification",
    filters: [
      query.stage ? ["stage = ?", query.stage] : ["stage <> 'anonymous'"],
      ...(query.email ? [["email = ?", query.email] as [string, string]] : []),
      ...(query.site ? [["site = ?", query.site] as [string, string]] : []),
      ...(query.space !== undefined ? [["space = ?", query.space] as [string, string]] : []),
    ],
    sortBy: query.sort === "engagement" || query.sort === "fit" ? query.sort : "changed_at",
    limit: query.limit,
    ...(query.cursor ? { after: query.cursor } : {}),
  });
}

/**
 * The people spaces where the index lists a person of `email`: with the configured ones, where an
 * erasure by email looks (a site removed from the configuration leaves its people here).
 */
export async function spacesOfEmail(db: D1Database, email: string): Promise<string[]> {
  const { results } = await db
    .prepare("SELECT DISTINCT space FROM leads WHERE email = ?")
    .bind(email)
    .all<{ space: string }>();
  return results.map((row) => row.space);
}

/** What a report's cohort would weigh: how many leads, and the bytes of their facts. */
export async function cohortSize(
  db: D1Database,
  start: number,
  end: number,
  site: string | null,
): Promise<{ leads: number; bytes: number }> {
  const row = await db
    .prepare(
      `SELECT count(*) AS leads, coalesce(sum(length(facts)), 0) AS bytes FROM leads
       WHERE facts IS NOT NULL AND first_seen BETWEEN ?1 AND ?2 AND (?3 IS NULL OR site = ?3)`,
    )
    .bind(start, end, site)
    .first<{ leads: number; bytes: number }>();
  return row ?? { leads: 0, bytes: 0 };
}

/**
 * The leads a report reads: those first seen from `start` to `end` (ms, inclusive), of `site` when
 * given, with their report facts. One indexed range read; ask {@link cohortSize} first, and see
 * docs/scaling.md for where it tops out.
 */
export async function leadsFirstSeen(
  db: D1Database,
  start: number,
  end: number,
  site: string | null,
): Promise<Array<{ site: string; facts: LeadFacts }>> {
  const { results } = await db
    .prepare(
      `SELECT site, facts FROM leads WHERE facts IS NOT NULL AND first_seen BETWEEN ?1 AND ?2
       AND (?3 IS NULL OR site = ?3)`,
    )
    .bind(start, end, site)
    .all<{ site: string; facts: string }>();
  return results.map((row) => ({ site: row.site, facts: JSON.parse(row.facts) as LeadFacts }));
}
