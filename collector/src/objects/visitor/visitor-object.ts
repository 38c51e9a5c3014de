import { DurableObject } from "cloudflare:workers";
import {
  assessVisitor,
  boundedQualification,
  DAY,
  type EmailChange,
  emailAt,
  emailTimeline,
  eventsByEmail,
  leadFacts,
  PreparedCache,
  type Qualification,
  type SalesOutcome,
  scoredEvents,
  VISITOR_ANSWER_LIMITS,
} from "@embudo/shared";
import { ulid } from "ulid";
import { loadConfig } from "../../config.ts";
import { errorMessage } from "../../errors.ts";
import { DEFAULT_RETENTION_DAYS } from "../../sites.ts";
import { forgottenDerived, RETRY_MS, type SyncReason, syncDerived } from "../derived-write.ts";
import { type ErasureCounts, type ErasurePlan, forgetInIndex, notifyErasure, suppress } from "../erasure.ts";
import { IndexOutbox, OUTBOX_SCHEMA } from "../../index-projection/outbox.ts";
import { indexTarget } from "../../index-projection/writes.ts";
import { anonymousLeadId, leadRow, personLeadId } from "../../storage/leads-index.ts";
import { personStub } from "../object-naming.ts";
import { ObjectState } from "../object-state.ts";
import { forgottenStageChange, recordStageChange } from "../../storage/stage-changes.ts";
import {
  addInOrder,
  automationCounts,
  newestFirst,
  type Stored,
  type StoredEvent,
  type TimelineCursor,
  type TimelinePage,
} from "../stored-events.ts";
import { QUOTA_REFUSAL, remainingQuota } from "./visitor-quota.ts";

export type { StoredEvent } from "../stored-events.ts";

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

/** What recording sales feedback did. */
export type FeedbackResult =
  | { status: "recorded"; qualification: Qualification }
  | { status: "not_found" }
  | { status: "id_conflict" };

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS events (
     id TEXT PRIMARY KEY,
     ts INTEGER NOT NULL,
     type TEXT NOT NULL,
     body TEXT NOT NULL
   )`,
  `CREATE INDEX IF NOT EXISTS events_by_ts ON events (ts, id)`,
  OUTBOX_SCHEMA,
];

/** Meta key of the anonymous leads row's sync (see `syncDerived`). */
const LEAD_ROW = "indexed";

/** Meta key set when retention deleted events a person holds copies of: every span goes again. */
const RESHARE = "reshare";

/** Meta key of an erasure under way: its plan (see `erasure.ts`). */
const ERASURE = "erasure";

/** Meta key of an erased visitor: how many events were erased. All that is left of it. */
const ERASED = "erased";

/** The refusal of an erased visitor's events, as the ingestion answer gives it. */
export const SUPPRESSED = { code: "suppressed", message: "this visitor was erased at its request" } as const;

/**
 * One visitor's source of truth: its raw events in SQLite, keyed by event id so a retried event
 * is stored once.
 *
 * While the visitor has given no email it is its own anonymous lead: this object scores it and
 * keeps its leads row. From its first email on, its events belong to people (`PersonObject`,
 * one per email): each event to the person of the latest email the visitor gave at or before
 * it, earlier ones to its first person. The object sends every person a copy of the events that
 * belong to it, new ones as they come and the whole span again whenever the visitor's emails
 * change, so a person's copy is always a pure function of this visitor's events. A copy that
 * fails to go out is retried by the alarm; the events themselves are safe here either way.
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
  /** The events as the engine prepared them, so a re-score parses none of them again. */
  readonly #prepared = new PreparedCache();
  readonly #state: ObjectState;
  /** What this object owes the D1 index: its leads row and stage changes while anonymous, its link. */
  readonly #outbox: IndexOutbox;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#state = new ObjectState(ctx.storage, SCHEMA, "events");
    this.#outbox = new IndexOutbox(this.#state, env.INDEX_QUEUE, indexTarget(env));
  }

  /**
   * Stores the events not stored yet (the rest are duplicates), then re-scores or shares them
   * with their people. Once stored, the events are safe: a failure downstream is logged and
   * retried by the alarm, never reported as a failed ingestion (the retry would only find
   * duplicates).
   */
  async ingest(events: StoredEvent[]): Promise<IngestResult> {
    if (this.#erasing()) {
      return { accepted: 0, duplicates: 0, refused: events.map((event) => ({ id: event.id, ...SUPPRESSED })) };
    }
    // A visitor id belongs to the site it was first seen on: another site's key may not add to
    // it, or one public site key could rewrite every other site's leads.
    const site = this.#site();
    const refused: RefusedEvent[] = [];
    const own = events.filter((event) => {
      if (site === undefined || event.site === site) return true;
      refused.push({ id: event.id, code: "site_mismatch", message: "this visitor id belongs to another site" });
      return false;
    });
    if (site === undefined && own[0]) this.#state.setMeta({ site: own[0].site });
    const tracked = this.#loadEvents().flatMap((event) => (event.type === "sales_feedback" ? [] : [event.receivedAt]));
    const { inserted, overQuota } = this.#store(own, remainingQuota(tracked, Date.now()));
    for (const event of overQuota) refused.push({ id: event.id, ...QUOTA_REFUSAL });
    if (inserted.length > 0) await this.#sync(inserted, "ingest").catch((error) => this.#retryLater("sync", error));
    return { accepted: inserted.length, duplicates: own.length - inserted.length - overQuota.length, refused };
  }

  /**
   * Records what sales said and re-scores; the answer is the qualification of the lead that
   * answers for this visitor (its latest email's person, or itself). A client-made `id` makes a
   * retried request a duplicate instead of a second verdict; the same id with another verdict,
   * or the id of another stored event, is an `id_conflict` and records nothing.
   */
  async recordFeedback(
    outcome: SalesOutcome,
    reason: string | undefined,
    id: string = ulid(),
  ): Promise<FeedbackResult> {
    if (!this.#scored()) return { status: "not_found" };
    const existing = this.#loadEvents().find((event) => event.id === id);
    let inserted: Stored[] = [];
    if (existing) {
      const same = existing.type === "sales_feedback" && existing.outcome === outcome && existing.reason === reason;
      if (!same) return { status: "id_conflict" };
    } else {
      const now = Date.now();
      ({ inserted } = this.#store([
        {
          id,
          type: "sales_feedback",
          visitorId: this.#visitorId(),
          ts: now,
          outcome,
          ...(reason ? { reason } : {}),
          receivedAt: now,
        },
      ]));
    }
    // Sales waits for the answer: it must say what the verdict did, so nothing is deferred.
    await this.#sync(inserted, "request");
    const qualification = await this.qualification();
    return qualification ? { status: "recorded", qualification } : { status: "not_found" };
  }

  /**
   * The qualification of the lead that answers for this visitor now, bounded for an answer: its
   * latest email's person, or the visitor itself while it gave none. Null if it was never seen.
   */
  async qualification(): Promise<Qualification | null> {
    const person = await this.#answeringPerson();
    if (person) return person.qualification();
    const qualification = this.#assess(Date.now())?.qualification;
    return qualification ? boundedQualification(qualification, VISITOR_ANSWER_LIMITS) : null;
  }

  /**
   * A page of the raw timeline of the lead that answers for this visitor (as {@link qualification}
   * picks it), newest first; null if the visitor was never seen.
   */
  async timeline(limit: number, after?: TimelineCursor): Promise<TimelinePage | null> {
    const events = this.#loadEvents();
    if (events.length === 0) return null;
    const person = await this.#answeringPerson();
    return person ? person.timeline(limit, after) : newestFirst(events, limit, after);
  }

  /**
   * The person of the latest email this visitor gave, once everything it should hold has reached
   * it; null while the visitor gave none. An identification still on its way to the people (see
   * `#share`) goes first, so a read after an ingestion always shows it.
   */
  async #answeringPerson() {
    const timeline = this.#timeline();
    const latest = timeline.at(-1);
    if (!latest) return null;
    if (this.#state.meta(RESHARE) || this.#state.meta("sharedTimeline") !== JSON.stringify(timeline)) {
      await this.#sync([], "request");
    }
    return personStub(this.env.PEOPLE, latest.email);
  }

  /**
   * Erases the lead that answers for this visitor: the person of its latest email with all its
   * visitors (see `PersonObject.erase`), or the visitor alone while it gave none. Null when the
   * visitor was never seen.
   */
  async eraseLead(visitorId: string): Promise<ErasureCounts | null> {
    if (this.#erasedEvents() !== null) return { visitors: 0, events: 0 };
    const pending = this.#state.meta(ERASURE);
    const latest = this.#timeline().at(-1);
    // Its person, once every copy reached it (an identification on its way is finished first).
    if (latest && !pending) return (await this.#answeringPerson())!.erase(latest.email);
    if (!pending && this.#loadEvents().length === 0) return null;
    return this.#finishErasure(pending ? (JSON.parse(pending) as ErasurePlan) : await this.#planErasure(visitorId));
  }

  /**
   * Erases this visitor as a step of its person's erasure (`eraseVisitors`): withdraws its
   * events from every other person it shared them with (they re-score without them), deletes
   * everything it stored and keeps only that it was erased, with how many events, so its later
   * events are refused as `suppressed` and a repeat answers the same count.
   * @param email the person being erased, which erases its own copies itself.
   * @returns how many events it erased.
   */
  async erase(visitorId: string, email: string | null): Promise<number> {
    return this.#state.serially(async () => {
      // Checked in the queue: two erasures at once (two people it gave) count its events once.
      const erased = this.#erasedEvents();
      if (erased !== null) return erased;
      const events = this.#loadEvents().length;
      await this.#withdraw(visitorId, email);
      await this.#wipe(events);
      return events;
    });
  }

  /** Stores the plan of this visitor's own erasure (an anonymous one), which the alarm finishes if cut short. */
  async #planErasure(visitorId: string): Promise<ErasurePlan> {
    const plan: ErasurePlan = { email: null, visitorIds: [visitorId], at: Date.now() };
    this.#state.setMeta({ [ERASURE]: JSON.stringify(plan) });
    await this.#state.wakeAt(Date.now() + RETRY_MS);
    return plan;
  }

  /**
   * The steps of this visitor's own erasure (see `erasure.ts`), run again from the start on a
   * retry: a visitor that gave no email, or one whose person was erased before its
   * identification reached it.
   */
  async #finishErasure(plan: ErasurePlan): Promise<ErasureCounts> {
    const visitorId = plan.visitorIds[0]!;
    await suppress(this.env, plan);
    await forgetInIndex(this.env, plan);
    await notifyErasure(this.env, plan);
    const events = await this.erase(visitorId, null);
    return { visitors: 1, events };
  }

  /**
   * Withdraws this visitor's events from every person it gave or shared them with, except
   * `except`'s (being erased, it erases its own copies): they re-score without them.
   * @param reason why the people re-score: `request` for an erasure, `alarm` for retention.
   */
  async #withdraw(visitorId: string, except: string | null, reason: SyncReason = "request"): Promise<void> {
    const shared = this.#state.meta("sharedTimeline");
    const emails = new Set([
      ...this.#timeline().map((change) => change.email),
      ...(shared ? (JSON.parse(shared) as EmailChange[]).map((change) => change.email) : []),
    ]);
    if (except) emails.delete(except);
    await Promise.all(
      [...emails].map((email) => personStub(this.env.PEOPLE, email).replace(email, visitorId, "[]", reason)),
    );
  }

  /** Deletes everything stored, keeping only that `events` events were erased. */
  async #wipe(events: number): Promise<void> {
    await this.#state.reset({ [ERASED]: String(events) });
    this.#events = null;
  }

  /** Whether the visitor is being erased or was: it takes no event and syncs nothing. */
  #erasing(): boolean {
    return this.#state.meta(ERASURE) !== undefined || this.#state.meta(ERASED) !== undefined;
  }

  /** How many events an erasure removed, or null when the visitor was not erased. */
  #erasedEvents(): number | null {
    const erased = this.#state.meta(ERASED);
    return erased === undefined ? null : Number(erased);
  }

  /**
   * The visitors of the lead that answers for this visitor (see {@link qualification}): every
   * visitor of its person, or itself alone; null when it was never seen.
   */
  async leadVisitors(visitorId: string): Promise<string[] | null> {
    if (this.#loadEvents().length === 0) return null;
    const person = await this.#answeringPerson();
    return person ? person.visitorIds() : [visitorId];
  }

  /** Every event this visitor sent (and sales feedback given on it), oldest first: for an export. */
  async storedEvents(): Promise<Stored[]> {
    return [...this.#loadEvents()];
  }

  /**
   * Decay moved the stage, details await their write, a copy failed, index writes are due for
   * the sweep, or an erasure was cut short: sync again, or finish it.
   */
  override async alarm(): Promise<void> {
    if (!this.#state.exists || this.#erasedEvents() !== null) return;
    const erasure = this.#state.meta(ERASURE);
    if (erasure) {
      // Its own erasure, cut short: finish it.
      await this.#finishErasure(JSON.parse(erasure) as ErasurePlan).catch((error) => {
        console.error("erasure failed; retried by the alarm", errorMessage(error));
        return this.#state.wakeAt(Date.now() + RETRY_MS);
      });
      return;
    }
    const now = Date.now();
    if (this.#outbox.onlySweepDue(now)) await this.#state.serially(() => this.#outbox.sweepAlone());
    else await this.#sync([], "alarm");
  }

  /**
   * Inserts in one transaction, at most `capacity` new events; returns the events that were new
   * and those refused for want of capacity (an event already stored is a duplicate either way).
   */
  #store(events: Stored[], capacity = Number.POSITIVE_INFINITY): { inserted: Stored[]; overQuota: Stored[] } {
    const sql = this.#state.writable();
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
    if (this.#events) addInOrder(this.#events, inserted);
    return { inserted, overQuota };
  }

  #loadEvents(): Stored[] {
    if (!this.#state.exists) return [];
    this.#events ??= this.ctx.storage.sql
      .exec<{ body: string }>("SELECT body FROM events ORDER BY ts, id")
      .toArray()
      .map((row) => JSON.parse(row.body) as Stored);
    return this.#events;
  }

  #visitorId(): string {
    return this.#loadEvents()[0]!.visitorId;
  }

  /** The visitor's id, also once retention left it no event (kept in meta from its first link). */
  #visitorIdOrNull(): string | null {
    return this.#loadEvents()[0]?.visitorId ?? this.#state.meta("visitorId") ?? null;
  }

  /** The emails this visitor gave, where each took over (empty: it gave none). */
  #timeline(): EmailChange[] {
    return emailTimeline(this.#loadEvents());
  }

  /** The events the engine scores (see `scoredEvents`), or null while none counts. */
  #scored(): Stored[] | null {
    return scoredEvents(this.#loadEvents(), automationCounts(this.env));
  }

  #assess(now: number) {
    const scored = this.#scored();
    return scored && assessVisitor(scored, loadConfig(this.env).model, now, { cache: this.#prepared });
  }

  /** Runs {@link #syncNow} after the syncs before it (see `ObjectState.serially`). */
  #sync(inserted: readonly Stored[], reason: SyncReason): Promise<void> {
    return this.#state.serially(() => this.#syncNow(inserted, reason));
  }

  async #syncNow(inserted: readonly Stored[], reason: SyncReason): Promise<void> {
    if (this.#erasing()) return;
    const now = Date.now();
    if (reason === "alarm") this.#expire(now);
    const timeline = this.#timeline();
    let wakeAt: number;
    if (timeline.length > 0) wakeAt = await this.#share(timeline, inserted, reason);
    else {
      // The emails it gave went with their events (retention): its people lose what it sent them.
      if (this.#state.meta("sharedTimeline") && !(await this.#unshare(now))) wakeAt = now + RETRY_MS;
      else wakeAt = this.#loadEvents().length > 0 ? await this.#rescoreAnonymous(reason) : this.#leaveIndex(now);
    }
    // An erasure planned while this run awaited keeps its alarm as the backstop.
    if (this.#erasing()) wakeAt = Math.min(wakeAt, Date.now() + RETRY_MS);
    await this.#outbox.settle(Math.min(wakeAt, this.#nextExpiryAt()), reason === "alarm");
  }

  /** How long this visitor's site keeps events (`retentionDays`), in ms. */
  #retentionMs(): number {
    const site = this.#site();
    const days =
      (site === undefined ? undefined : loadConfig(this.env).sites[site]?.retentionDays) ?? DEFAULT_RETENTION_DAYS;
    return days * DAY;
  }

  /** When the oldest event passes its site's retention: the alarm deletes it then. */
  #nextExpiryAt(): number {
    const oldest = this.#loadEvents()[0];
    return oldest ? oldest.ts + this.#retentionMs() : Number.POSITIVE_INFINITY;
  }

  /**
   * Deletes the events older than the site's retention. Every person this visitor shared with
   * then gets its span again, without them (an email whose identify went stops being this
   * visitor's), and the lead is re-scored by the sync that follows.
   */
  #expire(now: number): void {
    const cutoff = now - this.#retentionMs();
    const events = this.#loadEvents();
    if (events.length === 0 || events[0]!.ts >= cutoff) return;
    // Kept first: a visitor left with no event still knows which id to withdraw and unlink.
    if (this.#state.meta("visitorId") === undefined) this.#state.setMeta({ visitorId: events[0]!.visitorId });
    this.#state.writable().exec("DELETE FROM events WHERE ts < ?", cutoff);
    this.#events = events.filter((event) => event.ts >= cutoff);
    if (this.#state.meta("sharedTimeline")) this.#state.setMeta({ [RESHARE]: "1" });
  }

  /**
   * The visitor gave no email any more (its identifies expired): every person it shared with
   * drops its span, and it answers for itself again, as an anonymous lead.
   */
  async #unshare(now: number): Promise<boolean> {
    const visitorId = this.#visitorIdOrNull();
    if (visitorId) {
      try {
        await this.#withdraw(visitorId, null, "alarm");
      } catch (error) {
        console.error("withdrawing from people failed; retried by the alarm", errorMessage(error));
        return false;
      }
    }
    this.#state.setMeta({ sharedTimeline: null, [RESHARE]: null, lead: null, ...forgottenDerived(LEAD_ROW) });
    if (!visitorId) return true;
    if (this.#loadEvents().length > 0) await this.#linkFirst(anonymousLeadId(visitorId), now);
    else this.#outbox.stage([{ kind: "link_removed", visitorId }], now);
    return true;
  }

  /**
   * The visitor has no event left (retention): it leaves the index, its anonymous row, its link
   * and its recorded stage changes with it. Its object keeps no event and no email.
   */
  #leaveIndex(now: number): number {
    const lead = this.#state.meta("lead");
    if (lead === undefined) return Number.POSITIVE_INFINITY;
    const visitorId = this.#state.meta("visitorId");
    this.#outbox.stage(
      [
        { kind: "lead_removed", leadId: lead },
        { kind: "history_removed", leadId: lead },
        ...(visitorId ? [{ kind: "link_removed", visitorId } as const] : []),
      ],
      now,
    );
    this.#state.setMeta({ lead: null, ...forgottenDerived(LEAD_ROW), ...forgottenStageChange(this.#state) });
    return Number.POSITIVE_INFINITY;
  }

  /**
   * Re-scores the anonymous visitor and brings its leads row up to date.
   * @returns when to wake: the next decay-driven stage change, a deferred detail write or a retry.
   */
  async #rescoreAnonymous(reason: SyncReason): Promise<number> {
    const now = Date.now();
    const assessment = this.#assess(now);
    if (!assessment) return Number.POSITIVE_INFINITY;
    const { qualification, nextStageReviewAt, events } = assessment;
    const leadId = anonymousLeadId(qualification.visitorId);
    if (this.#state.meta("lead") === undefined) await this.#linkFirst(leadId, now);
    const facts = leadFacts(events, qualification, loadConfig(this.env).model, this.#prepared);
    const row = leadRow(leadId, this.#site() ?? "", qualification, facts);
    const wakeAt = await syncDerived(
      this.#state,
      {
        name: LEAD_ROW,
        value: row,
        keys: [row.site, row.stage, row.engagement, row.fit, row.email],
        write: async () => {
          this.#outbox.stage([{ kind: "lead", row, changedAt: now }], now);
          return true;
        },
      },
      now,
      reason,
    );
    recordStageChange(this.#state, this.#outbox, row, qualification, now);
    return Math.min(wakeAt, nextStageReviewAt ?? Number.POSITIVE_INFINITY);
  }

  /**
   * Sends each person the events of this visitor that belong to it. While the visitor's emails
   * are the ones last shared, only the new events go, each to its person; when they changed (a
   * new email, or an identification that arrived late), every person gets its whole span again,
   * so spans move between people exactly. Then the visitor answers with its latest email's
   * person: the link moves there, and its anonymous row goes.
   *
   * During ingestion, moving spans (a merge) starts once the request has its answer, which does
   * not depend on it: a browser that identifies waits for its identify to be stored, not for a
   * person of thousands of events to re-score. The alarm, set for {@link RETRY_MS} later, is its
   * backstop should the object be evicted first. A read of the visitor finishes it before
   * answering (see {@link qualification}); the leads listing shows it a moment later. New events
   * of a visitor whose emails did not change still go at once: that is cheap.
   *
   * @returns when to wake: the backstop of a merge under way, now + {@link RETRY_MS} if a copy
   *   failed, else never.
   */
  async #share(timeline: EmailChange[], inserted: readonly Stored[], reason: SyncReason): Promise<number> {
    const visitorId = this.#visitorId();
    // After retention deleted events, every span goes again, as when the emails changed.
    const shared = this.#state.meta(RESHARE) ? null : this.#state.meta("sharedTimeline");
    const current = JSON.stringify(timeline);
    // Once every person has its span, the visitor answers with its latest email's person.
    const latest = timeline.at(-1)!.email;
    const leadId = personLeadId(latest);
    const relink = this.#state.meta("lead") !== leadId;
    if (shared !== current && reason === "ingest") {
      // A visitor identified in its first batch links to the person it joins.
      if (this.#state.meta("lead") === undefined) await this.#linkFirst(leadId, Date.now());
      this.#shareAfterRequest();
      return Date.now() + RETRY_MS;
    }
    try {
      let copies: Promise<unknown>[];
      if (shared === current) {
        const byEmail = new Map<string, Stored[]>();
        for (const event of inserted) {
          const email = emailAt(timeline, event)!;
          const events = byEmail.get(email);
          if (events) events.push(event);
          else byEmail.set(email, [event]);
        }
        copies = [...byEmail].map(([email, events]) =>
          personStub(this.env.PEOPLE, email).add(email, visitorId, events, reason),
        );
      } else {
        const spans = eventsByEmail(this.#loadEvents());
        const sharedBefore = this.#state.meta("sharedTimeline");
        const before = sharedBefore ? (JSON.parse(sharedBefore) as EmailChange[]).map((change) => change.email) : [];
        copies = [...new Set([...before, ...spans.keys()])].map((email) =>
          personStub(this.env.PEOPLE, email).replace(email, visitorId, JSON.stringify(spans.get(email) ?? []), reason),
        );
      }
      const taken = await Promise.all(copies);
      if (taken.includes(false)) {
        // A person it gave was erased before this identification reached it: the visitor goes
        // too, once this run has ended (its erasure waits behind it).
        await this.#planErasure(visitorId).then((plan) => this.#eraseAfterRun(plan));
        // The alarm stays set as the erasure's backstop.
        return Date.now() + RETRY_MS;
      }
      if (relink) {
        // The link moves to the person, and the visitor's anonymous row (if it had one) goes.
        const wasAnonymous = this.#state.meta("lead") === anonymousLeadId(visitorId);
        this.#outbox.stage(
          [
            { kind: "link", visitorId, leadId },
            ...(wasAnonymous ? [{ kind: "lead_removed", leadId: anonymousLeadId(visitorId) } as const] : []),
          ],
          Date.now(),
        );
      }
      // One synchronous step for all of it, with the writes staged just above. Until it is
      // stored, the meta holds the emails shared before, which differ from these, so a retry
      // sends every span again.
      this.#state.setMeta({
        ...(shared !== current && { sharedTimeline: current, [RESHARE]: null }),
        ...(relink && { lead: leadId, ...forgottenDerived(LEAD_ROW) }),
      });
      return Number.POSITIVE_INFINITY;
    } catch (error) {
      // Whatever went out, the retry sends every span again (new events too: they are in them),
      // to the people shared with before as well.
      this.#state.setMeta({ [RESHARE]: "1" });
      console.error("sharing with people failed; retried by the alarm", errorMessage(error));
      return Date.now() + RETRY_MS;
    }
  }

  /** Runs `plan` once the current run has ended; the alarm set by `#planErasure` is its backstop. */
  #eraseAfterRun(plan: ErasurePlan): void {
    setTimeout(() => {
      this.#finishErasure(plan).catch((error) =>
        console.error("erasure failed; retried by the alarm", errorMessage(error)),
      );
    }, 0);
  }

  /**
   * Links a visitor seen for the first time to its lead, in D1 before the request answers: reads
   * look the link up before they touch any object, so a guessed id never makes one, and a read
   * right after the first batch must find it. This is the one index write a request waits for,
   * once in a visitor's life; should D1 fail, the sweep writes it a moment later.
   */
  async #linkFirst(leadId: string, now: number): Promise<void> {
    const visitorId = this.#visitorId();
    await this.#outbox.writeNow([{ kind: "link", visitorId, leadId }], now);
    this.#state.setMeta({ lead: leadId, visitorId });
  }

  /**
   * Shares every span once the current request has answered: a timer lets the answer go first,
   * and `#sync` queues the work behind whatever runs. Failures are logged; the alarm retries.
   */
  #shareAfterRequest(): void {
    setTimeout(() => {
      this.#sync([], "alarm").catch((error) => console.error("sharing with people failed", errorMessage(error)));
    }, 0);
  }

  async #retryLater(what: string, error: unknown): Promise<void> {
    console.error(`${what} failed`, errorMessage(error));
    await this.#state.wakeFor(Date.now() + RETRY_MS, this.#outbox.nextSweepAt());
  }

  /**
   * The site this visitor was first seen on, or undefined before its first event. Kept in meta;
   * objects written before it was kept take the site of their earliest received event.
   */
  #site(): string | undefined {
    const kept = this.#state.meta("site");
    if (kept !== undefined) return kept;
    let first: StoredEvent | undefined;
    for (const event of this.#loadEvents()) {
      if (event.type !== "sales_feedback" && (!first || event.receivedAt < first.receivedAt)) first = event;
    }
    if (first) this.#state.setMeta({ site: first.site });
    return first?.site;
  }
}
