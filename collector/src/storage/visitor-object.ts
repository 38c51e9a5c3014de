import { DurableObject } from "cloudflare:workers";
import type { TrackedEvent } from "@embudo/shared";

/** What one ingestion did for one visitor. */
export interface IngestResult {
  accepted: number;
  duplicates: number;
}

/** An event as the collector keeps it: the validated wire event, with its time skew-corrected. */
export type StoredEvent = TrackedEvent & {
  /** The site key it was sent to. */
  site: string;
  /** When the collector received it (ms). */
  receivedAt: number;
  /** The client's own `ts` before clock-skew correction. */
  clientTs: number;
};

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS events (
     id TEXT PRIMARY KEY,
     ts INTEGER NOT NULL,
     type TEXT NOT NULL,
     body TEXT NOT NULL
   )`,
  `CREATE INDEX IF NOT EXISTS events_by_ts ON events (ts, id)`,
];

/**
 * One visitor's source of truth: its raw events in SQLite, keyed by event id so a retried event
 * is stored once. Durable Objects run one request at a time per object and a write commits
 * before the call returns, so concurrent batches for one visitor cannot double an event, and the
 * collector answers 2xx only after the write.
 */
export class VisitorObject extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    for (const statement of SCHEMA) ctx.storage.sql.exec(statement);
  }

  /** Stores events that are not stored yet; the rest are duplicates. One transaction. */
  async ingest(events: StoredEvent[]): Promise<IngestResult> {
    const sql = this.ctx.storage.sql;
    let accepted = 0;
    this.ctx.storage.transactionSync(() => {
      for (const event of events) {
        const inserted = sql
          .exec(
            "INSERT INTO events (id, ts, type, body) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING RETURNING id",
            event.id,
            event.ts,
            event.type,
            JSON.stringify(event),
          )
          .toArray().length;
        accepted += inserted;
      }
    });
    return { accepted, duplicates: events.length - accepted };
  }

  /** How many events this visitor has stored. */
  async eventCount(): Promise<number> {
    return this.ctx.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM events").one().n;
  }
}
