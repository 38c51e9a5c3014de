import { DurableObject } from "cloudflare:workers";
import {
  type Assessment,
  accountDomain,
  accountMember,
  assessPerson,
  boundedQualification,
  compareEvents,
  leadFacts,
  PreparedCache,
  personEvents,
  type Qualification,
  scoredEvents,
  VISITOR_ANSWER_LIMITS,
} from "@embudo/shared";
import { loadConfig } from "../config.ts";
import { forgetDerived, RETRY_MS, type SyncReason, settledWrite, syncDerived } from "./derived-write.ts";
import { indexLead, leadRow, linkVisitorsToPerson, personLeadId, removeLead } from "./leads-index.ts";
import { accountStub } from "./object-naming.ts";
import { ObjectState } from "./object-state.ts";
import {
  addInOrder,
  automationCounts,
  newestFirst,
  type Stored,
  type TimelineCursor,
  type TimelinePage,
} from "./stored-events.ts";

const SCHEMA = [
  // A visitor's whole span as it last sent it, one JSON array: a merge or a split writes one
  // row, however many events move (a thousand rows cost several times the request).
  `CREATE TABLE IF NOT EXISTS spans (visitor_id TEXT PRIMARY KEY, body TEXT NOT NULL)`,
  // Events a visitor added since, one row each. Copies are per visitor: two visitors sending
  // one id keep a copy each and the engine counts it once, so neither visitor's later span
  // change can drop the other's.
  `CREATE TABLE IF NOT EXISTS events (
     visitor_id TEXT NOT NULL,
     id TEXT NOT NULL,
     ts INTEGER NOT NULL,
     body TEXT NOT NULL,
     PRIMARY KEY (visitor_id, id)
   )`,
];

/**
 * The rows of a visitor's events, from one JSON array: a batch in one statement rather than one
 * each (every `exec` has a fixed cost). `WHERE true` lets an upsert follow the `SELECT`. Bound
 * to the visitor id, then the array.
 */
const FROM_JSON_ARRAY = `SELECT ?1, json_extract(value, '$.id'), json_extract(value, '$.ts'), value
   FROM json_each(?2) WHERE true`;

/** Meta keys of the person's two derived writes: its leads row and its report to its account. */
const LEAD_ROW = "indexed";
const ACCOUNT_REPORT = "reported";

/**
 * One person: every visitor that gave one email (trimmed, lower-cased). It holds copies of the
 * events its visitors' objects say belong to it (`VisitorObject` decides, from its own emails),
 * scores their union with the pure engine (`assessPerson`: each event once, in time order, never
 * a sum of scores), keeps the person's leads row, and reports the person to its account.
 *
 * Copies are replaced per visitor, so a visitor's span moving to another person (a shared
 * computer) or arriving late leaves every person with exactly the events that are its own. The
 * copies can always be rebuilt from the visitors' objects, which stay the source of truth.
 */
export class PersonObject extends DurableObject<Env> {
  /** Every copy in scoring order; loaded on first use, then kept in step with storage. */
  #events: Stored[] | null = null;
  /** The events as the engine prepared them, so a re-score parses none of them again. */
  readonly #prepared = new PreparedCache();
  /** Visitors that asked to answer with this person and are not linked yet (see `indexLead`). */
  readonly #joining = new Set<string>();
  readonly #state: ObjectState;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#state = new ObjectState(ctx.storage, SCHEMA, "events");
  }

  /**
   * Adds events of `visitorId` that belong to this person (repeats are ignored), then re-scores.
   * @param reason why the visitor sends them (see `SyncReason`): ingestion defers detail-only changes.
   * @param join the visitor now answers with this person: link it (and drop its anonymous row)
   *   in the batch that writes the person's row. The call returns once that is written.
   */
  async add(email: string, visitorId: string, events: Stored[], reason: SyncReason, join = false): Promise<void> {
    this.#remember(email);
    if (join) this.#joining.add(visitorId);
    const stored = new Set(
      this.#state
        .writable()
        .exec<{ id: string }>(
          `INSERT INTO events (visitor_id, id, ts, body)
           ${FROM_JSON_ARRAY} ON CONFLICT (visitor_id, id) DO NOTHING RETURNING id`,
          visitorId,
          JSON.stringify(events),
        )
        .toArray()
        .map((row) => row.id),
    );
    const inserted = events.filter((event) => stored.has(event.id));
    if (this.#events) addInOrder(this.#events, inserted);
    if (inserted.length > 0 || reason !== "ingest" || join) await this.#rescore(reason);
  }

  /**
   * Replaces everything of `visitorId` with its span (none: the visitor left), then re-scores.
   * @param span the span's events as a JSON array, in scoring order: stored as it comes, and
   *   cheaper to pass between objects than the events themselves.
   * @param join as for {@link add}.
   */
  async replace(email: string, visitorId: string, span: string, reason: SyncReason, join = false): Promise<void> {
    this.#remember(email);
    if (join) this.#joining.add(visitorId);
    const sql = this.#state.writable();
    const events = this.#events ? (JSON.parse(span) as Stored[]) : null;
    this.ctx.storage.transactionSync(() => {
      sql.exec("DELETE FROM events WHERE visitor_id = ?", visitorId);
      if (span === "[]") sql.exec("DELETE FROM spans WHERE visitor_id = ?", visitorId);
      else sql.exec("INSERT OR REPLACE INTO spans (visitor_id, body) VALUES (?, ?)", visitorId, span);
    });
    if (this.#events && events) {
      // Kept in memory rather than read back: a merge re-reads nothing it already holds.
      const kept = this.#events.filter((event) => event.visitorId !== visitorId);
      addInOrder(kept, events);
      this.#events = kept;
    }
    await this.#rescore(reason);
  }

  /** The person's qualification now, bounded for an answer, or null if it has no scored event. */
  async qualification(): Promise<Qualification | null> {
    const qualification = this.#assess(Date.now())?.qualification;
    return qualification ? boundedQualification(qualification, VISITOR_ANSWER_LIMITS) : null;
  }

  /**
   * A page of the person's raw timeline, newest first: every visitor's events, each once (the copy
   * the engine scores when two visitors sent one id).
   */
  async timeline(limit: number, after?: TimelineCursor): Promise<TimelinePage> {
    return newestFirst(personEvents(this.#loadEvents()), limit, after);
  }

  /** Decay moved the stage, details await their write, or a write failed: re-score and write. */
  override async alarm(): Promise<void> {
    if (this.#email()) await this.#rescore("alarm");
  }

  /** Keeps the email: an object cannot read back the name it was addressed by. */
  #remember(email: string): void {
    if (this.#state.meta("email") !== email) this.#state.setMeta({ email });
  }

  #email(): string | undefined {
    return this.#state.meta("email");
  }

  #loadEvents(): Stored[] {
    if (!this.#state.exists) return [];
    if (!this.#events) {
      const { sql } = this.ctx.storage;
      const events = sql
        .exec<{ body: string }>("SELECT body FROM spans")
        .toArray()
        .flatMap((row) => JSON.parse(row.body) as Stored[]);
      for (const row of sql.exec<{ body: string }>("SELECT body FROM events").toArray()) {
        events.push(JSON.parse(row.body) as Stored);
      }
      this.#events = events.sort(compareEvents);
    }
    return this.#events;
  }

  #assess(now: number): Assessment | null {
    const email = this.#email();
    const scored = email ? scoredEvents(this.#loadEvents(), automationCounts(this.env)) : null;
    return scored && assessPerson(email!, scored, loadConfig(this.env).model, now, this.#prepared);
  }

  /** Runs {@link #rescoreNow} after the re-scores before it (see `ObjectState.serially`). */
  #rescore(reason: SyncReason): Promise<void> {
    return this.#state.serially(() => this.#rescoreNow(reason));
  }

  /**
   * Re-scores, brings the leads row and the account report up to date, and sets the alarm for
   * whichever comes first: the next decay-driven stage change, a deferred write, or a retry.
   */
  async #rescoreNow(reason: SyncReason): Promise<void> {
    const email = this.#email()!;
    const now = Date.now();
    const { model } = loadConfig(this.env);
    const domain = accountDomain(email, model);
    const assessment = this.#assess(now);
    if (!assessment) {
      await this.#vanish(email, domain);
      return;
    }
    const { qualification } = assessment;
    // The union the engine scored, each event once: the facts count nothing twice.
    const facts = leadFacts(assessment.events, qualification, model, this.#prepared);
    const row = leadRow(personLeadId(email), this.#site(qualification.visitorId), qualification, facts);
    const joining = [...this.#joining];
    const rowWakeAt = await syncDerived(
      this.#state,
      {
        name: LEAD_ROW,
        value: row,
        keys: [row.site, row.stage, row.engagement, row.fit, row.email, row.visitorId],
        write: async () => {
          const settled = await settledWrite(`leads row of ${row.leadId}`, () =>
            indexLead(this.env.DB, row, now, { joining }),
          );
          if (settled) for (const visitorId of joining) this.#joining.delete(visitorId);
          return settled;
        },
      },
      now,
      reason,
    );
    await this.#linkJoining(email);
    let reportWakeAt = Number.POSITIVE_INFINITY;
    if (domain) {
      const member = accountMember(assessment, model);
      reportWakeAt = await syncDerived(
        this.#state,
        {
          name: ACCOUNT_REPORT,
          value: member,
          // What the account's stage and listing turn on goes at once; engagement can wait. Either
          // way by the alarm: an account is an aggregate, and ingestion does not wait for it.
          keys: [member.stage, member.fit, member.visitorId],
          offRequestPath: true,
          write: () =>
            reported(`report of ${email} to ${domain}`, () =>
              accountStub(this.env.ACCOUNTS, domain).report(domain, email, member),
            ),
        },
        now,
        reason,
      );
    }
    await this.#state.wakeAt(
      Math.min(rowWakeAt, reportWakeAt, assessment.nextStageReviewAt ?? Number.POSITIVE_INFINITY),
    );
  }

  /**
   * Links the visitors still waiting (the row was not written: unchanged, or deferred). Throws
   * when that fails, so the visitor that asked retries.
   */
  async #linkJoining(email: string): Promise<void> {
    const joining = [...this.#joining];
    if (joining.length === 0) return;
    await linkVisitorsToPerson(this.env.DB, personLeadId(email), joining);
    for (const visitorId of joining) this.#joining.delete(visitorId);
  }

  /** Every visitor moved its events to other people: the person leaves the index and its account. */
  async #vanish(email: string, domain: string | null): Promise<void> {
    await this.#linkJoining(email);
    let retry = false;
    if (this.#state.meta(LEAD_ROW) !== undefined) {
      if (await settledWrite(`removal of ${email}`, () => removeLead(this.env.DB, personLeadId(email)))) {
        forgetDerived(this.#state, LEAD_ROW);
      } else retry = true;
    }
    if (domain && this.#state.meta(ACCOUNT_REPORT) !== undefined) {
      if (await reported(`leave of ${email}`, () => accountStub(this.env.ACCOUNTS, domain).leave(domain, email))) {
        forgetDerived(this.#state, ACCOUNT_REPORT);
      } else retry = true;
    }
    await this.#state.wakeAt(retry ? Date.now() + RETRY_MS : Number.POSITIVE_INFINITY);
  }

  /** The site of the primary visitor: the site its first event was sent to. */
  #site(primary: string): string {
    for (const event of this.#loadEvents()) {
      if (event.visitorId === primary && event.type !== "sales_feedback") return event.site;
    }
    return "";
  }
}

/** Runs a call to an account; false (logged) when it failed and the alarm should retry it. */
async function reported(what: string, call: () => Promise<unknown>): Promise<boolean> {
  try {
    await call();
    return true;
  } catch (error) {
    console.error(`${what} failed; retried by the alarm`, error instanceof Error ? error.message : String(error));
    return false;
  }
}
