import { errorMessage } from "../errors.ts";
import { numberField, type ObjectState } from "../objects/object-state.ts";
import { type IndexMessage, type IndexWrite, keyOf, type VersionedWrite } from "./messages.ts";
import { applyIndexWrites, type IndexTarget, landedVersions } from "./writes.ts";

/**
 * How long a write sent on the queue may take to land before the sweep looks for it: well past
 * the queue's one-second batch window and its five retries 5 s apart, so the sweep writes only
 * what the queue lost (a restart empties local queues) or gave up on, and does not compete with
 * the queue while D1 is merely slow.
 */
export const SWEEP_AFTER_MS = 60_000;

/** When the sweep's own D1 write fails, it tries again after this long. */
export const SWEEP_RETRY_MS = 10_000;

/**
 * The queue refuses messages over 128 KB. A message over this goes to D1 through the sweep,
 * right after the request, instead.
 */
const MAX_MESSAGE_BYTES = 120 * 1024;

/** The outbox's table, created with the object's own (`IF NOT EXISTS`, so objects made before it get it too). */
export const OUTBOX_SCHEMA = `CREATE TABLE IF NOT EXISTS index_outbox (
  key     TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  body    TEXT NOT NULL,
  due_at  INTEGER NOT NULL
)`;

/** The state an outbox keeps in its object's `meta`: the last version it gave. */
export const OUTBOX_STATE = { clock: numberField("indexClock") };

/**
 * One Durable Object's writes to the D1 index that have not landed yet, in the object's own
 * SQLite. `stage` stores a write in the same synchronous step as the state it derives from, so a
 * request answers only once both are durable; `send` puts what was staged on the index queue,
 * whose consumer applies it in batches; `sweep`, run by the object's alarm, forgets what landed
 * and writes to D1 itself whatever the queue did not deliver in {@link SWEEP_AFTER_MS}. So a
 * restart, which loses whatever local queues hold, loses no write.
 *
 * One row per key: a newer write of a row replaces an older one not landed yet, which the index
 * no longer needs. Each write gets a version above every version this object gave before (its
 * clock, kept in meta, runs with `Date.now()` and never backwards), and D1 applies a write only
 * while it is the newest of its key (`applyIndexWrites`).
 */
export class IndexOutbox {
  /**
   * @param state the object's storage; its schema must include {@link OUTBOX_SCHEMA}.
   * @param target where the sweep writes what the queue did not deliver (`indexTarget(env)`).
   */
  constructor(
    private readonly state: ObjectState,
    private readonly queue: Queue,
    private readonly target: IndexTarget,
  ) {}

  /** Stores `writes`, each with a new version, for the next {@link send}. Synchronous: durable with the caller's state. */
  stage(writes: readonly IndexWrite[], now: number): void {
    if (writes.length === 0) return;
    let version = Math.max(now, this.state.get(OUTBOX_STATE.clock) ?? 0);
    for (const write of writes) {
      version++;
      this.state
        .writable()
        .exec(
          "INSERT OR REPLACE INTO index_outbox (key, version, body, due_at) VALUES (?, ?, ?, ?)",
          keyOf(write),
          version,
          JSON.stringify(write),
          UNSENT,
        );
    }
    this.state.set(OUTBOX_STATE.clock.to(version));
  }

  /**
   * Sends every staged write not sent yet, as one message. When the queue refuses it (or it is
   * too large for one), the writes are left for the sweep, due at once.
   */
  async send(now: number): Promise<void> {
    const unsent = this.#rows("due_at = ?", UNSENT);
    if (unsent.length === 0) return;
    const message: IndexMessage = { writes: unsent.map(versionedWrite) };
    const body = JSON.stringify(message);
    let dueAt = now + SWEEP_AFTER_MS;
    if (new TextEncoder().encode(body).length > MAX_MESSAGE_BYTES) dueAt = now;
    else {
      // Should the object go away during the send, the sweep still comes.
      await this.state.wakeNoLaterThan(dueAt);
      try {
        await this.queue.send(message, { contentType: "json" });
      } catch (error) {
        console.error("index queue refused a message; the sweep writes it", errorMessage(error));
        dueAt = now;
      }
    }
    this.#setDue(unsent, dueAt);
  }

  /**
   * Stages `writes` and applies them to D1 at once, for the one write a request must make before
   * it answers (a visitor's first link, which reads look up before they touch any object). When
   * D1 fails, they stay staged, due for the sweep at once.
   */
  async writeNow(writes: readonly IndexWrite[], now: number): Promise<void> {
    this.stage(writes, now);
    const keys = new Set(writes.map(keyOf));
    const staged = this.#rows("due_at = ?", UNSENT).filter((row) => keys.has(row.key));
    await this.state.wakeNoLaterThan(now + SWEEP_RETRY_MS);
    try {
      await applyIndexWrites(this.target, staged.map(versionedWrite));
      this.#forget(staged);
    } catch (error) {
      console.error("index write failed; the sweep writes it", errorMessage(error));
      this.#setDue(staged, now);
    }
  }

  /**
   * Whether an alarm at `now` is for the outbox alone: a sweep is due and the object's own work
   * is not. Then {@link sweepAlone} is all it needs to do.
   */
  onlySweepDue(now: number): boolean {
    return !this.state.workDue(now) && this.nextSweepAt() <= now;
  }

  /**
   * How every run of the object ends: sends what it staged, sweeps what is due when `sweep` (the
   * object's alarm), and sets the alarm for the earlier of `work` (the object's own next task)
   * and the next sweep.
   */
  async settle(work: number, sweep: boolean): Promise<void> {
    await this.send(Date.now());
    if (sweep) await this.sweep(Date.now());
    await this.state.wakeFor(work, this.nextSweepAt());
  }

  /** An alarm for the outbox alone: {@link settle}, the object's own work left as it was. */
  sweepAlone(): Promise<void> {
    return this.settle(this.state.workAt(), true);
  }

  /**
   * When the object should wake to sweep: the earliest write due (sent and not seen landed since,
   * or left for the sweep). Infinity when the outbox is empty. Staged writes not sent yet are the
   * caller's to {@link send}, but count as due, so a send cut short is swept.
   */
  nextSweepAt(): number {
    if (!this.state.exists) return Number.POSITIVE_INFINITY;
    const row = this.state.writable().exec<{ due: number | null }>("SELECT min(due_at) AS due FROM index_outbox").one();
    return row.due === null ? Number.POSITIVE_INFINITY : Math.max(row.due, 0);
  }

  /**
   * Forgets the due writes that landed (D1 has their version, or a newer one) and applies the
   * rest to D1 itself. A D1 failure leaves them due again {@link SWEEP_RETRY_MS} later.
   */
  async sweep(now: number): Promise<void> {
    await this.#land(this.#rows("due_at <= ?", now), now);
  }

  /**
   * Lands every write staged, sent or not, and forgets it: for an erasure, whose answer must find
   * the index rewritten and no trace left in the outbox. A D1 failure leaves them to the sweep.
   */
  async flush(now: number): Promise<void> {
    await this.#land(this.#rows("due_at <= ?", Number.MAX_SAFE_INTEGER), now);
  }

  /** Forgets the writes of `due` that landed and applies the rest to D1 itself (see {@link sweep}). */
  async #land(due: readonly OutboxRow[], now: number): Promise<void> {
    if (due.length === 0) return;
    try {
      const landed = await landedVersions(
        this.target.db,
        due.map((row) => row.key),
      );
      const missing = due.filter((row) => (landed.get(row.key) ?? Number.NEGATIVE_INFINITY) < row.version);
      await applyIndexWrites(this.target, missing.map(versionedWrite));
      this.#forget(due);
    } catch (error) {
      console.error("index sweep failed; retried by the alarm", errorMessage(error));
      this.#setDue(due, now + SWEEP_RETRY_MS);
    }
  }

  /** How many writes wait (for tests and logs). */
  get size(): number {
    return this.state.writable().exec<{ n: number }>("SELECT count(*) AS n FROM index_outbox").one().n;
  }

  /**
   * Sets when `rows` are due. Only the versions read: a newer write of a key staged meanwhile
   * keeps its own.
   */
  #setDue(rows: readonly OutboxRow[], dueAt: number): void {
    const sql = this.state.writable();
    for (const row of rows) {
      sql.exec("UPDATE index_outbox SET due_at = ? WHERE key = ? AND version = ?", dueAt, row.key, row.version);
    }
  }

  /** Forgets `rows`, landed; a newer write of a key staged meanwhile stays. */
  #forget(rows: readonly OutboxRow[]): void {
    const sql = this.state.writable();
    for (const row of rows) sql.exec("DELETE FROM index_outbox WHERE key = ? AND version = ?", row.key, row.version);
  }

  #rows(condition: string, bound: number): OutboxRow[] {
    if (!this.state.exists) return [];
    return this.state
      .writable()
      .exec<OutboxRow>(`SELECT key, version, body FROM index_outbox WHERE ${condition} ORDER BY version`, bound)
      .toArray();
  }
}

/**
 * `due_at` of a write staged and not sent yet: before any real time, so the sweep takes it
 * should the object stop between staging and sending.
 */
const UNSENT = -1;

type OutboxRow = {
  key: string;
  version: number;
  body: string;
};

function versionedWrite(row: OutboxRow): VersionedWrite {
  return { key: row.key, version: row.version, write: JSON.parse(row.body) as IndexWrite };
}
