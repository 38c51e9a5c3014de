import type { ObjectState } from "../object-state.ts";
import { addInOrder, parseStored, type Stored } from "../stored-events.ts";

/** The visitor's events table: each raw event once, by its id. */
export const EVENT_TABLES = [
  `CREATE TABLE IF NOT EXISTS events (
     id TEXT PRIMARY KEY,
     ts INTEGER NOT NULL,
     type TEXT NOT NULL,
     body TEXT NOT NULL
   )`,
  `CREATE INDEX IF NOT EXISTS events_by_ts ON events (ts, id)`,
];

/** What one insert did: the events that were new, and those refused for want of quota. */
export interface Inserted {
  inserted: Stored[];
  overQuota: Stored[];
}

/**
 * A visitor's raw events, the source of truth for everything scored about it: in SQLite, keyed
 * by event id so a retried event is stored once, and in memory once loaded (in scoring order),
 * kept in step with every write, so a re-score reads no storage.
 */
export class VisitorEventStore {
  #events: Stored[] | null = null;

  constructor(private readonly state: ObjectState) {}

  /** Every stored event in scoring order. */
  all(): Stored[] {
    const sql = this.state.readable();
    if (!sql) return [];
    this.#events ??= sql
      .exec<{ body: string }>("SELECT body FROM events ORDER BY ts, id")
      .toArray()
      .map((row) => parseStored(row.body));
    return this.#events;
  }

  /** The visitor's id, from its events; undefined while it has none. */
  get visitorId(): string | undefined {
    return this.all()[0]?.visitorId;
  }

  /**
   * Inserts in one transaction, at most `capacity` new events; returns the events that were new
   * and those refused for want of capacity (an event already stored is a duplicate either way).
   */
  insert(events: Stored[], capacity = Number.POSITIVE_INFINITY): Inserted {
    // Nothing to store (an erased visitor's batch, or one all of another site): nothing to write.
    if (events.length === 0) return { inserted: [], overQuota: [] };
    const sql = this.state.writable();
    if (events.length <= capacity) {
      // Room for all of them (the usual case): one statement, however many events (every
      // `exec` has a fixed cost). Duplicates are skipped by id.
      const stored = new Set(
        sql
          .exec<{ id: string }>(
            `INSERT INTO events (id, ts, type, body)
             SELECT json_extract(value, '$.id'), json_extract(value, '$.ts'), json_extract(value, '$.type'), value
             FROM json_each(?) WHERE true ON CONFLICT (id) DO NOTHING RETURNING id`,
            JSON.stringify(events),
          )
          .toArray()
          .map((row) => row.id),
      );
      // An id given twice in one batch is stored once: keep its first copy, as the insert did.
      const inserted = events.filter((event) => stored.delete(event.id));
      if (this.#events) addInOrder(this.#events, inserted);
      return { inserted, overQuota: [] };
    }
    const inserted: Stored[] = [];
    const overQuota: Stored[] = [];
    this.state.transaction(() => {
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
    if (this.#events) addInOrder(this.#events, inserted);
    return { inserted, overQuota };
  }

  /** Deletes the events older than `cutoff` (ms); false when there were none. */
  deleteBefore(cutoff: number): boolean {
    const events = this.all();
    if (events.length === 0 || events[0]!.ts >= cutoff) return false;
    this.state.writable().exec("DELETE FROM events WHERE ts < ?", cutoff);
    this.#events = events.filter((event) => event.ts >= cutoff);
    return true;
  }

  /** Forgets what it held in memory: the object's storage was wiped. */
  forget(): void {
    this.#events = null;
  }
}
