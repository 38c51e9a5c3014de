/**
 * People (shared/README.md, "People and accounts"): every visitor (browser) that gives the same
 * email is one person, scored as one lead from the union of its visitors' events.
 *
 * A browser's events belong to the person of the latest email it gave at or before them; events
 * before its first email belong to its first person. So a phone read before its owner filled a
 * form on it counts for that owner, and a shared computer that identifies as someone else starts
 * counting for the new person from then on, without taking the earlier reading with it.
 */
import { TRAIT_KEYS } from "../limits.ts";
import { type ClaimReview, personMembers } from "./claims.ts";
import { givenEmail } from "./emails.ts";
import { inScoringOrder, type ScoringEvent } from "./events.ts";
import { sameTrait } from "./fit.ts";
import { isoString } from "./iso.ts";
import type { ScoringModel } from "./model.ts";
import type { PreparedCache } from "./prepared.ts";
import { type Assessment, assessVisitor } from "./score.ts";

/** Where a visitor's events start belonging to another email's person: the event that gave it. */
export interface EmailChange {
  email: string;
  ts: number;
  id: string;
}

/** Chronological order of anything with a time and an id, as `compareEvents` orders events. */
function compareMoments(a: { ts: number; id: string }, b: { ts: number; id: string }): number {
  return a.ts !== b.ts ? a.ts - b.ts : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * One visitor's identity timeline: each email it gave, at the event where it replaced the
 * previous one (repeats of the current email are not changes). Empty for a visitor that never
 * gave an email. The events may come in any order.
 */
export function emailTimeline(events: readonly ScoringEvent[]): EmailChange[] {
  const changes: EmailChange[] = [];
  for (const event of inScoringOrder(events)) {
    const email = givenEmail(event);
    if (email !== null && email !== changes.at(-1)?.email) changes.push({ email, ts: event.ts, id: event.id });
  }
  return changes;
}

/** The email whose person an event belongs to under `timeline`, or null when it is empty. */
export function emailAt(timeline: readonly EmailChange[], event: { ts: number; id: string }): string | null {
  let email = timeline[0]?.email ?? null;
  for (const change of timeline) {
    if (compareMoments(change, event) > 0) break;
    email = change.email;
  }
  return email;
}

/**
 * One visitor's events split by the person they belong to: email → events, in scoring order.
 * Empty when the visitor never gave an email (it is its own anonymous lead).
 */
export function eventsByEmail<E extends ScoringEvent>(events: readonly E[]): Map<string, E[]> {
  const ordered = inScoringOrder(events) as readonly E[];
  const timeline = emailTimeline(ordered);
  const byEmail = new Map<string, E[]>();
  if (timeline.length === 0) return byEmail;
  let next = 1;
  let email = timeline[0]!.email;
  for (const event of ordered) {
    while (next < timeline.length && compareMoments(timeline[next]!, event) <= 0) email = timeline[next++]!.email;
    const list = byEmail.get(email);
    if (list) list.push(event);
    else byEmail.set(email, [event]);
  }
  return byEmail;
}

/**
 * The events of a person without repeats, in scoring order. An event id is one event: when two
 * visitors sent the same id, the copy with the earlier time (then the smaller visitor id) is
 * kept, whichever arrived first.
 */
export function personEvents<E extends ScoringEvent>(events: readonly E[]): readonly E[] {
  const byId = new Map<string, E>();
  let repeated = false;
  for (const event of events) {
    const kept = byId.get(event.id);
    if (!kept) byId.set(event.id, event);
    else {
      repeated = true;
      if (event.ts < kept.ts || (event.ts === kept.ts && event.visitorId < kept.visitorId)) byId.set(event.id, event);
    }
  }
  const unique = repeated ? [...byId.values()] : events;
  return inScoringOrder(unique) as readonly E[];
}

/** What scoring a person takes beside its events. */
export interface PersonOptions {
  /** The person's prepared events from earlier scores (see `AssessOptions.cache`). */
  cache?: PreparedCache;
  /** Every review of a claim to the person (`claims.ts`). */
  reviews?: readonly ClaimReview[];
  /** The founder on record (see `personMembers`). */
  founder?: string;
}

/**
 * Scores a person: the union of its members' events, each event once, replayed by the engine
 * as one history. Never a sum of the visitors' scores: caps, decay and stage rules apply to the
 * whole history, so two visitors who read the same article on one day count one view, and the
 * result is the same whatever order the events or the visitors arrived in.
 *
 * Only the browsers that speak for the person are scored (`personMembers`): the founder, those
 * tied to it, those a review confirmed. Other claims are listed in `claims` with the traits they
 * gave and where those differ from the person's (`conflicts`), and change nothing else. Sales
 * feedback counts whichever browser it was given on: sales is not a stranger.
 *
 * @param email the person's email, normalized ({@link normalizeEmail}).
 * @param events what its visitors' events hold for this person ({@link eventsByEmail}), in any
 *   order, repeats allowed; they must include at least one scored event.
 * @returns null when no member has an event to score (every claim was rejected).
 */
export function assessPerson(
  email: string,
  events: readonly ScoringEvent[],
  model: ScoringModel,
  now: number,
  { cache, reviews, founder }: PersonOptions = {},
): Assessment | null {
  const union = personEvents(events);
  const { members, joinedAt, claims, strangers } = personMembers(email, union, reviews, founder);
  const memberIds = new Set(members);
  // Only a person with someone to leave out pays for a copy of its events.
  const scored =
    claims.length > 0 || strangers
      ? union.filter((event) => event.type === "sales_feedback" || memberIds.has(event.visitorId))
      : union;
  const primary = members[0];
  if (primary === undefined || !scored.some((event) => event.type !== "sales_feedback")) return null;
  const joined = new Map(joinedAt);
  joined.delete(primary);
  const assessment = assessVisitor(scored, model, now, {
    subject: { visitorId: primary, visitorIds: members, joinedAt: joined },
    ...(cache && { cache }),
  });
  if (claims.length > 0) {
    const { identity } = assessment.qualification;
    assessment.qualification.claims = claims.map((claim) => ({
      visitorId: claim.visitorId,
      claimedAt: isoString(claim.claimedAt),
      status: claim.status,
      traits: claim.traits,
      conflicts: TRAIT_KEYS.filter((key) => {
        const given = claim.traits[key];
        const kept = identity[key];
        return given !== undefined && kept !== undefined && !sameTrait(given, kept);
      }),
    }));
  }
  return assessment;
}
