import { errorMessage } from "../errors.ts";
import { webhooksStub } from "../objects/object-naming.ts";
import { rowsIn } from "../storage/rows-in.ts";
import { publishedEventOf } from "../webhooks/events.ts";
import type { PublishedEvent } from "../webhooks/messages.ts";
import { historyKey, type IndexWrite, spacedWrite, stageChangeId, type VersionedWrite } from "./messages.ts";

/**
 * How the writes of the index projection (`messages.ts`) are applied to D1: each only while it
 * is the newest of its key, stage changes handed to webhooks before they count as landed.
 */

/** Where index writes go: D1, and the webhooks for the ones that notify. */
export interface IndexTarget {
  db: D1Database;
  /** Hands stage changes to webhooks; idempotent per event. Without it, nothing is published. */
  publish?: (events: PublishedEvent[]) => Promise<void>;
}

/** The index of a Worker's or an object's bindings: its D1, and its webhooks object. */
export function indexTarget(env: Env): IndexTarget {
  return { db: env.DB, publish: (events) => webhooksStub(env.WEBHOOKS).publish(events) };
}

/**
 * The condition that a visitor, bound as `?${n}`, was not erased: a write about an erased visitor
 * still on its way (queued before the erasure) is dropped on arrival, and so stored nowhere.
 */
const notErased = (n: number) => `NOT EXISTS (SELECT 1 FROM suppressions WHERE kind = 'visitor' AND value = ?${n})`;

/**
 * The visitor a write is about, for the writes that would add something about it (a row, a link,
 * a stage change): none of them lands once that visitor was erased. Null for the rest.
 */
function subjectOf(write: IndexWrite): string | null {
  switch (write.kind) {
    case "lead":
      return write.row.visitorId;
    case "link":
      return write.visitorId;
    case "stage_change":
      return write.change.visitorId;
    default:
      return null;
  }
}

/**
 * Raises a key's version to `version` unless a newer one landed first, or the write is about an
 * erased visitor: erasure removed the versions that name it, and a late write must not bring
 * its key back.
 */
function bumpVersion(db: D1Database, { key, version, write }: VersionedWrite): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO index_versions (key, version) SELECT ?1, ?2 WHERE ${notErased(3)}
       ON CONFLICT (key) DO UPDATE SET version = excluded.version WHERE excluded.version > index_versions.version`,
    )
    .bind(key, version, subjectOf(write));
}

/**
 * The condition that a write is (still) the newest of its key, bound as ?1 = key, ?2 = version.
 * A copy of the newest write applies again: it writes what is already there.
 */
const NEWEST = "(SELECT version FROM index_versions WHERE key = ?1) = ?2";

/** The statement that applies `w`, guarded by {@link NEWEST}; null for a write with nothing for D1. */
function applyStatement(db: D1Database, w: VersionedWrite): D1PreparedStatement | null {
  const { write } = w;
  const guard = [w.key, w.version] as const;
  switch (write.kind) {
    case "lead": {
      const { row } = write;
      return db
        .prepare(
          `INSERT INTO leads
             (lead_id, visitor_id, site, stage, engagement, fit, email, changed_at, qualification, first_seen, facts, space)
           SELECT ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14 WHERE ${NEWEST} AND ${notErased(4)}
           ON CONFLICT (lead_id) DO UPDATE SET
             visitor_id = excluded.visitor_id, site = excluded.site, space = excluded.space, stage = excluded.stage,
             engagement = excluded.engagement, fit = excluded.fit, email = excluded.email,
             changed_at = excluded.changed_at, qualification = excluded.qualification,
             first_seen = excluded.first_seen, facts = excluded.facts`,
        )
        .bind(
          ...guard,
          row.leadId,
          row.visitorId,
          row.site,
          row.stage,
          row.engagement,
          row.fit,
          row.email,
          write.changedAt,
          row.qualification,
          row.firstSeen,
          row.facts,
          row.space,
        );
    }
    case "lead_removed":
      return db.prepare(`DELETE FROM leads WHERE lead_id = ?3 AND ${NEWEST}`).bind(...guard, write.leadId);
    case "link":
      return db
        .prepare(
          `INSERT INTO lead_visitors (visitor_id, lead_id) SELECT ?3, ?4 WHERE ${NEWEST} AND ${notErased(3)}
           ON CONFLICT (visitor_id) DO UPDATE SET lead_id = excluded.lead_id`,
        )
        .bind(...guard, write.visitorId, write.leadId);
    case "link_removed":
      return db
        .prepare(`DELETE FROM lead_visitors WHERE visitor_id = ?3 AND ${NEWEST}`)
        .bind(...guard, write.visitorId);
    case "account": {
      const { row } = write;
      return db
        .prepare(
          `INSERT INTO accounts (account_id, space, domain, stage, engagement, fit, changed_at, account)
           SELECT ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10 WHERE ${NEWEST}
           ON CONFLICT (account_id) DO UPDATE SET stage = excluded.stage, engagement = excluded.engagement,
             fit = excluded.fit, changed_at = excluded.changed_at, account = excluded.account`,
        )
        .bind(
          ...guard,
          row.accountId,
          row.space,
          row.domain,
          row.stage,
          row.engagement,
          row.fit,
          write.changedAt,
          row.account,
        );
    }
    case "account_removed":
      return db.prepare(`DELETE FROM accounts WHERE account_id = ?3 AND ${NEWEST}`).bind(...guard, write.accountId);
    case "stage_change": {
      const { change } = write;
      // Recorded once: a change never changes, so a copy is simply ignored. Not guarded by its
      // own version, which is raised only after webhooks have it (see applyIndexWrites), but by
      // the lead's history: a copy that arrives after its lead's history was removed, or its
      // visitor erased, is dropped.
      return db
        .prepare(
          `INSERT INTO stage_changes (id, lead_id, sequence, site, stage, changed_at, change, visitor_id)
           SELECT ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10
           WHERE coalesce((SELECT version FROM index_versions WHERE key = ?11), 0) < ?2 AND ${notErased(10)}
           ON CONFLICT (id) DO NOTHING`,
        )
        .bind(
          ...guard,
          stageChangeId(change),
          change.leadId,
          change.sequence,
          change.site,
          change.stage,
          Date.parse(change.at),
          JSON.stringify(change),
          change.visitorId,
          historyKey(change.leadId),
        );
    }
    case "history_removed":
      return db.prepare(`DELETE FROM stage_changes WHERE lead_id = ?3 AND ${NEWEST}`).bind(...guard, write.leadId);
    case "account_stage_change":
      return null;
  }
}

/** Whether a write notifies webhooks. */
function notifies(w: VersionedWrite): boolean {
  return w.write.kind === "stage_change" || w.write.kind === "account_stage_change";
}

/**
 * Applies writes in one D1 batch (one transaction), each only while it is the newest of its key.
 * When the batch fails, each write is tried alone: one that D1 refuses for good (a row over its
 * limits) is logged and its version recorded without the row, so it counts as landed and is
 * never retried. The object's own state is stored and correct; a retry could only fail again.
 *
 * Stage changes land in three steps: their rows (ignored when present), then webhooks get them
 * (`target.publish`, once per event however often), then their versions, which is what tells the
 * sweep they landed. A failure between the steps leaves the version unwritten, so the change is
 * applied again, and neither D1 nor webhooks see it twice.
 *
 * @throws when D1 or webhooks failed in a way a retry may fix: the caller retries everything
 *   (each write applies once however often it is sent).
 */
export async function applyIndexWrites(target: IndexTarget, staged: readonly VersionedWrite[]): Promise<void> {
  if (staged.length === 0) return;
  const writes = staged.map((w) => ({ ...w, write: spacedWrite(w.write) }));
  const { db } = target;
  const later = target.publish ? writes.filter(notifies) : [];
  const statementsOf = (w: VersionedWrite) => {
    const statement = applyStatement(db, w);
    const bump = later.includes(w) ? [] : [bumpVersion(db, w)];
    return statement ? [...bump, statement] : bump;
  };
  try {
    const statements = writes.flatMap(statementsOf);
    if (statements.length > 0) await db.batch(statements);
  } catch (error) {
    if (writes.length === 1 && !refusedForGood(error)) throw error;
    for (const w of writes) {
      try {
        const statements = statementsOf(w);
        if (statements.length > 0) await db.batch(statements);
      } catch (error) {
        if (!refusedForGood(error)) throw error;
        console.error(`index write ${w.key} refused for good; not retried: ${errorMessage(error)}`);
        if (!later.includes(w)) await bumpVersion(db, w).run();
      }
    }
  }
  if (later.length === 0) return;
  const events = await Promise.all(later.map((w) => publishedEventOf(w.write)));
  await target.publish!(events.filter((event) => event !== null));
  await db.batch(later.map((w) => bumpVersion(db, w)));
}

/**
 * The version of each key that landed in D1 (keys never written are absent).
 */
export async function landedVersions(db: D1Database, keys: readonly string[]): Promise<Map<string, number>> {
  const rows = await rowsIn<{ key: string; version: number }>(
    db,
    keys,
    (placeholders) => `SELECT key, version FROM index_versions WHERE key IN (${placeholders})`,
  );
  return new Map(rows.map((row) => [row.key, row.version]));
}

/** Whether D1 refused a write in a way no retry fixes: a row or value over its limits, a constraint. */
function refusedForGood(error: unknown): boolean {
  return /SQLITE_TOOBIG|too big|too large|SQLITE_CONSTRAINT/i.test(errorMessage(error));
}
