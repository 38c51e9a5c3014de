import { DurableObject } from "cloudflare:workers";
import {
  type Assessment,
  accountDomain,
  accountMember,
  assessPerson,
  boundedQualification,
  type ClaimDecision,
  type ClaimReview,
  compareEvents,
  DAY,
  leadFacts,
  PreparedCache,
  personEvents,
  personMembers,
  type Qualification,
  scoredEvents,
  VISITOR_ANSWER_LIMITS,
} from "@embudo/shared";
import { loadConfig } from "../../config.ts";
import { errorMessage } from "../../errors.ts";
import { IndexOutbox, OUTBOX_SCHEMA, OUTBOX_STATE } from "../../index-projection/outbox.ts";
import { indexTarget } from "../../index-projection/writes.ts";
import { type AccountKey, inSpace, type PersonKey, UNSPACED } from "../../spaces.ts";
import { leadRow, personLeadId, visitorsOfLead } from "../../storage/leads-index.ts";
import { runAlarm } from "../alarm.ts";
import { derivedWriteFields, forgottenDerived, RETRY_MS, type SyncReason, syncDerived } from "../derived-write.ts";
import {
  type ErasureCounts,
  type ErasurePlan,
  ErasureTombstone,
  eraseVisitors,
  erasureCountsSchema,
  erasureState,
  forgetInIndex,
  notifyErasure,
  suppress,
} from "../erasure.ts";
import { LEAD_PROJECTION_STATE, LeadProjection } from "../lead-projection.ts";
import { accountStub, networkBudgetStub, webhooksStub } from "../object-naming.ts";
import { jsonField, ObjectState, stateSchema, textField, WORK_AT } from "../object-state.ts";
import { SpacedName } from "../spaced-name.ts";
import {
  addInOrder,
  automationCounts,
  newestFirst,
  parseSpan,
  parseStored,
  type Stored,
  type TimelineCursor,
  type TimelinePage,
} from "../stored-events.ts";

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
  // Browsers let in by `join` whose events have not arrived yet, as a member or as a claim: they
  // count toward that room for SEAT_MS, time enough for the span to arrive (a seat whose events
  // were refused then lapses).
  `CREATE TABLE IF NOT EXISTS join_seats (visitor_id TEXT PRIMARY KEY, at INTEGER NOT NULL, kind TEXT NOT NULL)`,
  // The latest review of each browser's claim to be this person (`claims.ts` in the engine).
  // The person's own record: a visitor's span, replaced at will, never carries one.
  `CREATE TABLE IF NOT EXISTS claim_reviews (visitor_id TEXT PRIMARY KEY, decision TEXT NOT NULL, at INTEGER NOT NULL)`,
  OUTBOX_SCHEMA,
];

/** How long a browser let in holds its seat before its span arrives. */
const SEAT_MS = 10 * 60_000;

/**
 * How big one person may grow. A person is a buyer on a phone and a laptop, a few more browsers
 * over a year: a hundred browsers or tens of thousands of events under one email is a script
 * joining browsers to it, and every read and re-score of the person would pay for all of them.
 */
export const PERSON_LIMITS = {
  /** Browsers that speak for one person (its members, `claims.ts`). */
  browsers: 100,
  /**
   * Other browsers claiming its email, counted apart: a flood of claims fills this and never the
   * members' room, so it cannot keep the buyer's next device out.
   */
  claims: 100,
  /**
   * Events: a browser joins a person only while its members (for a claim: all its browsers) would
   * hold at most this many with the browser's, and a browser in it adds events only while they
   * hold fewer (`CopyAnswer.room`). Members and claims are counted apart here too, so claims
   * flooding a person with events never stop the buyer's own browsers.
   */
  events: 50_000,
};

/**
 * The rows of a visitor's events, from one JSON array: a batch in one statement rather than one
 * each (every `exec` has a fixed cost). `WHERE true` lets an upsert follow the `SELECT`. Bound
 * to the visitor id, then the array.
 */
const FROM_JSON_ARRAY = `SELECT ?1, json_extract(value, '$.id'), json_extract(value, '$.ts'), value
   FROM json_each(?2) WHERE true`;

/** The person's report to its account (see `syncDerived`). */
const ACCOUNT_REPORT = derivedWriteFields("reported");

/** Everything a person's object keeps in `meta`, each key once (see `person-object.test.ts`). */
export const PERSON_STATE = stateSchema(
  {
    /** The person's email: an object cannot read back the name it was addressed by. */
    email: textField("email"),
    /** Its people space; none in a person from before spaces (`UNSPACED`). */
    space: textField("space"),
    /**
     * The browser whose span the person held first (`claims.ts`): kept apart from sales' reviews,
     * so neither retention nor a review hands the person to whoever claimed next.
     */
    founder: textField("founder"),
    reportDigest: ACCOUNT_REPORT.digest,
    reportKeys: ACCOUNT_REPORT.keys,
    reportDue: ACCOUNT_REPORT.due,
    workAt: WORK_AT,
  },
  LEAD_PROJECTION_STATE,
  OUTBOX_STATE,
  /** An erased person keeps what its erasure removed, and nothing else. */
  erasureState(jsonField("erased", erasureCountsSchema)),
);

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
  readonly #state: ObjectState;
  /** What this object owes the D1 index: the person's leads row and stage changes. */
  readonly #outbox: IndexOutbox;
  readonly #lead: LeadProjection;
  readonly #erasure: ErasureTombstone<ErasureCounts>;
  /** Its email and people space. */
  readonly #name: SpacedName;
  /** The last `join` in flight (see {@link join}). */
  #joins: Promise<unknown> = Promise.resolve();
  /** The browsers that spoke for the person at its last score (`claims.ts`); null until it is scored. */
  #members: ReadonlySet<string> | null = null;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#state = new ObjectState(ctx.storage, SCHEMA, "events");
    this.#outbox = new IndexOutbox(this.#state, env.INDEX_QUEUE, indexTarget(env));
    this.#lead = new LeadProjection(this.#state, this.#outbox);
    this.#erasure = new ErasureTombstone(this.#state, PERSON_STATE.erased);
    this.#name = new SpacedName(this.#state, PERSON_STATE.email, PERSON_STATE.space);
  }

  /**
   * Lets `visitorId` join the person before it stores an event giving the email: yes for a browser
   * already in it, or while the person has fewer than {@link PERSON_LIMITS} browsers and, with the
   * browser's `events`, events. A browser that would start the person spends one of its network's
   * new people of the day (`NetworkBudgetObject`). A browser let in keeps its seat until its span
   * arrives (or it leaves), so two joining at once cannot both take the last one.
   * @param network the tag of the network the email was given from, if the collector has one.
   */
  join(person: PersonKey, visitorId: string, events: number, network?: string): Promise<JoinAnswer> {
    // One at a time: browsers joining a new person at once must see the first one's seat, or
    // each would spend its network's budget as if it started the person.
    const run = this.#joins.then(() => this.#joinNow(person, visitorId, events, network));
    this.#joins = run.catch(() => undefined);
    return run;
  }

  async #joinNow(person: PersonKey, visitorId: string, events: number, network?: string): Promise<JoinAnswer> {
    // An erased person's email is refused before this (suppression); one being erased lets the
    // visitor learn it when it shares, as ever.
    if (this.#erasure.erasing) return "joined";
    const browsers = this.#browsers();
    if (browsers.has(visitorId)) return "joined";
    const now = Date.now();
    const founding = browsers.size === 0;
    if (founding && network !== undefined) {
      const day = now - (now % DAY);
      // Per space: one site's key spending it must not keep another site's people out.
      const budget = networkBudgetStub(this.env.NETWORK_BUDGETS, inSpace(person.space, network), day);
      if (!(await budget.spend(day))) return "network_budget";
    }
    const kind = this.#joinsAs(network, events, founding);
    if (kind === null) return "full";
    this.#remember(person);
    this.#state
      .writable()
      .exec("INSERT OR REPLACE INTO join_seats (visitor_id, at, kind) VALUES (?, ?, ?)", visitorId, now, kind);
    return "joined";
  }

  /**
   * Adds events of `visitorId` that belong to this person (repeats are ignored), then re-scores.
   * @returns whether the person took them (not when it was erased, or is being erased), and how
   *   many more the browser may add.
   * @param reason why the visitor sends them (see `SyncReason`): ingestion defers detail-only changes.
   */
  async add(person: PersonKey, visitorId: string, events: Stored[], reason: SyncReason): Promise<CopyAnswer> {
    // An erased person takes nothing more, and says so: the visitor then erases itself.
    if (this.#erasure.erasing) return REFUSED_COPY;
    this.#remember(person);
    const founding = this.#holdsNothing();
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
    if (founding && inserted.length > 0) this.#state.set(PERSON_STATE.founder.to(visitorId));
    if (this.#events) addInOrder(this.#events, inserted);
    if (inserted.length > 0 || reason !== "ingest") await this.#rescore(reason);
    return this.#taken(visitorId);
  }

  /**
   * Replaces everything of `visitorId` with its span (none: the visitor left), then re-scores.
   * @returns whether the person took it (not when it was erased, or is being erased), and how
   *   many more events the browser may add.
   * @param span the span's events as a JSON array, in scoring order: stored as it comes, and
   *   cheaper to pass between objects than the events themselves.
   */
  async replace(person: PersonKey, visitorId: string, span: string, reason: SyncReason): Promise<CopyAnswer> {
    if (this.#erasure.erasing) return REFUSED_COPY;
    // A visitor leaving a person that never held anything (its email in another space, say):
    // nothing to withdraw, and no object to make, that would keep the email.
    if (span === "[]" && !this.#state.exists) return { taken: true, room: PERSON_LIMITS.events };
    this.#remember(person);
    const founding = span !== "[]" && this.#holdsNothing();
    const sql = this.#state.writable();
    const events = this.#events ? parseSpan(span) : null;
    if (founding) this.#state.set(PERSON_STATE.founder.to(visitorId));
    this.ctx.storage.transactionSync(() => {
      sql.exec("DELETE FROM events WHERE visitor_id = ?", visitorId);
      // The visitor left: its seat goes with its events.
      if (span === "[]") {
        sql.exec("DELETE FROM spans WHERE visitor_id = ?", visitorId);
        sql.exec("DELETE FROM join_seats WHERE visitor_id = ?", visitorId);
      } else sql.exec("INSERT OR REPLACE INTO spans (visitor_id, body) VALUES (?, ?)", visitorId, span);
    });
    if (this.#events && events) {
      // Kept in memory rather than read back: a merge re-reads nothing it already holds.
      const kept = this.#events.filter((event) => event.visitorId !== visitorId);
      addInOrder(kept, events);
      this.#events = kept;
    }
    await this.#rescore(reason);
    return this.#taken(visitorId);
  }

  /**
   * A copy taken from `visitorId`, with the events it may still add (see {@link PERSON_LIMITS}):
   * a member, what the members may still hold together; a claim, what the person may.
   */
  #taken(visitorId: string): CopyAnswer {
    const held = this.#loadEvents();
    const members = this.#members ?? this.#currentMembers();
    const pool = members.has(visitorId) ? held.filter((event) => members.has(event.visitorId)).length : held.length;
    return { taken: true, room: Math.max(0, PERSON_LIMITS.events - pool) };
  }

  /** The browsers that speak for the person now, from its events (`claims.ts`). */
  #currentMembers(): ReadonlySet<string> {
    const email = this.#email();
    if (email === undefined) return new Set();
    return new Set(personMembers(email, personEvents(this.#loadEvents()), this.#reviews(), this.#founder()).members);
  }

  /**
   * Records a review of `visitorId`'s claim to be this person (sales now; a server-side identify
   * or a sales outcome later), and re-scores: a confirmed browser's events all count, a
   * rejected one's leave the score. A rejection that would leave the person nobody to speak for
   * it is not recorded: that is an erasure.
   */
  async reviewClaim(visitorId: string, decision: ClaimDecision, at = Date.now()): Promise<ClaimReviewResult> {
    if (this.#erasure.erasing || !this.#browsers().has(visitorId)) return { status: "no_claim" };
    const review: ClaimReview = { visitorId, decision, at };
    if (decision === "rejected" && !this.#assess(at, [...this.#reviews(), review])) return { status: "only_member" };
    this.#state
      .writable()
      .exec(
        "INSERT OR REPLACE INTO claim_reviews (visitor_id, decision, at) VALUES (?, ?, ?)",
        visitorId,
        decision,
        at,
      );
    await this.#rescore("request");
    const qualification = await this.qualification();
    return qualification ? { status: "reviewed", qualification } : { status: "no_claim" };
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

  /** The visitors whose events this person holds, and those linked to it in the index, in no order. */
  async visitorIds(): Promise<string[]> {
    const held = this.#state.exists
      ? this.ctx.storage.sql
          .exec<{ visitor_id: string }>("SELECT visitor_id FROM spans UNION SELECT visitor_id FROM events")
          .toArray()
          .map((row) => row.visitor_id)
      : [];
    const key = this.#key();
    if (!key) return held;
    // A visitor that just gave the email is linked before its events arrive here.
    return [...new Set([...held, ...(await visitorsOfLead(this.env.DB, personLeadId(key)))])];
  }

  /**
   * Erases the person on request: every visitor that gave its email (their events wherever they
   * went), its copies, its leads row and stage history, its place in its account, and webhook
   * deliveries that name it; then `lead.erased` goes out. The plan is stored first and every step
   * is idempotent (`erasure.ts`), so the alarm finishes an erasure cut short, and a repeat of a
   * finished one answers zeros. Null when the person was never seen.
   */
  async erase(person: PersonKey): Promise<ErasureCounts | null> {
    // Erased before: nothing is left to erase.
    if (this.#erasure.erased !== undefined) return { visitors: 0, events: 0 };
    let plan = this.#erasure.plan;
    if (!plan) {
      if (!this.#state.exists) return null;
      const visitorIds = await this.visitorIds();
      // A person whose visitors all left (moved to another space, say) still has its email in
      // its account's history and in webhook deliveries: the erasure takes those too.
      if (visitorIds.length === 0 && this.#key() === undefined) return null;
      plan = { email: person.email, space: person.space, visitorIds, at: Date.now() };
      // Stored before anything is erased: from here, copies sent to the person are ignored.
      await this.#erasure.begin(plan);
    }
    return this.#finishErasure(plan);
  }

  /** Runs the erasure's steps after the runs before it (see `ObjectState.serially`). */
  #finishErasure(plan: ErasurePlan): Promise<ErasureCounts> {
    return this.#state.serially(() => this.#finishErasureNow(plan));
  }

  async #finishErasureNow(plan: ErasurePlan): Promise<ErasureCounts> {
    const done = this.#erasure.erased;
    if (done) return done;
    const email = plan.email!;
    await suppress(this.env, plan);
    const events = await eraseVisitors(this.env, plan);
    const domain = accountDomain(email, loadConfig(this.env).model);
    if (domain) {
      const account = { space: plan.space ?? UNSPACED, domain };
      await accountStub(this.env.ACCOUNTS, account).leave(account, email, "erased");
    }
    await forgetInIndex(this.env, plan);
    await notifyErasure(this.env, plan);
    const counts: ErasureCounts = { visitors: plan.visitorIds.length, events };
    await this.#erasure.bury(counts);
    this.#events = null;
    this.#members = null;
    return counts;
  }

  /**
   * Decay moved the stage, details await their write, a report failed, index writes are due
   * for the sweep, or an erasure was cut short: re-score and write, or finish it.
   */
  override async alarm(): Promise<void> {
    await runAlarm({
      state: this.#state,
      outbox: this.#outbox,
      erasure: { tombstone: this.#erasure, finish: (plan) => this.#finishErasure(plan) },
      ready: () => this.#email() !== undefined,
      work: () => this.#rescore("alarm"),
    });
  }

  /**
   * How a browser joining from `network` with `events` events fits, or null when it does not: as
   * a member when it founds the person or comes from a network its members used, else as a claim.
   * Each kind has its own room (`PERSON_LIMITS`), with the seats of its kind still waiting: a
   * flood of claims fills the claims' room, never the members'.
   */
  #joinsAs(network: string | undefined, events: number, founding: boolean): SeatKind | null {
    const held = this.#loadEvents();
    const memberIds = this.#currentMembers();
    const holding = new Set(held.map((event) => event.visitorId));
    const waiting = { member: 0, claim: 0 };
    for (const seat of this.#seats()) if (!holding.has(seat.visitorId)) waiting[seat.kind]++;
    const membersHold = held.filter((event) => memberIds.has(event.visitorId));
    const tied =
      founding ||
      (network !== undefined &&
        membersHold.some((event) => event.type !== "sales_feedback" && event.network === network));
    if (tied) {
      const fits =
        memberIds.size + waiting.member < PERSON_LIMITS.browsers && membersHold.length + events <= PERSON_LIMITS.events;
      return fits ? "member" : null;
    }
    // Every browser held that is not a member is a claim here (or a browser that gave no email).
    const fits =
      holding.size - memberIds.size + waiting.claim < PERSON_LIMITS.claims &&
      held.length + events <= PERSON_LIMITS.events;
    return fits ? "claim" : null;
  }

  /** The seats still waiting for their span (see {@link join}). */
  #seats(): { visitorId: string; kind: SeatKind }[] {
    if (!this.#state.exists) return [];
    return this.#state
      .writable()
      .exec<{ visitor_id: string; kind: SeatKind }>(
        "SELECT visitor_id, kind FROM join_seats WHERE at > ?",
        Date.now() - SEAT_MS,
      )
      .toArray()
      .map((row) => ({ visitorId: row.visitor_id, kind: row.kind }));
  }

  /** The founder on record; undefined for a person from before it was kept (`claims.ts`). */
  #founder(): string | undefined {
    return this.#state.get(PERSON_STATE.founder);
  }

  /** Whether the person holds no event yet (or none any more): the next span to land founds it. */
  #holdsNothing(): boolean {
    if (this.#events) return this.#events.length === 0;
    if (!this.#state.exists) return true;
    return (
      this.#state.writable().exec("SELECT 1 FROM spans UNION ALL SELECT 1 FROM events LIMIT 1").toArray().length === 0
    );
  }

  /**
   * The browsers in the person: those whose events it holds (claims included), and those let in
   * whose events are on their way.
   */
  #browsers(): Set<string> {
    if (!this.#state.exists) return new Set();
    // Writable: an object stored before `seats` was added gets the table first.
    return new Set(
      this.#state
        .writable()
        .exec<{ visitor_id: string }>(
          `SELECT visitor_id FROM join_seats WHERE at > ?
           UNION SELECT visitor_id FROM spans UNION SELECT visitor_id FROM events`,
          Date.now() - SEAT_MS,
        )
        .toArray()
        .map((row) => row.visitor_id),
    );
  }

  /** Keeps the person's key: an object cannot read back the name it was addressed by. */
  #remember(person: PersonKey): void {
    this.#name.remember(person.email, person.space);
  }

  #email(): string | undefined {
    return this.#state.get(PERSON_STATE.email);
  }

  /** The person's key, once a browser joined or shared with it. */
  #key(): PersonKey | undefined {
    const kept = this.#name.get();
    return kept && { space: kept.space, email: kept.name };
  }

  #loadEvents(): Stored[] {
    if (!this.#state.exists) return [];
    if (!this.#events) {
      const { sql } = this.ctx.storage;
      const events = sql
        .exec<{ body: string }>("SELECT body FROM spans")
        .toArray()
        .flatMap((row) => parseSpan(row.body));
      for (const row of sql.exec<{ body: string }>("SELECT body FROM events").toArray()) {
        events.push(parseStored(row.body));
      }
      this.#events = events.sort(compareEvents);
    }
    return this.#events;
  }

  #assess(now: number, reviews = this.#reviews()): Assessment | null {
    const email = this.#email();
    const scored = email ? scoredEvents(this.#loadEvents(), automationCounts(this.env)) : null;
    if (!scored) return null;
    return assessPerson(email!, scored, loadConfig(this.env).model, now, {
      cache: this.#prepared,
      reviews,
      founder: this.#founder(),
    });
  }

  /** Every review of a claim to this person. */
  #reviews(): ClaimReview[] {
    if (!this.#state.exists) return [];
    return this.#state
      .writable()
      .exec<{ visitor_id: string; decision: ClaimDecision; at: number }>(
        "SELECT visitor_id, decision, at FROM claim_reviews",
      )
      .toArray()
      .map((row) => ({ visitorId: row.visitor_id, decision: row.decision, at: row.at }));
  }

  /**
   * Runs {@link #rescoreNow} after the re-scores before it (see `ObjectState.serially`), then sends
   * what it staged for the index, sweeps on the alarm, and wakes for whichever comes first: the
   * re-score's reason or the next sweep.
   */
  #rescore(reason: SyncReason): Promise<void> {
    return this.#state.serially(async () => {
      if (this.#erasure.erasing) return;
      let wakeAt = await this.#rescoreNow(reason);
      // An erasure asked for while this run awaited keeps its alarm as the backstop.
      if (this.#erasure.erasing) wakeAt = Math.min(wakeAt, Date.now() + RETRY_MS);
      await this.#outbox.settle(wakeAt, reason === "alarm");
    });
  }

  /**
   * Re-scores, brings the leads row, the stage changes and the account report up to date.
   * @returns when to wake: the next decay-driven stage change, a deferred write, or a retry.
   */
  async #rescoreNow(reason: SyncReason): Promise<number> {
    const person = this.#key();
    // Forgotten (it vanished) after this run was queued: nothing is left to score.
    if (!person) return Number.POSITIVE_INFINITY;
    const { email, space } = person;
    const now = Date.now();
    const { model } = loadConfig(this.env);
    const domain = accountDomain(email, model);
    const account = domain ? { space, domain } : null;
    const assessment = this.#assess(now);
    this.#members = new Set(assessment?.qualification.visitorIds ?? []);
    if (!assessment) return this.#vanish(person, account, now);
    const { qualification } = assessment;
    // The union the engine scored, each event once: the facts count nothing twice.
    const facts = leadFacts(assessment.events, qualification, model, this.#prepared);
    const lead = { leadId: personLeadId(person), site: this.#site(qualification.visitorId), space };
    const row = leadRow(lead, qualification, facts);
    const rowWakeAt = await this.#lead.project(row, qualification, now, reason);
    let reportWakeAt = Number.POSITIVE_INFINITY;
    if (account) {
      const member = accountMember(assessment, model);
      reportWakeAt = await syncDerived(
        this.#state,
        {
          fields: ACCOUNT_REPORT,
          value: member,
          // What the account's stage and listing turn on goes at once; engagement can wait. Either
          // way by the alarm: an account is an aggregate, and ingestion does not wait for it.
          keys: [member.stage, member.fit, member.visitorId],
          offRequestPath: true,
          write: () =>
            reported(`report of ${email} to ${account.domain}`, () =>
              accountStub(this.env.ACCOUNTS, account).report(account, email, member),
            ),
        },
        now,
        reason,
      );
    }
    return Math.min(rowWakeAt, reportWakeAt, assessment.nextStageReviewAt ?? Number.POSITIVE_INFINITY);
  }

  /**
   * The person has no scored event left: every visitor moved its events to other people, or
   * retention deleted them. It leaves the index, with its recorded stage changes, and its account,
   * which strikes its email from its history. Holding no event at all, it goes as an erasure
   * would, but for the suppression: webhook deliveries about it go, and it forgets its email.
   * @returns when to wake: now + {@link RETRY_MS} if a step failed, else never.
   */
  async #vanish(person: PersonKey, account: AccountKey | null, now: number): Promise<number> {
    const leadId = personLeadId(person);
    if (this.#lead.listed) this.#lead.leave(leadId, now);
    if (account && this.#state.has(ACCOUNT_REPORT.digest)) {
      const left = () => accountStub(this.env.ACCOUNTS, account).leave(account, person.email, "left");
      if (await reported(`leave of ${person.email}`, left)) {
        this.#state.set(...forgottenDerived(ACCOUNT_REPORT));
      } else return now + RETRY_MS;
    }
    if (!this.#holdsNothing()) return Number.POSITIVE_INFINITY;
    const forgotten = () => webhooksStub(this.env.WEBHOOKS).forget(leadId);
    if (!(await reported(`webhooks forgetting ${leadId}`, forgotten))) return now + RETRY_MS;
    // A browser may have brought the person back while the webhooks object answered: it keeps it.
    if (!this.#holdsNothing()) return Number.POSITIVE_INFINITY;
    // Its stage changes keep numbering (LeadProjection), so a person seen again sends no webhook
    // id twice; nothing else of it is kept. A browser bringing the email back brings the key.
    this.#state.set(...this.#name.forgotten(), PERSON_STATE.founder.unset());
    this.#members = null;
    return Number.POSITIVE_INFINITY;
  }

  /** The site of the primary visitor: the site its first event was sent to. */
  #site(primary: string): string {
    for (const event of this.#loadEvents()) {
      if (event.visitorId === primary && event.type !== "sales_feedback") return event.site;
    }
    return "";
  }
}

/**
 * A person's answer to a browser asking to join it: joined (or in already), full (see
 * {@link PERSON_LIMITS}), or refused because the browser would start it and its network started
 * as many people as it may today.
 */
export type JoinAnswer = "joined" | "full" | "network_budget";

/**
 * A person's answer to a copy of a visitor's events: refused (the person was erased, or is being
 * erased: the visitor then erases itself), or taken, with `room`, how many more events the
 * browser may add to it (see {@link PERSON_LIMITS}).
 */
export type CopyAnswer = { taken: false } | { taken: true; room: number };

const REFUSED_COPY: CopyAnswer = { taken: false };

/** How a browser was let in (see `PersonObject.join`). */
type SeatKind = "member" | "claim";

/** What reviewing a claim did. */
export type ClaimReviewResult =
  | { status: "reviewed"; qualification: Qualification }
  /** The browser never gave the person's email (or the person is being erased). */
  | { status: "no_claim" }
  /** A rejection that would leave the person no browser to speak for it. */
  | { status: "only_member" };

/** Runs a call to another object; false (logged) when it failed and the alarm should retry it. */
async function reported(what: string, call: () => Promise<unknown>): Promise<boolean> {
  try {
    await call();
    return true;
  } catch (error) {
    console.error(`${what} failed; retried by the alarm`, errorMessage(error));
    return false;
  }
}
