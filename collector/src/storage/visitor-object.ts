import { DurableObject } from "cloudflare:workers";
import {
  type Assessment,
  assessVisitor,
  boundedQualification,
  compareEvents,
  type Qualification,
  type SalesFeedbackEvent,
  type SalesOutcome,
  scoredEvents,
  type TrackedEvent,
  VISITOR_ANSWER_LIMITS,
} from "@embudo/shared";
import { ulid } from "ulid";
import { loadConfig } from "../config.ts";
import { indexLead, isPermanentWriteError, type LeadRow, leadRow } from "./leads-index.ts";
import { QUOTA_REFUSAL, remainingQuota } from "./visitor-quota.ts";

/** An event the object refused, by id, with the code and message the ingestion answer gives. */
export interface RefusedEvent {
  id: string;
  code: string;
  message: string;
}

/** What one ingestion did for one visitor. */
export interface IngestResult {
  accepted: number;
  duplicates: number;
  refused: RefusedEvent[];
}

/** An event as the collector keeps it: the validated wire event, its time skew-corrected. */
export type StoredEvent = TrackedEvent & {
  /** The site key it was sent to. */
  site: string;
  /** When the collector received it (ms). */
  receivedAt: number;
  /** The client's own `ts` before clock-skew correction. */
  clientTs: number;
};

/** What recording sales feedback did. */
export type FeedbackResult =
  | { status: "recorded"; qualification: Qualification }
  | { status: "not_found" }
  | { status: "id_conflict" };

/** Sales feedback as kept: recorded through the API, so it carries no site. */
type StoredFeedback = SalesFeedbackEvent & { receivedAt: number };
type Stored = StoredEvent | StoredFeedback;

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS events (
     id TEXT PRIMARY KEY,
     ts INTEGER NOT NULL,
     type TEXT NOT NULL,
     body TEXT NOT NULL
   )`,
  `CREATE INDEX IF NOT EXISTS events_by_ts ON events (ts, id)`,
  `CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
];

/** When indexing fails, the alarm retries it after this long. */
const INDEX_RETRY_MS = 10_000;

/**
 * How late a leads row may show details (counts, last seen, reasons) when nothing the listing
 * filters or sorts by has moved. Writing D1 on every ingestion halved ingestion throughput in
 * `pnpm bench`; deferring detail-only changes to the alarm writes an active visitor's row at
 * most once per this interval, and never later than this after its first unwritten change.
 */
export const INDEX_DETAIL_DELAY_MS = 10_000;

/**
 * One visitor's source of truth: its raw events in SQLite, keyed by event id so a retried event
 * is stored once, and its qualification, recomputed from all of them after every change.
 *
 * Durable Objects handle one call at a time per object and commit a write before the call
 * returns, so concurrent batches for one visitor cannot double an event, and the collector
 * answers 2xx only after the write. Scores are a pure function of (events, model, now): the
 * events are kept in memory once loaded, so a re-score reads no storage and costs what the
 * engine costs (see `pnpm bench`). An alarm set for the next decay-driven stage change keeps the
 * leads index true without a cron job.
 */
export class VisitorObject extends DurableObject<Env> {
  /** Every stored event in scoring order; loaded on first use, then kept in step with storage. */
  #events: Stored[] | null = null;
  /**
   * The last re-score in flight. A D1 write lets other calls into the object while it waits, so
   * re-scores run one after another, each from the events stored when it starts: the index and
   * the alarm always end at the newest state, never at an older one that finished late.
   */
  #rescoring: Promise<unknown> = Promise.resolve();

  /**
   * Whether this object's tables exist. They are made by the first write, not in the
   * constructor: a read of a visitor never seen (a typo, a guess) must not leave an object with
   * its own SQLite database behind.
   */
  #hasSchema: boolean;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#hasSchema =
      ctx.storage.sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'").toArray().length > 0;
  }

  /** Creates the tables before the first write. */
  #writable(): SqlStorage {
    if (!this.#hasSchema) {
      for (const statement of SCHEMA) this.ctx.storage.sql.exec(statement);
      this.#hasSchema = true;
    }
    return this.ctx.storage.sql;
  }

  /**
   * Stores the events not stored yet (the rest are duplicates), then re-scores and indexes.
   * Once stored, the events are safe: a failure to score or index is logged and retried by the
   * alarm, never reported as a failed ingestion (the retry would only find duplicates).
   */
  async ingest(events: StoredEvent[]): Promise<IngestResult> {
    // A visitor id belongs to the site it was first seen on: another site's key may not add to
    // it, or one public site key could rewrite every other site's leads.
    const site = this.#site();
    const refused: RefusedEvent[] = [];
    const own = events.filter((event) => {
      if (site === undefined || event.site === site) return true;
      refused.push({ id: event.id, code: "site_mismatch", message: "this visitor id belongs to another site" });
      return false;
    });
    if (site === undefined && own[0]) this.#setMeta({ site: own[0].site });
    const tracked = this.#loadEvents().flatMap((event) => (event.type === "sales_feedback" ? [] : [event.receivedAt]));
    const { inserted, overQuota } = this.#store(own, remainingQuota(tracked, Date.now()));
    for (const event of overQuota) refused.push({ id: event.id, ...QUOTA_REFUSAL });
    if (inserted.length > 0) {
      await this.#rescore("soon").catch(async (error: unknown) => {
        console.error("re-scoring failed", error instanceof Error ? error.message : String(error));
        await this.ctx.storage.setAlarm(Date.now() + INDEX_RETRY_MS);
      });
    }
    return { accepted: inserted.length, duplicates: own.length - inserted.length - overQuota.length, refused };
  }

  /**
   * Records what sales said about this visitor and re-scores. A client-made `id` makes a retried
   * request a duplicate instead of a second verdict; the same id with another verdict, or the id
   * of another stored event, is an `id_conflict` and records nothing.
   */
  async recordFeedback(
    outcome: SalesOutcome,
    reason: string | undefined,
    id: string = ulid(),
  ): Promise<FeedbackResult> {
    if (!this.#scored()) return { status: "not_found" };
    const existing = this.#loadEvents().find((event) => event.id === id);
    if (existing) {
      const same = existing.type === "sales_feedback" && existing.outcome === outcome && existing.reason === reason;
      if (!same) return { status: "id_conflict" };
    } else {
      const now = Date.now();
      this.#store([
        {
          id,
          type: "sales_feedback",
          visitorId: this.#visitorId(),
          ts: now,
          outcome,
          ...(reason ? { reason } : {}),
          receivedAt: now,
        },
      ]);
    }
    const qualification = await this.#rescore();
    return qualification
      ? { status: "recorded", qualification: boundedQualification(qualification, VISITOR_ANSWER_LIMITS) }
      : { status: "not_found" };
  }

  /** The visitor's qualification now, bounded for an answer, or null if it was never seen. */
  async qualification(): Promise<Qualification | null> {
    const qualification = this.#assess(Date.now())?.qualification;
    return qualification ? boundedQualification(qualification, VISITOR_ANSWER_LIMITS) : null;
  }

  /** Decay moved the stage, details await their write, or an index write failed: re-score and index. */
  override async alarm(): Promise<void> {
    if (this.#loadEvents().length > 0) await this.#rescore();
  }

  /**
   * Inserts in one transaction, at most `capacity` new events; returns the events that were new
   * and those refused for want of capacity (an event already stored is a duplicate either way).
   */
  #store(events: Stored[], capacity = Number.POSITIVE_INFINITY): { inserted: Stored[]; overQuota: Stored[] } {
    const sql = this.#writable();
    const inserted: Stored[] = [];
    const overQuota: Stored[] = [];
    this.ctx.storage.transactionSync(() => {
      for (const event of events) {
        if (inserted.length >= capacity) {
          if (sql.exec("SELECT 1 FROM events WHERE id = ?", event.id).toArray().length === 0) overQuota.push(event);
          continue;
        }
        const rows = sql
          .exec(
            "INSERT INTO events (id, ts, type, body) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING RETURNING id",
            event.id,
            event.ts,
            event.type,
            JSON.stringify(event),
          )
          .toArray();
        if (rows.length > 0) inserted.push(event);
      }
    });
    if (this.#events && inserted.length > 0) {
      const cached = this.#events;
      const lastBefore = cached.at(-1);
      cached.push(...inserted);
      // New events are almost always the latest; sort only when one arrived late.
      if (inserted.length > 1 || (lastBefore && compareEvents(lastBefore, inserted[0]!) > 0))
        cached.sort(compareEvents);
    }
    return { inserted, overQuota };
  }

  #loadEvents(): Stored[] {
    if (!this.#hasSchema) return [];
    this.#events ??= this.ctx.storage.sql
      .exec<{ body: string }>("SELECT body FROM events ORDER BY ts, id")
      .toArray()
      .map((row) => JSON.parse(row.body) as Stored);
    return this.#events;
  }

  #visitorId(): string {
    return this.#loadEvents()[0]!.visitorId;
  }

  /** The events the engine scores (see `scoredEvents`), or null while none counts. */
  #scored(): Stored[] | null {
    const { sites } = loadConfig(this.env);
    return scoredEvents(this.#loadEvents(), (event) => sites[event.site]?.scoreAutomation === true);
  }

  #assess(now: number): Assessment | null {
    const scored = this.#scored();
    return scored && assessVisitor(scored, loadConfig(this.env).model, now);
  }

  /**
   * Re-scores, brings the leads row up to date, and sets the alarm for whichever comes first: the
   * next decay-driven stage change, a deferred detail write, or the retry of a failed write. An
   * index failure never fails the caller: the events are stored, and the alarm retries it.
   *
   * @param details `"now"` writes any change to the row at once; `"soon"` (ingestion) writes at
   *   once only what the listing filters and sorts by (stage, scores, email, site) and leaves
   *   detail-only changes to the alarm, within {@link INDEX_DETAIL_DELAY_MS}.
   */
  #rescore(details: "now" | "soon" = "now"): Promise<Qualification | null> {
    const run = this.#rescoring.then(() => this.#rescoreNow(Date.now(), details));
    this.#rescoring = run.catch(() => undefined);
    return run;
  }

  async #rescoreNow(now: number, details: "now" | "soon"): Promise<Qualification | null> {
    const assessment = this.#assess(now);
    if (!assessment) return null;
    const { qualification, nextStageReviewAt } = assessment;
    const row = leadRow(this.#site() ?? "", qualification);
    const keys = JSON.stringify([row.site, row.stage, row.engagement, row.fit, row.email]);
    const full = await digest(JSON.stringify(row));
    const indexed = this.#meta("indexed");
    let detailsDueAt = Number(this.#meta("detailsDue") ?? Number.POSITIVE_INFINITY);
    let retryAt = Number.POSITIVE_INFINITY;
    if (full !== indexed) {
      if (details === "now" || keys !== this.#meta("indexedKeys") || now >= detailsDueAt) {
        if (await this.#writeRow(row, now)) {
          this.#setMeta({ indexed: full, indexedKeys: keys, detailsDue: null });
          detailsDueAt = Number.POSITIVE_INFINITY;
        } else {
          retryAt = now + INDEX_RETRY_MS;
        }
      } else if (!Number.isFinite(detailsDueAt)) {
        // The first unwritten detail sets the due time; later ones do not push it back.
        detailsDueAt = now + INDEX_DETAIL_DELAY_MS;
        this.#setMeta({ detailsDue: String(detailsDueAt) });
      }
    }
    const wakeAt = Math.min(retryAt, detailsDueAt, nextStageReviewAt ?? Number.POSITIVE_INFINITY);
    if (Number.isFinite(wakeAt)) await this.ctx.storage.setAlarm(wakeAt);
    else await this.ctx.storage.deleteAlarm();
    return qualification;
  }

  /**
   * Writes the leads row; true when that is settled: written, or refused by D1 for good (the
   * visitor's own state is stored and correct, so a row that can never be written is logged once
   * rather than retried every 10 s forever). False when a retry may succeed.
   */
  async #writeRow(row: LeadRow, now: number): Promise<boolean> {
    try {
      await indexLead(this.env.DB, row, now);
      return true;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (!isPermanentWriteError(error)) {
        console.error("leads index write failed; retried by the alarm", message);
        return false;
      }
      console.error(`leads index refused the row of ${row.visitorId} for good; not retried: ${message}`);
      return true;
    }
  }

  #meta(key: string): string | undefined {
    if (!this.#hasSchema) return undefined;
    return this.ctx.storage.sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = ?", key).toArray()[0]
      ?.value;
  }

  /** Sets meta values in one transaction; null deletes the key. */
  #setMeta(values: Record<string, string | null>): void {
    const sql = this.#writable();
    this.ctx.storage.transactionSync(() => {
      for (const [key, value] of Object.entries(values)) {
        if (value === null) sql.exec("DELETE FROM meta WHERE key = ?", key);
        else sql.exec("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", key, value);
      }
    });
  }

  /**
   * The site this visitor was first seen on, or undefined before its first event. Kept in meta;
   * objects written before it was kept take the site of their earliest received event.
   */
  #site(): string | undefined {
    const kept = this.#meta("site");
    if (kept !== undefined) return kept;
    let first: StoredEvent | undefined;
    for (const event of this.#loadEvents()) {
      if (event.type !== "sales_feedback" && (!first || event.receivedAt < first.receivedAt)) first = event;
    }
    if (first) this.#setMeta({ site: first.site });
    return first?.site;
  }
}

/** A short hex digest of a row, so the object remembers what it indexed without a copy of it. */
async function digest(text: string): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  return Array.from(bytes.subarray(0, 16), (byte) => byte.toString(16).padStart(2, "0")).join("");
}
