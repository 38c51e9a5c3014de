import { type EmailChange, emailAt, eventsByEmail } from "@embudo/shared";
import { z } from "zod";
import type { SyncReason } from "../derived-write.ts";
import { personStub } from "../object-naming.ts";
import { jsonField, type MetaChange, type ObjectState, textField } from "../object-state.ts";
import type { Stored } from "../stored-events.ts";
import type { VisitorEventStore } from "./event-store.ts";

/** The state span sharing keeps in the visitor's `meta`. */
export const SPAN_SHARING_STATE = {
  /** The emails the visitor gave, as every person last received its span under them. */
  sharedTimeline: jsonField("sharedTimeline", z.array(z.object({ email: z.string(), ts: z.number(), id: z.string() }))),
  /** Set when every span must go again (retention deleted events, or a copy failed). */
  reshare: textField("reshare"),
};

/**
 * How an identified visitor's events reach its people. Each event belongs to the person of the
 * latest email the visitor gave at or before it (earlier ones to its first person), and every
 * person gets a copy of exactly its events: new ones as they come, each to its person, and the
 * whole span again (one JSON array per person) whenever the visitor's emails change, so spans
 * move between people exactly and a person's copy is always a pure function of this visitor's
 * events. The visitor's object decides when to share (see `VisitorObject`); this module does it.
 */
export class SpanSharing {
  constructor(
    private readonly state: ObjectState,
    private readonly store: VisitorEventStore,
    private readonly people: Env["PEOPLE"],
  ) {}

  /** Whether the visitor ever shared a span: some person may hold its events. */
  get everShared(): boolean {
    return this.state.has(SPAN_SHARING_STATE.sharedTimeline);
  }

  /** Whether every person holds its span as `timeline` splits the events, with nothing to send again. */
  upToDate(timeline: readonly EmailChange[]): boolean {
    if (this.state.has(SPAN_SHARING_STATE.reshare)) return false;
    const shared = this.state.get(SPAN_SHARING_STATE.sharedTimeline);
    return shared !== undefined && sameTimeline(shared, timeline);
  }

  /**
   * Sends each person its events. While the people hold their spans under `timeline`
   * ({@link upToDate}), only `inserted` go, each to its person; otherwise every person, those
   * shared with before included, gets its whole span again (none: the visitor's events left it).
   * @returns false when a person was erased and refused its copy; throws when a copy failed.
   */
  async send(
    visitorId: string,
    timeline: readonly EmailChange[],
    inserted: readonly Stored[],
    reason: SyncReason,
  ): Promise<boolean> {
    let copies: Promise<boolean>[];
    if (this.upToDate(timeline)) {
      const byEmail = new Map<string, Stored[]>();
      for (const event of inserted) {
        const email = emailAt(timeline, event)!;
        const events = byEmail.get(email);
        if (events) events.push(event);
        else byEmail.set(email, [event]);
      }
      copies = [...byEmail].map(([email, events]) =>
        personStub(this.people, email).add(email, visitorId, events, reason),
      );
    } else {
      const spans = eventsByEmail(this.store.all());
      copies = [...new Set([...this.#emailsSharedBefore(), ...spans.keys()])].map((email) =>
        personStub(this.people, email).replace(email, visitorId, JSON.stringify(spans.get(email) ?? []), reason),
      );
    }
    const taken = await Promise.all(copies);
    return !taken.includes(false);
  }

  /** The changes that record every span as sent under `timeline`, to store with what else the send settled. */
  sent(timeline: readonly EmailChange[]): MetaChange[] {
    return [SPAN_SHARING_STATE.sharedTimeline.to([...timeline]), SPAN_SHARING_STATE.reshare.unset()];
  }

  /** Makes the next {@link send} send every span again, whatever went out before. */
  sendAllAgain(): void {
    this.state.set(SPAN_SHARING_STATE.reshare.to("1"));
  }

  /**
   * Withdraws the visitor's events from every person it gave or shared them with, except
   * `except`'s (being erased, it erases its own copies): they re-score without them.
   * @param reason why the people re-score: `request` for an erasure, `alarm` for retention.
   */
  async withdraw(visitorId: string, timeline: readonly EmailChange[], except: string | null, reason: SyncReason) {
    const emails = new Set([...timeline.map((change) => change.email), ...this.#emailsSharedBefore()]);
    if (except) emails.delete(except);
    await Promise.all(
      [...emails].map((email) => personStub(this.people, email).replace(email, visitorId, "[]", reason)),
    );
  }

  /** The changes that forget every span shared: the visitor answers for itself again. */
  forgotten(): MetaChange[] {
    return [SPAN_SHARING_STATE.sharedTimeline.unset(), SPAN_SHARING_STATE.reshare.unset()];
  }

  #emailsSharedBefore(): string[] {
    return (this.state.get(SPAN_SHARING_STATE.sharedTimeline) ?? []).map((change) => change.email);
  }
}

/** Whether two email timelines are the same changes. */
function sameTimeline(a: readonly EmailChange[], b: readonly EmailChange[]): boolean {
  return (
    a.length === b.length &&
    a.every((change, i) => change.email === b[i]!.email && change.ts === b[i]!.ts && change.id === b[i]!.id)
  );
}
