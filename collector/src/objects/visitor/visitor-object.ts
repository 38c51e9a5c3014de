import { DurableObject } from "cloudflare:workers";
import {
  assessVisitor,
  boundedQualification,
  type ClaimDecision,
  type EmailChange,
  emailTimeline,
  leadFacts,
  normalizeEmail,
  PreparedCache,
  type Qualification,
  type SalesOutcome,
  scoredEvents,
  VISITOR_ANSWER_LIMITS,
} from "@embudo/shared";
import { ulid } from "ulid";
import { loadConfig } from "../../config.ts";
import { errorMessage } from "../../errors.ts";
import { IndexOutbox, OUTBOX_SCHEMA, OUTBOX_STATE } from "../../index-projection/outbox.ts";
import { indexTarget } from "../../index-projection/writes.ts";
import { type PersonKey, spaceOf, UNSPACED } from "../../spaces.ts";
import { anonymousLeadId, leadRow, personLeadId } from "../../storage/leads-index.ts";
import { runAlarm } from "../alarm.ts";
import { RETRY_MS, type SyncReason } from "../derived-write.ts";
import { type ErasureCounts, erasureState } from "../erasure.ts";
import { LEAD_PROJECTION_STATE, LeadProjection } from "../lead-projection.ts";
import { personObjectName, personStub } from "../object-naming.ts";
import { ObjectState, stateSchema, WORK_AT } from "../object-state.ts";
import type { ClaimReviewResult } from "../person/person-object.ts";
import {
  automationCounts,
  newestFirst,
  oldestFirst,
  type Stored,
  type StoredEvent,
  type TimelineCursor,
  type TimelinePage,
} from "../stored-events.ts";
import { ADMISSION_STATE, type JoinPerson, type RefusedEvent, VisitorAdmission } from "./admission.ts";
import { EVENT_TABLES, VisitorEventStore } from "./event-store.ts";
import { VisitorRetention } from "./retention.ts";
import { SPAN_SHARING_STATE, SpanSharing } from "./span-sharing.ts";
import { ERASED_EVENTS, VisitorErasure } from "./visitor-erasure.ts";
import { LINK_STATE, VisitorLink } from "./visitor-link.ts";

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

/** Everything a visitor's object keeps in `meta`, each key once (see `visitor-object.test.ts`). */
export const VISITOR_STATE = stateSchema(
  { workAt: WORK_AT },
  ADMISSION_STATE,
  LINK_STATE,
  SPAN_SHARING_STATE,
  LEAD_PROJECTION_STATE,
  OUTBOX_STATE,
  erasureState(ERASED_EVENTS),
);

/**
 * One visitor's source of truth: its raw events (`VisitorEventStore`), keyed by event id so a
 * retried event is stored once.
 *
 * While the visitor has given no email it is its own anonymous lead: this object scores it and
 * projects it into the index (`LeadProjection`). From its first email on, its events belong to
 * people (`PersonObject`, one per email), and the object sends each person its span
 * (`SpanSharing`), so a person's copy is always a pure function of this visitor's events. A copy
 * that fails to go out is retried by the alarm; the events themselves are safe here either way.
 * The alarm also deletes events past their site's retention (`VisitorRetention`).
 *
 * Durable Objects handle one call at a time per object and commit a write before the call
 * returns, so concurrent batches for one visitor cannot double an event, and the collector
 * answers 2xx only after the write. Scores are a pure function of (events, model, now): the
 * events are kept in memory once loaded, so a re-score reads no storage and costs what the
 * engine costs (see `pnpm bench`). An alarm set for the next decay-driven stage change keeps the
 * leads index true without a cron job.
 */
export class VisitorObject extends DurableObject<Env> {
  /** The events as the engine prepared them, so a re-score parses none of them again. */
  readonly #prepared = new PreparedCache();
  readonly #state: ObjectState;
  readonly #events: VisitorEventStore;
  /** What this object owes the D1 index: its leads row and stage changes while anonymous, its link. */
  readonly #outbox: IndexOutbox;
  readonly #lead: LeadProjection;
  readonly #sharing: SpanSharing;
  readonly #retention: VisitorRetention;
  readonly #erasure: VisitorErasure;
  readonly #admission: VisitorAdmission;
  readonly #link: VisitorLink;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#state = new ObjectState(ctx.storage, [...EVENT_TABLES, OUTBOX_SCHEMA], "events");
    this.#events = new VisitorEventStore(this.#state);
    this.#outbox = new IndexOutbox(this.#state, env.INDEX_QUEUE, indexTarget(env));
    this.#lead = new LeadProjection(this.#state, this.#outbox);
    this.#sharing = new SpanSharing(this.#state, this.#events, env.PEOPLE);
    this.#retention = new VisitorRetention(env, this.#events);
    this.#erasure = new VisitorErasure(
      env,
      this.#state,
      this.#events,
      this.#sharing,
      () => this.#timeline(),
      () => this.#space(),
    );
    this.#admission = new VisitorAdmission(this.#state, this.#events, this.#erasure.tombstone);
    this.#link = new VisitorLink(this.#state, this.#outbox, this.#events);
  }

  /**
   * Stores the events not stored yet (the rest are duplicates), then re-scores or shares them
   * with their people. Once stored, the events are safe: a failure downstream is logged and
   * retried by the alarm, never reported as a failed ingestion (the retry would only find
   * duplicates).
   */
  async ingest(events: StoredEvent[]): Promise<IngestResult> {
    // Admission binds the visitor to its site before it asks a person: the person is of its space.
    const join: JoinPerson = (email, held, network) => {
      const person = this.#person(email);
      return personStub(this.env.PEOPLE, person).join(person, events[0]!.visitorId, held, network);
    };
    // The person whose room applies: only a visitor that shared with one has a room kept, so an
    // anonymous visitor's batch reads no email timeline.
    const latest = this.#sharing.everShared ? this.#timeline().at(-1) : undefined;
    const person = latest && personObjectName(this.#person(latest.email));
    const { admitted, capacity, refused } = await this.#admission.admit(events, Date.now(), join, person);
    const { inserted, overQuota } = this.#events.insert(admitted, capacity.events);
    refused.push(...overQuota.map((event) => ({ id: event.id, ...capacity.refusal })));
    if (inserted.length > 0) await this.#sync(inserted, "ingest").catch((error) => this.#retryLater("sync", error));
    return { accepted: inserted.length, duplicates: admitted.length - inserted.length - overQuota.length, refused };
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
    const existing = this.#events.all().find((event) => event.id === id);
    let inserted: Stored[] = [];
    if (existing) {
      const same = existing.type === "sales_feedback" && existing.outcome === outcome && existing.reason === reason;
      if (!same) return { status: "id_conflict" };
    } else {
      const now = Date.now();
      ({ inserted } = this.#events.insert([
        {
          id,
          type: "sales_feedback",
          visitorId: this.#events.visitorId!,
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
   * Records a review of this visitor's claim to be the person of `email` (see
   * `PersonObject.reviewClaim`): an email it gave, its latest one unless told.
   */
  async reviewClaim(visitorId: string, decision: ClaimDecision, email?: string): Promise<ClaimReviewResult> {
    const timeline = this.#timeline();
    const claimed = email === undefined ? timeline.at(-1)?.email : normalizeEmail(email);
    if (claimed === undefined || !timeline.some((change) => change.email === claimed)) return { status: "no_claim" };
    // Its span reaches the person first: a claim on its way is one the person can review.
    await this.#answeringPerson();
    return personStub(this.env.PEOPLE, this.#person(claimed)).reviewClaim(visitorId, decision);
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
    const events = this.#events.all();
    if (events.length === 0) return null;
    const person = await this.#answeringPerson();
    return person ? person.timeline(limit, after) : newestFirst(events, limit, after);
  }

  /**
   * The visitors of the lead that answers for this visitor (see {@link qualification}): every
   * visitor of its person, or itself alone; null when it was never seen.
   */
  async leadVisitors(visitorId: string): Promise<string[] | null> {
    if (this.#events.all().length === 0) return null;
    const person = await this.#answeringPerson();
    return person ? person.visitorIds() : [visitorId];
  }

  /**
   * A page of the events this visitor sent (and sales feedback given on it), oldest first,
   * starting after `after`: for an export.
   */
  async exportPage(limit: number, after?: TimelineCursor): Promise<TimelinePage> {
    return oldestFirst(this.#events.all(), limit, after);
  }

  /**
   * Erases the lead that answers for this visitor: the person of its latest email with all its
   * visitors (see `PersonObject.erase`), or the visitor alone while it gave none. Null when the
   * visitor was never seen.
   * @returns what it erased, and the person's email: people of that email in other spaces are
   *   the caller's to erase (`erasePeople`).
   */
  async eraseLead(visitorId: string): Promise<{ erased: ErasureCounts; email: string | null } | null> {
    if (this.#erasure.tombstone.isErased) return { erased: { visitors: 0, events: 0 }, email: null };
    const pending = this.#erasure.tombstone.plan;
    const latest = this.#timeline().at(-1);
    // Its person, once every copy reached it (an identification on its way is finished first).
    if (latest && !pending) {
      const erased = await (await this.#answeringPerson())!.erase(this.#person(latest.email));
      return erased && { erased, email: latest.email };
    }
    if (!pending && this.#events.all().length === 0) return null;
    return { erased: await this.#erasure.finish(pending ?? (await this.#erasure.plan(visitorId))), email: null };
  }

  /**
   * Erases this visitor as a step of its person's erasure (`eraseVisitors`): withdraws its
   * events from every other person it shared them with (they re-score without them), deletes
   * everything it stored and keeps only that it was erased, with how many events, so its later
   * events are refused as `suppressed` and a repeat answers the same count.
   * @param person the person being erased, which erases its own copies itself.
   * @returns how many events it erased.
   */
  erase(visitorId: string, person: PersonKey | null): Promise<number> {
    return this.#erasure.erase(visitorId, person);
  }

  /**
   * Decay moved the stage, details await their write, a copy failed, events expired, index
   * writes are due for the sweep, or an erasure was cut short: sync again, or finish it.
   */
  override async alarm(): Promise<void> {
    await runAlarm({
      state: this.#state,
      outbox: this.#outbox,
      erasure: { tombstone: this.#erasure.tombstone, finish: (plan) => this.#erasure.finish(plan) },
      ready: () => this.#state.exists,
      work: () => this.#sync([], "alarm"),
    });
  }

  /** The emails this visitor gave, where each took over (empty: it gave none). */
  #timeline(): EmailChange[] {
    return emailTimeline(this.#events.all());
  }

  /**
   * The visitor's people space: its site's (`spaces.ts`), as the configuration says now. None
   * before its first event, when it has nothing to share. A site no longer configured sends
   * nothing more, and its visitors stay where they shared: its people do not move for a site
   * removed from its group.
   */
  #space(): string {
    const site = this.#admission.site();
    if (site === undefined) return UNSPACED;
    const { sites } = loadConfig(this.env);
    return Object.hasOwn(sites, site) ? spaceOf(sites, site) : (this.#sharing.space ?? site);
  }

  /** The person of `email` in the visitor's space. */
  #person(email: string): PersonKey {
    return { space: this.#space(), email };
  }

  /** The events the engine scores (see `scoredEvents`), or null while none counts. */
  #scored(): Stored[] | null {
    return scoredEvents(this.#events.all(), automationCounts(this.env));
  }

  #assess(now: number) {
    const scored = this.#scored();
    return scored && assessVisitor(scored, loadConfig(this.env).model, now, { cache: this.#prepared });
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
    if (!this.#sharing.upToDate(this.#space(), timeline)) await this.#sync([], "request");
    return personStub(this.env.PEOPLE, this.#person(latest.email));
  }

  /** Runs {@link #syncNow} after the syncs before it (see `ObjectState.serially`). */
  #sync(inserted: readonly Stored[], reason: SyncReason): Promise<void> {
    return this.#state.serially(() => this.#syncNow(inserted, reason));
  }

  async #syncNow(inserted: readonly Stored[], reason: SyncReason): Promise<void> {
    if (this.#erasure.tombstone.erasing) return;
    const now = Date.now();
    if (reason === "alarm") this.#expire(now);
    const timeline = this.#timeline();
    let wakeAt: number;
    if (timeline.length > 0) wakeAt = await this.#share(timeline, inserted, reason);
    else {
      // The emails it gave went with their events (retention): its people lose what it sent them.
      if (this.#sharing.everShared && !(await this.#unshare(now))) wakeAt = now + RETRY_MS;
      else wakeAt = this.#events.all().length > 0 ? await this.#rescoreAnonymous(reason) : this.#leaveIndex(now);
    }
    // An erasure planned while this run awaited keeps its alarm as the backstop.
    if (this.#erasure.tombstone.erasing) wakeAt = Math.min(wakeAt, Date.now() + RETRY_MS);
    await this.#outbox.settle(
      Math.min(wakeAt, this.#retention.nextExpiryAt(this.#admission.site())),
      reason === "alarm",
    );
  }

  /**
   * Deletes the events older than the site's retention. Every person this visitor shared with
   * then gets its span again, without them (an email whose identify went stops being this
   * visitor's), and the lead is re-scored by the sync that follows.
   */
  #expire(now: number): void {
    this.#link.keepVisitorId();
    if (this.#retention.expire(this.#admission.site(), now) && this.#sharing.everShared) this.#sharing.sendAllAgain();
  }

  /**
   * The visitor gave no email any more (its identifies expired): every person it shared with
   * drops its span, and it answers for itself again, as an anonymous lead.
   */
  async #unshare(now: number): Promise<boolean> {
    const visitorId = this.#link.visitorId;
    if (visitorId) {
      try {
        await this.#sharing.withdraw(visitorId, this.#space(), [], null, "alarm");
      } catch (error) {
        console.error("withdrawing from people failed; retried by the alarm", errorMessage(error));
        return false;
      }
    }
    this.#state.set(...this.#sharing.forgotten(), ...this.#link.forgotten());
    if (!visitorId) return true;
    if (this.#events.all().length > 0) await this.#link.first(anonymousLeadId(visitorId), now);
    else this.#outbox.stage([{ kind: "link_removed", visitorId }], now);
    return true;
  }

  /**
   * The visitor has no event left (retention): it leaves the index, its anonymous row, its link
   * and its recorded stage changes with it. Its object keeps no event and no email.
   */
  #leaveIndex(now: number): number {
    const lead = this.#link.lead;
    if (lead === undefined) return Number.POSITIVE_INFINITY;
    const visitorId = this.#state.get(LINK_STATE.visitorId);
    this.#lead.leave(lead, now, visitorId ? [{ kind: "link_removed", visitorId }] : [], [LINK_STATE.lead.unset()]);
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
    if (this.#link.lead === undefined) await this.#link.first(leadId, now);
    const facts = leadFacts(events, qualification, loadConfig(this.env).model, this.#prepared);
    const site = this.#admission.site() ?? "";
    const row = leadRow({ leadId, site, space: this.#space() }, qualification, facts);
    const wakeAt = await this.#lead.project(row, qualification, now, reason);
    return Math.min(wakeAt, nextStageReviewAt ?? Number.POSITIVE_INFINITY);
  }

  /**
   * Sends each person the events of this visitor that belong to it (see `SpanSharing`), then the
   * visitor answers with its latest email's person: the link moves there, and its anonymous row
   * goes.
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
    const visitorId = this.#events.visitorId!;
    const space = this.#space();
    const changed = !this.#sharing.upToDate(space, timeline);
    // Once every person has its span, the visitor answers with its latest email's person.
    const leadId = personLeadId({ space, email: timeline.at(-1)!.email });
    if (changed && reason === "ingest") {
      // A visitor identified in its first batch links to the person it joins.
      if (this.#link.lead === undefined) await this.#link.first(leadId, Date.now());
      this.#shareAfterRequest();
      return Date.now() + RETRY_MS;
    }
    try {
      const sent = await this.#sharing.send(visitorId, space, timeline, inserted, reason);
      if (sent.erased) {
        // A person it gave was erased before this identification reached it: the visitor goes
        // too, once this run has ended (its erasure waits behind it).
        this.#erasure.finishAfterRun(await this.#erasure.plan(visitorId));
        // The alarm stays set as the erasure's backstop.
        return Date.now() + RETRY_MS;
      }
      // The link moves to the person, and the visitor's anonymous row (if it had one) goes: one
      // synchronous step for all of it, with the writes it stages. Until it is stored, the meta
      // holds the emails shared before, which differ from these, so a retry sends every span again.
      const moved = this.#link.moveTo(leadId, Date.now());
      const person = personObjectName({ space, email: timeline.at(-1)!.email });
      this.#state.set(
        ...(changed ? this.#sharing.sent(space, timeline) : []),
        ...moved,
        ...(sent.room === undefined ? [] : [this.#admission.roomAnswered(person, sent.room)]),
      );
      return Number.POSITIVE_INFINITY;
    } catch (error) {
      // Whatever went out, the retry sends every span again (new events too: they are in them),
      // to the people shared with before as well.
      this.#sharing.sendAllAgain();
      console.error("sharing with people failed; retried by the alarm", errorMessage(error));
      return Date.now() + RETRY_MS;
    }
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
}
