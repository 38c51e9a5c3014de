import { type EmailChange, emailAt, eventsByEmail } from "@embudo/shared";
import { z } from "zod";
import { type PersonKey, UNSPACED } from "../../spaces.ts";
import type { SyncReason } from "../derived-write.ts";
import { personObjectName, personStub } from "../object-naming.ts";
import { jsonField, type MetaChange, type ObjectState, textField } from "../object-state.ts";
import type { CopyAnswer } from "../person/person-object.ts";
import type { Stored } from "../stored-events.ts";
import type { VisitorEventStore } from "./event-store.ts";

/** The state span sharing keeps in the visitor's `meta`. */
export const SPAN_SHARING_STATE = {
  /** The emails the visitor gave, as every person last received its span under them. */
  sharedTimeline: jsonField("sharedTimeline", z.array(z.object({ email: z.string(), ts: z.number(), id: z.string() }))),
  /**
   * The people space the spans went to. None while nothing was shared, and for a visitor that
   * shared before spaces (`UNSPACED`): its spans then move to its site's space.
   */
  sharedSpace: textField("sharedSpace"),
  /** Set when every span must go again (retention deleted events, or a copy failed). */
  reshare: textField("reshare"),
};

/**
 * How an identified visitor's events reach its people. Each event belongs to the person of the
 * latest email the visitor gave at or before it (earlier ones to its first person), and every
 * person gets a copy of exactly its events: new ones as they come, each to its person, and the
 * whole span again (one JSON array per person) whenever the visitor's emails change, so spans
 * move between people exactly and a person's copy is always a pure function of this visitor's
 * events. The people are those of the visitor's people space (`spaces.ts`): should its site move
 * to another space, every span moves with the next send, as when its emails change. The visitor's
 * object decides when to share (see `VisitorObject`); this module does it.
 */
export class SpanSharing {
  constructor(
    private readonly state: ObjectState,
    private readonly store: VisitorEventStore,
    private readonly people: Env["PEOPLE"],
  ) {}

  /** The space the spans went to last; undefined while none went (or before spaces). */
  get space(): string | undefined {
    return this.state.get(SPAN_SHARING_STATE.sharedSpace);
  }

  /** Whether the visitor ever shared a span: some person may hold its events. */
  get everShared(): boolean {
    return this.state.has(SPAN_SHARING_STATE.sharedTimeline);
  }

  /**
   * Whether every person of `space` holds its span as `timeline` splits the events, with nothing
   * to send again.
   */
  upToDate(space: string, timeline: readonly EmailChange[]): boolean {
    if (this.state.has(SPAN_SHARING_STATE.reshare)) return false;
    const shared = this.state.get(SPAN_SHARING_STATE.sharedTimeline);
    return shared !== undefined && this.#sharedSpace() === space && sameTimeline(shared, timeline);
  }

  /**
   * Sends each person of `space` its events. While the people hold their spans under `timeline`
   * ({@link upToDate}), only `inserted` go, each to its person; otherwise every person, those
   * shared with before included (in the space they were shared in), gets its whole span again
   * (none: the visitor's events left it).
   * @returns whether a person was erased and refused its copy, and how many more events the
   *   latest email's person lets the visitor add, when it was sent one; throws when a copy failed.
   */
  async send(
    visitorId: string,
    space: string,
    timeline: readonly EmailChange[],
    inserted: readonly Stored[],
    reason: SyncReason,
  ): Promise<SendAnswer> {
    let copies: Array<[PersonKey, Promise<CopyAnswer>]>;
    if (this.upToDate(space, timeline)) {
      const byEmail = new Map<string, Stored[]>();
      for (const event of inserted) {
        const email = emailAt(timeline, event)!;
        const events = byEmail.get(email);
        if (events) events.push(event);
        else byEmail.set(email, [event]);
      }
      copies = [...byEmail].map(([email, events]) => {
        const person = { space, email };
        return [person, personStub(this.people, person).add(person, visitorId, events, reason)];
      });
    } else {
      // Keyed by object: a person shared with before keeps its span when it is still one of them.
      const spans = new Map<string, { person: PersonKey; span: string }>();
      for (const person of this.#peopleSharedBefore()) spans.set(personObjectName(person), { person, span: "[]" });
      for (const [email, events] of eventsByEmail(this.store.all())) {
        const person = { space, email };
        spans.set(personObjectName(person), { person, span: JSON.stringify(events) });
      }
      copies = [...spans.values()].map(({ person, span }) => [
        person,
        personStub(this.people, person).replace(person, visitorId, span, reason),
      ]);
    }
    const answers = await Promise.all(copies.map(async ([person, copy]) => [person, await copy] as const));
    const latest = timeline.at(-1)!.email;
    let room: number | undefined;
    for (const [person, answer] of answers) {
      if (!answer.taken) return { erased: true, room: undefined };
      if (person.email === latest && person.space === space) room = answer.room;
    }
    return { erased: false, room };
  }

  /**
   * The changes that record every span as sent to `space` under `timeline`, to store with what
   * else the send settled.
   */
  sent(space: string, timeline: readonly EmailChange[]): MetaChange[] {
    return [
      SPAN_SHARING_STATE.sharedTimeline.to([...timeline]),
      SPAN_SHARING_STATE.sharedSpace.to(space),
      SPAN_SHARING_STATE.reshare.unset(),
    ];
  }

  /** Makes the next {@link send} send every span again, whatever went out before. */
  sendAllAgain(): void {
    this.state.set(SPAN_SHARING_STATE.reshare.to("1"));
  }

  /**
   * Withdraws the visitor's events from every person it gave (in `space`) or shared them with,
   * except `except` (being erased, it erases its own copies): they re-score without them.
   * @param reason why the people re-score: `request` for an erasure, `alarm` for retention.
   */
  async withdraw(
    visitorId: string,
    space: string,
    timeline: readonly EmailChange[],
    except: PersonKey | null,
    reason: SyncReason,
  ) {
    const people = new Map<string, PersonKey>();
    for (const person of [...timeline.map(({ email }) => ({ space, email })), ...this.#peopleSharedBefore()]) {
      people.set(personObjectName(person), person);
    }
    if (except) people.delete(personObjectName(except));
    await Promise.all(
      [...people.values()].map((person) => personStub(this.people, person).replace(person, visitorId, "[]", reason)),
    );
  }

  /** The changes that forget every span shared: the visitor answers for itself again. */
  forgotten(): MetaChange[] {
    return [
      SPAN_SHARING_STATE.sharedTimeline.unset(),
      SPAN_SHARING_STATE.sharedSpace.unset(),
      SPAN_SHARING_STATE.reshare.unset(),
    ];
  }

  /** The space the spans went to, the space from before spaces for a visitor that shared then. */
  #sharedSpace(): string {
    return this.space ?? UNSPACED;
  }

  /** The people the spans went to, as last shared. */
  #peopleSharedBefore(): PersonKey[] {
    const space = this.#sharedSpace();
    return (this.state.get(SPAN_SHARING_STATE.sharedTimeline) ?? []).map(({ email }) => ({ space, email }));
  }
}

/** Whether two email timelines are the same changes. */
function sameTimeline(a: readonly EmailChange[], b: readonly EmailChange[]): boolean {
  return (
    a.length === b.length &&
    a.every((change, i) => change.email === b[i]!.email && change.ts === b[i]!.ts && change.id === b[i]!.id)
  );
}

/**
 * What a send did: whether a person was erased and refused its copy, and how many more events the
 * latest email's person lets the visitor add (see `CopyAnswer`), if it was sent a copy.
 */
export interface SendAnswer {
  erased: boolean;
  room: number | undefined;
}
