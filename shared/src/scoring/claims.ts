/**
 * Claims: which browsers speak for a person. A public form lets anyone type anyone's email, so a
 * browser giving an email is a claim to be that person, and only some claims are taken:
 *
 * - the **founder**: the browser whose span the person held first, as the collector records it
 *   (`founder`), or for a person without a record the browser whose email-giving event reached
 *   the collector first. Arrival, not event time: a batch may date its events a week back, and
 *   must not take a person over; and recorded apart from reviews, so that neither retention
 *   deleting the founder's identify nor a review of it hands the person to whoever claimed next;
 * - a browser **tied** to one taken already: its claim came from a network one of them used within
 *   {@link TIE_WINDOW_DAYS} days of it (the collector's network tag, `network`). A phone and a
 *   laptop at home or at the office are tied; a stranger elsewhere is not;
 * - a browser **confirmed** by a review (sales in the dashboard or the API; later a server-side
 *   identify or a sales outcome).
 *
 * A review that **rejects** a browser takes it out, founder included, and nobody takes its place
 * by being next: sales confirms who does. Every other claim is
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
  /** When each member first gave the email (event time). */
  joinedAt: ReadonlyMap<string, number>;
  /** The other claims, in the same order. */
  claims: ClaimState[];
  /** Whether a browser that gave no email has events here: its events are not scored either. */
  strangers: boolean;
}

/** What the collector adds to an event as it arrives; only claims read it. */
interface Arrival {
  readonly receivedAt?: number;
  readonly network?: string;
}

/** One browser's claim, as its events make it. */
interface Claimant {
  visitorId: string;
  /** Its first event giving the email (event time). */
  firstTs: number;
  /** When the first of its email-giving events reached the collector. */
  arrivedAt: number;
  /** The network and time of each of its email-giving events that has one. */
  claimedFrom: { network: string; ts: number }[];
  traits: Traits;
}

/** Events of one browser on one network closer than this are one sample of "used it then". */
const SAMPLE_MS = DAY / 2;

/**
 * Sorts a person's browsers into members and claims (see the module's comment).
 * @param events the person's events, each once, in scoring order (`personEvents`).
 * @param reviews every review of a claim to this person, in any order.
 * @param founder the founder on record (when its claim is gone, nobody founds the person again),
 *   or undefined for a person without a record: arrival decides.
 */
export function personMembers(
  email: string,
  events: readonly ScoringEvent[],
  reviews: readonly ClaimReview[] = [],
  founder?: string,
): PersonMembers {
  const claimants = new Map<string, Claimant>();
  const visitors = new Set<string>();
  for (const event of events) {
    visitors.add(event.visitorId);
    if (givenEmail(event) !== email) continue;
    const { network, receivedAt } = event as ScoringEvent & Arrival;
    const arrived = receivedAt ?? event.ts;
    let claimant = claimants.get(event.visitorId);
    if (!claimant) {
      claimant = { visitorId: event.visitorId, firstTs: event.ts, arrivedAt: arrived, claimedFrom: [], traits: {} };
      claimants.set(event.visitorId, claimant);
    }
    claimant.arrivedAt = Math.min(claimant.arrivedAt, arrived);
    if (network) claimant.claimedFrom.push({ network, ts: event.ts });
    if (event.type === "form_submit" || event.type === "identify") {
      for (const key of TRAIT_KEYS) {
        const value = event.traits[key];
        if (value !== undefined && value !== "") (claimant.traits as Record<TraitKey, unknown>)[key] = value;
      }
    }
  }
  const decisions = latestDecisions(reviews);
  const open = [...claimants.values()].filter((claimant) => decisions.get(claimant.visitorId) !== "rejected");
  const taken = new Set(open.filter((claimant) => decisions.get(claimant.visitorId) === "confirmed"));
  // The founder on record, or without a record the first claim to arrive; rejected, nobody takes
  // its place, and a founder whose claim is gone (retention) is not replaced by the next to arrive.
  const first = founder === undefined ? [...claimants.values()].sort(byArrival)[0] : claimants.get(founder);
  if (first && decisions.get(first.visitorId) !== "rejected") taken.add(first);
  if (taken.size < open.length) tieByNetwork(events, open, taken);
  const byTime = [...claimants.values()].sort((a, b) => a.firstTs - b.firstTs || byVisitorId(a, b));
  const members = byTime.filter((claimant) => taken.has(claimant));
  return {
    members: members.map((claimant) => claimant.visitorId),
    joinedAt: new Map(members.map((claimant) => [claimant.visitorId, claimant.firstTs])),
    claims: byTime
      .filter((claimant) => !taken.has(claimant))
      .map((claimant) => ({
        visitorId: claimant.visitorId,
        claimedAt: claimant.firstTs,
        status: decisions.get(claimant.visitorId) === "rejected" ? "rejected" : "unconfirmed",
        traits: claimant.traits,
      })),
    strangers: visitors.size > claimants.size,
  };
}

/** Arrival order: when the claim reached the collector, then its event time, then the browser id. */
function byArrival(a: Claimant, b: Claimant): number {
  return a.arrivedAt - b.arrivedAt || a.firstTs - b.firstTs || byVisitorId(a, b);
}

/** The last tie-break of both orders: the browser id. */
function byVisitorId(a: Claimant, b: Claimant): number {
  return a.visitorId < b.visitorId ? -1 : a.visitorId > b.visitorId ? 1 : 0;
}

/**
 * Adds to `taken` every open claim tied to it: made from a network a taken browser used within
 * {@link TIE_WINDOW_DAYS} days. Ties reach further through each browser taken: a phone ties the
 * laptop, the laptop a tablet. Only people with a claim to settle pay for reading the networks.
 */
function tieByNetwork(events: readonly ScoringEvent[], open: readonly Claimant[], taken: Set<Claimant>): void {
  // When each open claimant used each network, sampled (in time order: the events are).
  const usage = new Map<string, Map<string, number[]>>();
  const ids = new Set(open.map((claimant) => claimant.visitorId));
  for (const event of events) {
    const { network } = event as ScoringEvent & Arrival;
    if (!network || !ids.has(event.visitorId)) continue;
    const byNetwork = usage.get(event.visitorId) ?? new Map<string, number[]>();
    usage.set(event.visitorId, byNetwork);
    const times = byNetwork.get(network);
    if (!times) byNetwork.set(network, [event.ts]);
    else if (event.ts - times[times.length - 1]! >= SAMPLE_MS) times.push(event.ts);
  }
  const used = new Map<string, number[]>();
  const take = (claimant: Claimant) => {
    taken.add(claimant);
    for (const [network, times] of usage.get(claimant.visitorId) ?? []) {
      const all = used.get(network);
      if (all) all.push(...times);
      else used.set(network, [...times]);
    }
  };
  for (const claimant of taken) take(claimant);
  const window = TIE_WINDOW_DAYS * DAY;
  // Every use is within SAMPLE_MS after a sample: the window is widened by that much.
  const tied = (claimant: Claimant) =>
    claimant.claimedFrom.some(({ network, ts }) =>
      used.get(network)?.some((at) => Math.abs(at - ts) <= window + SAMPLE_MS),
    );
  for (let grew = true; grew; ) {
    grew = false;
    for (const claimant of open) {
      if (taken.has(claimant) || !tied(claimant)) continue;
      take(claimant);
      grew = true;
    }
  }
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
