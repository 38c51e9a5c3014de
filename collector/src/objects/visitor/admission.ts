import { DAY, givenEmail } from "@embudo/shared";
import { z } from "zod";
import {
  identityBudgetExceeded,
  networkBudgetExceeded,
  PERSON_EVENTS_FULL,
  PERSON_FULL,
  type Refusal,
  SITE_MISMATCH,
  SUPPRESSED_VISITOR,
} from "../../refusals.ts";
import type { ErasureTombstone } from "../erasure.ts";
import { NEW_PEOPLE_PER_NETWORK } from "../network/network-budget-object.ts";
import { jsonField, type MetaChange, type ObjectState, textField } from "../object-state.ts";
import type { JoinAnswer } from "../person/person-object.ts";
import type { StoredEvent } from "../stored-events.ts";
import type { VisitorEventStore } from "./event-store.ts";
import { QUOTA_REFUSAL, remainingQuota } from "./visitor-quota.ts";

/** An event the visitor refused, by id, with the code and message the ingestion answer gives. */
export interface RefusedEvent extends Refusal {
  id: string;
}

/**
 * How many emails a browser may give for the first time in one UTC day. A person gives one (two
 * on a shared or work computer); a script minting leads gives one per form. Past it, an event
 * giving yet another new email is refused: it would start a person that sales would hear of.
 * (A kiosk where many people fill one browser's forms in a day is the case this refuses; such
 * leads belong in the CRM by its own import.)
 */
export const NEW_EMAILS_PER_DAY = 3;

/** The refusal of an event giving a new email past {@link NEW_EMAILS_PER_DAY}. */
const IDENTITY_BUDGET_REFUSAL = identityBudgetExceeded(NEW_EMAILS_PER_DAY);

/** The refusal of an event that would start a person past its network's budget. */
const NETWORK_BUDGET_REFUSAL = networkBudgetExceeded(NEW_PEOPLE_PER_NETWORK);

/** The state admission keeps in the visitor's `meta`. */
export const ADMISSION_STATE = {
  /** The site the visitor was first seen on: another site's key may not add to it. */
  site: textField("site"),
  /**
   * How many new emails the browser gave on `day` (ms at 00:00 UTC). Kept apart from the events,
   * so deleting events (retention, of an identify dated at its edge) gives no budget back.
   */
  newEmails: jsonField("newEmails", z.object({ day: z.number(), count: z.number().int() })),
  /**
   * How many more events the person of the visitor's latest email let it add, as that person
   * answered its last copy (`CopyAnswer`), and which person (its object's name) that was.
   */
  personRoom: jsonField("personRoom", z.object({ person: z.string(), room: z.number().int() })),
};

/** How many new events a visitor may store now, and the refusal of those past it. */
export interface Capacity {
  events: number;
  refusal: Refusal;
}

/**
 * Asks the person of `email` to let this browser in, bringing `events` events, giving the email
 * from `network` (see `PersonObject.join`).
 */
export type JoinPerson = (email: string, events: number, network: string | undefined) => Promise<JoinAnswer>;

/**
 * Which events a visitor takes: none once it was erased (`suppressed`), none sent with another
 * site's key than the one it was first seen on (`site_mismatch`: otherwise one public site key
 * could rewrite every other site's leads), none giving a new email past its budget of new emails
 * a day or starting a person past its network's budget of new people a day
 * (`identity_budget_exceeded`: otherwise one browser, or a script minting browsers, mints hundreds
 * of leads), none giving the email of a person that takes no more browsers (`person_full`:
 * otherwise a script joins thousands of browsers to one lead), none past what its person lets it
 * add (`person_full` again: otherwise a person's hundred browsers each add their quota), and none
 * past its quota (`visitor_quota_exceeded`).
 */
export class VisitorAdmission {
  constructor(
    private readonly state: ObjectState,
    private readonly events: VisitorEventStore,
    private readonly tombstone: Pick<ErasureTombstone<unknown>, "erasing">,
  ) {}

  /**
   * Splits `events` into those the visitor may store and those it refuses, binding the visitor
   * to the site of its first batch.
   * @param join asked once for each email the browser gives for the first time in the batch.
   * @param person the object name of the person of the visitor's latest email, if it gave one:
   *   the room that person last answered applies while it is still that person.
   * @returns the events it may store, at most `capacity.events` of them new (the quota left now,
   *   or its person's room when that is smaller).
   */
  async admit(
    events: StoredEvent[],
    now: number,
    join: JoinPerson,
    person?: string,
  ): Promise<{ admitted: StoredEvent[]; capacity: Capacity; refused: RefusedEvent[] }> {
    if (this.tombstone.erasing) return this.#suppressed(events);
    const site = this.site();
    const refused: RefusedEvent[] = [];
    const admitted = events.filter((event) => {
      if (site === undefined || event.site === site) return true;
      refused.push({ id: event.id, ...SITE_MISMATCH });
      return false;
    });
    if (site === undefined && admitted[0]) this.state.set(ADMISSION_STATE.site.to(admitted[0].site));
    const { kept, newEmails } = this.#withinIdentityBudget(admitted, now, refused);
    const joined = await this.#joined(kept, newEmails, join, refused);
    // An erasure may have finished while a person answered: an erased visitor stores nothing.
    if (this.tombstone.erasing) return this.#suppressed(events);
    const tracked = this.events.all().flatMap((event) => (event.type === "sales_feedback" ? [] : [event.receivedAt]));
    const quota = remainingQuota(tracked, now);
    const answered = this.state.get(ADMISSION_STATE.personRoom);
    const room = person !== undefined && answered?.person === person ? answered.room : Number.POSITIVE_INFINITY;
    const capacity =
      room < quota ? { events: room, refusal: PERSON_EVENTS_FULL } : { events: quota, refusal: QUOTA_REFUSAL };
    return { admitted: joined, capacity, refused };
  }

  /**
   * Keeps what `person` (its object's name) answered the visitor's last copy: it may add `room`
   * more events.
   */
  roomAnswered(person: string, room: number): MetaChange {
    return ADMISSION_STATE.personRoom.to({ person, room });
  }

  /** Everything refused: the visitor was erased (or is being erased). */
  #suppressed(events: readonly StoredEvent[]): {
    admitted: StoredEvent[];
    capacity: Capacity;
    refused: RefusedEvent[];
  } {
    return {
      admitted: [],
      capacity: { events: 0, refusal: SUPPRESSED_VISITOR },
      refused: events.map((event) => ({ id: event.id, ...SUPPRESSED_VISITOR })),
    };
  }

  /**
   * `events` less those giving an email whose person did not let the browser in, each refused:
   * the person is full (`person_full`), or the browser would start it and its network started as
   * many people as it may today (`identity_budget_exceeded`). The people are asked at once, one
   * call per new email: only a batch giving a new email pays.
   */
  async #joined(
    events: StoredEvent[],
    newEmails: ReadonlySet<string>,
    join: JoinPerson,
    refused: RefusedEvent[],
  ): Promise<StoredEvent[]> {
    if (newEmails.size === 0) return events;
    const bringing = this.events.all().length + events.length;
    const networks = new Map<string, string | undefined>();
    for (const event of events) {
      const email = givenEmail(event);
      if (email !== null && newEmails.has(email) && !networks.has(email)) networks.set(email, event.network);
    }
    const answers = new Map(
      await Promise.all(
        [...networks].map(async ([email, network]) => [email, await join(email, bringing, network)] as const),
      ),
    );
    return events.filter((event) => {
      const email = givenEmail(event);
      const answer = email === null ? undefined : answers.get(email);
      if (answer === undefined || answer === "joined") return true;
      refused.push({ id: event.id, ...(answer === "full" ? PERSON_FULL : NETWORK_BUDGET_REFUSAL) });
      return false;
    });
  }

  /**
   * `events` less those that give an email this browser never gave before once it gave
   * {@link NEW_EMAILS_PER_DAY} new ones today (UTC): each of those is refused, in batch order.
   * Only a batch that gives an email pays for reading which emails the visitor gave.
   * @returns the events kept, and the new emails among them.
   */
  #withinIdentityBudget(
    events: StoredEvent[],
    now: number,
    refused: RefusedEvent[],
  ): { kept: StoredEvent[]; newEmails: Set<string> } {
    const newEmails = new Set<string>();
    if (!events.some((event) => givenEmail(event) !== null)) return { kept: events, newEmails };
    const day = now - (now % DAY);
    const known = new Set<string>();
    for (const event of this.events.all()) {
      const email = givenEmail(event);
      if (email !== null) known.add(email);
    }
    const kept = this.state.get(ADMISSION_STATE.newEmails);
    const before = kept?.day === day ? kept.count : 0;
    let count = before;
    const admitted = events.filter((event) => {
      const email = givenEmail(event);
      if (email === null || known.has(email)) return true;
      if (count >= NEW_EMAILS_PER_DAY) {
        refused.push({ id: event.id, ...IDENTITY_BUDGET_REFUSAL });
        return false;
      }
      known.add(email);
      newEmails.add(email);
      count++;
      return true;
    });
    // Spent as the batch is admitted: a new email refused later (a full person, the quota) still
    // counts, the strict side.
    if (count !== before) this.state.set(ADMISSION_STATE.newEmails.to({ day, count }));
    return { kept: admitted, newEmails };
  }

  /**
   * The site this visitor was first seen on, or undefined before its first event. Kept in meta;
   * objects written before it was kept take the site of their earliest received event.
   */
  site(): string | undefined {
    const kept = this.state.get(ADMISSION_STATE.site);
    if (kept !== undefined) return kept;
    let first: { site: string; receivedAt: number } | undefined;
    for (const event of this.events.all()) {
      if (event.type !== "sales_feedback" && (!first || event.receivedAt < first.receivedAt)) first = event;
    }
    if (first) this.state.set(ADMISSION_STATE.site.to(first.site));
    return first?.site;
  }
}
