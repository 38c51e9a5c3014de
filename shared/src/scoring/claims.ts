/**
 * Claims: which browsers speak for a person. A public form lets anyone type anyone's email, so a
 * browser giving an email is a claim to be that person, and only some claims are taken:
 *
 * - the **founder**, the browser whose email-giving event reached the collector first (arrival,
 *   not event time: a batch may date its events a week back, and must not take a person over);
 * - a browser **tied** to one taken already: its claim came from a network one of them used within
 *   {@link TIE_WINDOW_DAYS} days of it (the collector's network tag, `network`). A phone and a
 *   laptop at home or at the office are tied; a stranger elsewhere is not;
 * - a browser **confirmed** by a review (sales in the dashboard or the API; later a server-side
 *   identify or a sales outcome).
 *
 * A review that **rejects** a browser takes it out, founder included: the next claim in arrival
 * order founds the person then. Every other claim is
 * **unconfirmed**: its events are kept and shown, but the person is scored without them, so they
 * cannot raise its stage, fire a stage webhook, change its fit or disqualify it, and its traits
 * never replace the person's. A claim whose traits differ from the person's is a conflict, shown
 * to sales beside the person, never applied.
 *
 * Pure: the same events and reviews give the same members whatever order they arrived in.
 */
import { TRAIT_KEYS, type TraitKey } from "../limits.ts";
import { DAY } from "../time.ts";
import type { Traits } from "../wire.ts";
import { givenEmail } from "./emails.ts";
import type { ScoringEvent } from "./events.ts";

/**
 * How far apart a claim and a member's use of its network may be to tie them: a month, as a
 * buyer reads on the phone at home one week and asks for a demo on the laptop the next. Beyond it
 * an address may have gone to someone else.
 */
export const TIE_WINDOW_DAYS = 30;

/** What a review decided about a browser's claim. */
export type ClaimDecision = "confirmed" | "rejected";

/** A review of one browser's claim to a person: the latest one for a browser counts. */
export interface ClaimReview {
  visitorId: string;
  decision: ClaimDecision;
  /** When it was made (ms). */
  at: number;
}

/** A claim the person is not scored with. */
export interface ClaimState {
  visitorId: string;
  /** Its first event giving the email. */
  claimedAt: number;
  status: "unconfirmed" | "rejected";
  /** The traits it gave with the email, the latest value of each. */
  traits: Traits;
}

/** Who speaks for a person, and who only claims to. */
export interface PersonMembers {
  /**
   * The browsers the person is scored with, in the order they first gave the email (event time):
   * the first is the primary.
   */
  members: string[];
  /** The other claims, in the same order. */
  claims: ClaimState[];
}

/** What the collector adds to an event as it arrives; only claims read it. */
interface Arrival {
  readonly receivedAt?: number;
  readonly network?: string;
}

/** One browser's claim, as its events make it. */
interface Claimant {
  visitorId: string;
  /** Its first event giving the email, and when that arrived. */
  first: ScoringEvent & Arrival;
  arrivedAt: number;
  /** The network and time of each of its email-giving events that has one. */
  claimedFrom: { network: string; ts: number }[];
  /** When its events came from each network. */
  seenOn: Map<string, number[]>;
  traits: Traits;
}

/**
 * Sorts a person's browsers into members and claims (see the module's comment).
 * @param events the person's events, each once, in scoring order (`personEvents`).
 * @param reviews every review of a claim to this person, in any order.
 */
export function personMembers(
  email: string,
  events: readonly ScoringEvent[],
  reviews: readonly ClaimReview[] = [],
): PersonMembers {
  const claimants = new Map<string, Claimant>();
  const seenOn = new Map<string, Map<string, number[]>>();
  for (const event of events) {
    const { network, receivedAt } = event as ScoringEvent & Arrival;
    const networks = seenOn.get(event.visitorId) ?? new Map<string, number[]>();
    seenOn.set(event.visitorId, networks);
    if (network) {
      const times = networks.get(network);
      if (times) times.push(event.ts);
      else networks.set(network, [event.ts]);
    }
    if (givenEmail(event) !== email) continue;
    let claimant = claimants.get(event.visitorId);
    if (!claimant) {
      claimant = {
        visitorId: event.visitorId,
        first: event,
        arrivedAt: receivedAt ?? event.ts,
        claimedFrom: [],
        seenOn: networks,
        traits: {},
      };
      claimants.set(event.visitorId, claimant);
    }
    if (network) claimant.claimedFrom.push({ network, ts: event.ts });
    if (event.type === "form_submit" || event.type === "identify") {
      for (const key of TRAIT_KEYS) {
        const value = event.traits[key];
        if (value !== undefined && value !== "") (claimant.traits as Record<TraitKey, unknown>)[key] = value;
      }
    }
  }
  const decisions = latestDecisions(reviews);
  const byArrival = [...claimants.values()].sort(
    (a, b) =>
      a.arrivedAt - b.arrivedAt ||
      a.first.ts - b.first.ts ||
      (a.visitorId < b.visitorId ? -1 : a.visitorId > b.visitorId ? 1 : 0),
  );
  const open = byArrival.filter((claimant) => decisions.get(claimant.visitorId) !== "rejected");
  const taken = new Set(open.filter((claimant) => decisions.get(claimant.visitorId) === "confirmed"));
  // The first claim to arrive that was not rejected founds the person.
  if (open[0]) taken.add(open[0]);
  // Ties reach further through each browser taken: a phone ties the laptop, the laptop a tablet.
  const used = new Map<string, number[]>();
  const take = (claimant: Claimant) => {
    taken.add(claimant);
    for (const [network, times] of claimant.seenOn) {
      const all = used.get(network);
      if (all) for (const at of times) all.push(at);
      else used.set(network, [...times]);
    }
  };
  for (const claimant of taken) take(claimant);
  const window = TIE_WINDOW_DAYS * DAY;
  const tied = (claimant: Claimant) =>
    claimant.claimedFrom.some(({ network, ts }) => used.get(network)?.some((at) => Math.abs(at - ts) <= window));
  for (let grew = true; grew; ) {
    grew = false;
    for (const claimant of open) {
      if (taken.has(claimant) || !tied(claimant)) continue;
      take(claimant);
      grew = true;
    }
  }
  // Arrival decides who founds; among members, event time decides who is primary, so a household
  // whose browsers' batches arrive in another order is the same person with the same primary.
  const byTime = [...claimants.values()].sort(
    (a, b) => a.first.ts - b.first.ts || (a.visitorId < b.visitorId ? -1 : a.visitorId > b.visitorId ? 1 : 0),
  );
  return {
    members: byTime.filter((claimant) => taken.has(claimant)).map((claimant) => claimant.visitorId),
    claims: byTime
      .filter((claimant) => !taken.has(claimant))
      .map((claimant) => ({
        visitorId: claimant.visitorId,
        claimedAt: claimant.first.ts,
        status: decisions.get(claimant.visitorId) === "rejected" ? "rejected" : "unconfirmed",
        traits: claimant.traits,
      })),
  };
}

/** Each browser's latest decision (ties: a rejection, the careful side). */
function latestDecisions(reviews: readonly ClaimReview[]): Map<string, ClaimDecision> {
  const latest = new Map<string, ClaimReview>();
  for (const review of reviews) {
    const kept = latest.get(review.visitorId);
    if (!kept || review.at > kept.at || (review.at === kept.at && review.decision === "rejected")) {
      latest.set(review.visitorId, review);
    }
  }
  return new Map([...latest].map(([visitorId, review]) => [visitorId, review.decision]));
}
