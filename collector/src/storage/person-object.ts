import { DurableObject } from "cloudflare:workers";
import {
  type Assessment,
  accountDomain,
  accountMember,
  assessPerson,
  boundedQualification,
  type Qualification,
  scoredEvents,
  VISITOR_ANSWER_LIMITS,
} from "@embudo/shared";
import { loadConfig } from "../config.ts";
import { forgetDerived, RETRY_MS, settledWrite, syncDerived } from "./derived-write.ts";
import { indexLead, leadRow, personLeadId, removeLead } from "./leads-index.ts";
import { accountStub } from "./object-naming.ts";
import { ObjectState } from "./object-state.ts";
import { addInOrder, automationCounts, type Stored } from "./stored-events.ts";

const SCHEMA = [
  // One visitor's copy of an event: two visitors sending one id keep a copy each, and the
  // engine counts it once, so neither visitor's later span change can drop the other's.
  `CREATE TABLE IF NOT EXISTS events (
     visitor_id TEXT NOT NULL,
     id TEXT NOT NULL,
     ts INTEGER NOT NULL,
     body TEXT NOT NULL,
     PRIMARY KEY (visitor_id, id)
   )`,
];

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
  /** The last re-score in flight: re-scores run one after another (see `VisitorObject`). */
  #rescoring: Promise<unknown> = Promise.resolve();
  readonly #state: ObjectState;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#state = new ObjectState(ctx.storage, SCHEMA, "events");
  }

  /**
   * Adds events of `visitorId` that belong to this person (repeats are ignored), then re-scores.
   * @param details `"soon"` (ingestion) defers detail-only index changes; `"now"` writes them.
   */
  async add(email: string, visitorId: string, events: Stored[], details: "now" | "soon"): Promise<void> {
    this.#remember(email);
    const sql = this.#state.writable();
    const inserted: Stored[] = [];
    this.ctx.storage.transactionSync(() => {
      for (const event of events) {
        const rows = sql
          .exec(
            `INSERT INTO events (visitor_id, id, ts, body) VALUES (?, ?, ?, ?)
             ON CONFLICT (visitor_id, id) DO NOTHING RETURNING id`,
            visitorId,
            event.id,
            event.ts,
            JSON.stringify(event),
          )
          .toArray();
        if (rows.length > 0) inserted.push(event);
      }
    });
    if (this.#events) addInOrder(this.#events, inserted);
    if (inserted.length > 0 || details === "now") await this.#rescore(details);
  }

  /** Replaces everything of `visitorId` with `events` (none: the visitor left), then re-scores. */
  async replace(email: string, visitorId: string, events: Stored[]): Promise<void> {
    this.#remember(email);
    const sql = this.#state.writable();
    this.ctx.storage.transactionSync(() => {
      sql.exec("DELETE FROM events WHERE visitor_id = ?", visitorId);
      for (const event of events) {
        sql.exec(
          "INSERT INTO events (visitor_id, id, ts, body) VALUES (?, ?, ?, ?)",
          visitorId,
          event.id,
          event.ts,
          JSON.stringify(event),
        );
      }
    });
    this.#events = null;
    await this.#rescore("now");
  }

  /** The person's qualification now, bounded for an answer, or null if it has no scored event. */
  async qualification(): Promise<Qualification | null> {
    const qualification = this.#assess(Date.now())?.qualification;
    return qualification ? boundedQualification(qualification, VISITOR_ANSWER_LIMITS) : null;
  }

  /** Decay moved the stage, details await their write, or a write failed: re-score and write. */
  override async alarm(): Promise<void> {
    if (this.#email()) await this.#rescore("now");
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
    this.#events ??= this.ctx.storage.sql
      .exec<{ body: string }>("SELECT body FROM events ORDER BY ts, id")
      .toArray()
      .map((row) => JSON.parse(row.body) as Stored);
    return this.#events;
  }

  #assess(now: number): Assessment | null {
    const email = this.#email();
    const scored = email ? scoredEvents(this.#loadEvents(), automationCounts(this.env)) : null;
    return scored && assessPerson(email!, scored, loadConfig(this.env).model, now);
  }

  #rescore(details: "now" | "soon"): Promise<void> {
    const run = this.#rescoring.then(() => this.#rescoreNow(details));
    this.#rescoring = run.catch(() => undefined);
    return run;
  }

  /**
   * Re-scores, brings the leads row and the account report up to date, and sets the alarm for
   * whichever comes first: the next decay-driven stage change, a deferred write, or a retry.
   */
  async #rescoreNow(details: "now" | "soon"): Promise<void> {
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
    const row = leadRow(personLeadId(email), this.#site(qualification.visitorId), qualification);
    const rowWakeAt = await syncDerived(
      this.#state,
      {
        name: LEAD_ROW,
        value: row,
        keys: [row.site, row.stage, row.engagement, row.fit, row.email, row.visitorId],
        write: () => settledWrite(`leads row of ${row.leadId}`, () => indexLead(this.env.DB, row, now)),
      },
      now,
      details,
    );
    let reportWakeAt = Number.POSITIVE_INFINITY;
    if (domain) {
      const member = accountMember(assessment, model);
      reportWakeAt = await syncDerived(
        this.#state,
        {
          name: ACCOUNT_REPORT,
          value: member,
          // What the account's stage and listing turn on goes at once; engagement can wait.
          keys: [member.stage, member.fit, member.visitorId],
          write: () =>
            reported(`report of ${email} to ${domain}`, () =>
              accountStub(this.env.ACCOUNTS, domain).report(domain, email, member),
            ),
        },
        now,
        details,
      );
    }
    const wakeAt = Math.min(rowWakeAt, reportWakeAt, assessment.nextStageReviewAt ?? Number.POSITIVE_INFINITY);
    if (Number.isFinite(wakeAt)) await this.ctx.storage.setAlarm(wakeAt);
    else await this.ctx.storage.deleteAlarm();
  }

  /** Every visitor moved its events to other people: the person leaves the index and its account. */
  async #vanish(email: string, domain: string | null): Promise<void> {
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
    if (retry) await this.ctx.storage.setAlarm(Date.now() + RETRY_MS);
    else await this.ctx.storage.deleteAlarm();
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
