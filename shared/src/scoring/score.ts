/**
 * `scoreVisitor(events, model, now)`: a visitor's qualification (`qualification.ts`), as a pure function.
 *
 * One pass over the events in time order keeps engagement, identity and sales feedback up to date
 * and applies the stage rules after every event, so `stageHistory` costs O(1) per event on top of
 * the sort: O(n log n) for n events, or O(n) when storage hands them over sorted.
 */
import type { ContentStage, TraitKey } from "../limits.ts";
import { DAY } from "../time.ts";
import type { TrackedEvent } from "../wire.ts";
import { decayFactor } from "./decay.ts";
import { EngagementLedger } from "./engagement.ts";
import { inScoringOrder, type SalesFeedbackEvent, type ScoringEvent } from "./events.ts";
import { type FitResult, IdentityBook, scoreFit } from "./fit.ts";
import { intentOf } from "./intent.ts";
import { isoString as iso } from "./iso.ts";
import type { ScoringModel } from "./model.ts";
import { type PreparedCache, type PreparedEvent, prepareEvents } from "./prepared.ts";
import type { Qualification, QualificationReason, StageChange } from "./qualification.ts";
import { round1 } from "./rounding.ts";
import type { QualificationStage } from "./stage-names.ts";
import { decideStage, engagementAt, holdsUntil, nextTimedChange, type StageInputs, stageAt } from "./stages.ts";

/** A qualification and the next time it changes with no new event. */
export interface Assessment {
  qualification: Qualification;
  /** See {@link nextStageReviewAt}. */
  nextStageReviewAt: number | null;
  /**
   * Engagement before rounding and before the clamp to the model's max, at `at` (the time
   * scored): what an account needs to decay a member's engagement to a later time exactly.
   */
  engagement: { raw: number; at: number };
  /**
   * The events scored, in scoring order (for a person, the union, each event once): what
   * `leadFacts` reads, so a caller need not work out the union again.
   */
  events: readonly ScoringEvent[];
}

/** Who a replay is about: one visitor, or a person made of several (see `assessPerson`). */
export interface Subject {
  /** The primary visitor: the answer's `visitorId`. */
  visitorId: string;
  /** Every visitor, primary first. */
  visitorIds: readonly string[];
  /**
   * When each visitor but the primary joined the person (its first event giving the email). Its
   * events before then count for the score, never for when the person was first seen: a browser
   * that joins later cannot move the person's `firstSeen` earlier (its first touch is still the
   * person's earliest, wherever it was: attribution is about the visit, not the person's age).
   */
  joinedAt?: ReadonlyMap<string, number>;
}

/** Traits in words, for the notes of identity conflicts. */
const TRAIT_NAMES: Record<TraitKey, string> = {
  email: "email",
  name: "name",
  company: "company",
  jobTitle: "job title",
  companySize: "company size",
  country: "country",
  phone: "phone",
  industry: "industry",
};

function describeFeedback(event: SalesFeedbackEvent): string {
  return `sales ${event.outcome}${event.reason ? `: ${event.reason}` : ""}`;
}

/** The event in a few words, for the stage change it caused. */
function describeEvent({ event, page, file }: PreparedEvent): string {
  switch (event.type) {
    case "sales_feedback":
      return describeFeedback(event);
    case "form_submit":
      return `form_submit ${event.intent ?? event.formId}`;
    case "download":
      return `download ${file!.sentPath.split("/").filter(Boolean).pop() ?? event.href}`;
    case "custom":
      return event.name;
    case "identify":
      return `identify ${event.traits.email}`;
    default:
      return `${event.type} ${page!.sentPath}`;
  }
}

/** The state of one replay, at its end. */
interface Replay {
  inputs: StageInputs;
  ledger: EngagementLedger;
  identity: IdentityBook;
  fit: FitResult;
  sales: SalesFeedbackEvent[];
  history: StageChange[];
  stage: QualificationStage;
  /** The time scored: `now`, or the latest event when that is later (client clocks run ahead). */
  at: number;
  subject: Subject;
  /**
   * The first tracked event that says when the lead was first seen (see `Subject.joinedAt`), and
   * the latest tracked event (sales feedback when there is none).
   */
  firstSeen: PreparedEvent;
  lastSeen: PreparedEvent;
  /** The earliest tracked event, on any visitor; null when only sales feedback counted. */
  firstTracked: PreparedEvent | null;
  /** The visitor of each event, kept only when the subject has more than one (for receipts). */
  visitorOf: Map<string, string> | null;
  /** The events replayed, in scoring order. */
  events: readonly ScoringEvent[];
}

function replay(
  events: readonly ScoringEvent[],
  model: ScoringModel,
  now: number,
  { subject, cache }: AssessOptions = {},
): Replay {
  const ordered = inScoringOrder(events);
  const prepared = prepareEvents(ordered, model, cache);
  const first = ordered[0];
  if (!first) throw new RangeError("scoreVisitor needs at least one event");
  const visitorOf = subject && subject.visitorIds.length > 1 ? new Map<string, string>() : null;
  const last = ordered[ordered.length - 1]!;
  const at = Math.max(now, last.ts);

  const ledger = new EngagementLedger(model);
  const identity = new IdentityBook();
  const sales: SalesFeedbackEvent[] = [];
  let fit: FitResult = scoreFit(identity, model);
  let fitVersion = identity.version;
  const inputs: StageInputs = {
    identified: false,
    fit: fit.fit,
    disqualifier: null,
    sales: null,
    handRaiseCounts: false,
    engagement: ledger.total,
    lastPricingViewAt: null,
    contentViews: 0,
    sessions: 0,
    downloads: 0,
  };
  const history: StageChange[] = [];
  let stage: QualificationStage | null = null;
  let firstTracked: PreparedEvent | null = null;
  let firstSeen: PreparedEvent | null = null;
  let lastSeen: PreparedEvent | null = null;
  const joinedAt = subject?.joinedAt;

  /** Records the changes that decay and the pricing window make before `until` (exclusive). */
  const passTime = (from: number, until: number) => {
    if (stage === null || until <= from + 1 || holdsUntil(inputs, until - 1, stage, model)) return;
    let t = from;
    for (;;) {
      const change = nextTimedChange(inputs, t, stage, model);
      if (!change || change.at >= until) return;
      stage = change.stage;
      history.push({ stage, at: iso(change.at), reason: change.reason, rule: change.rule, eventId: null });
      t = change.at;
    }
  };

  let previousTs = first.ts;
  for (const p of prepared) {
    const { event } = p;
    visitorOf?.set(p.id, p.visitorId);
    const { ts } = p;
    passTime(previousTs, ts);
    previousTs = ts;

    if (p.type === "sales_feedback") {
      const feedback = event as SalesFeedbackEvent;
      sales.push(feedback);
      inputs.sales = { outcome: feedback.outcome, at: ts, reason: feedback.reason };
      if (feedback.outcome === "rejected") inputs.handRaiseCounts = false;
    } else {
      // In time order: the first tracked event is the earliest, each is the latest so far.
      firstTracked ??= p;
      if (firstSeen === null && !(p.ts < (joinedAt?.get(p.visitorId) ?? Number.NEGATIVE_INFINITY))) firstSeen = p;
      lastSeen = p;
      const hadHandRaise = ledger.lastHandRaise;
      ledger.add(p as PreparedEvent<TrackedEvent>);
      if (p.type === "form_submit" || p.type === "identify") identity.add(p as PreparedEvent<TrackedEvent>);
      if (ledger.lastHandRaise !== hadHandRaise) inputs.handRaiseCounts = true;
      if (identity.version !== fitVersion) {
        fitVersion = identity.version;
        fit = scoreFit(identity, model);
        inputs.fit = fit.fit;
        inputs.disqualifier = fit.disqualifiers[0]?.note ?? null;
      }
      inputs.identified = identity.identified;
      inputs.lastPricingViewAt = ledger.lastPricingViewAt;
      inputs.contentViews = ledger.counts.contentViews;
      inputs.sessions = ledger.counts.sessions;
      inputs.downloads = ledger.counts.downloads;
    }

    if (stageAt(inputs, ts, model) !== stage) {
      const decision = decideStage(inputs, ts, model);
      stage = decision.stage;
      history.push({ stage, at: p.at, reason: describeEvent(p), rule: decision.rule, eventId: p.id });
    }
  }
  passTime(previousTs, at + 1);

  // Only sales feedback so far: the visitor was seen through it.
  firstSeen ??= firstTracked ?? prepared[0]!;
  lastSeen ??= prepared[prepared.length - 1]!;
  return {
    inputs,
    ledger,
    identity,
    fit,
    sales,
    history,
    stage: stage!,
    at,
    subject: subject ?? { visitorId: first.visitorId, visitorIds: [first.visitorId] },
    firstSeen,
    lastSeen,
    firstTracked,
    visitorOf,
    events: ordered,
  };
}

function qualificationOf(state: Replay, model: ScoringModel): Qualification {
  const halfLifeMs = model.engagement.halfLifeDays * DAY;
  const byStageExact: Record<ContentStage, number> = { awareness: 0, evaluation: 0, decision: 0 };
  const unsorted: QualificationReason[] = [];
  /** Event times of `unsorted`, to sort on numbers rather than ISO strings. */
  const times: number[] = [];
  for (const receipt of state.ledger.receipts) {
    const factor = decayFactor(state.at - receipt.ts, halfLifeMs);
    const points = receipt.basePoints * factor;
    if (receipt.stage) byStageExact[receipt.stage] += points;
    times.push(receipt.ts);
    unsorted.push({
      rule: receipt.rule,
      points: round1(points),
      eventId: receipt.eventId,
      at: receipt.at,
      kind: "engagement",
      stage: receipt.stage,
      basePoints: receipt.basePoints,
      decay: Math.round(factor * 1000) / 1000,
      note: receipt.note,
    });
  }
  for (const receipt of state.fit.receipts) {
    times.push(receipt.ts);
    unsorted.push({
      rule: receipt.rule,
      points: receipt.points,
      eventId: receipt.eventId,
      at: receipt.at,
      kind: "fit",
      trait: receipt.trait,
      note: receipt.note,
    });
  }
  for (const receipt of state.fit.disqualifiers) {
    times.push(receipt.ts);
    unsorted.push({
      rule: receipt.rule,
      points: 0,
      eventId: receipt.eventId,
      at: receipt.at,
      kind: "disqualifier",
      trait: receipt.trait,
      note: receipt.note,
    });
  }
  for (const conflict of state.identity.conflicts) {
    times.push(conflict.ts);
    unsorted.push({
      rule: "identity_conflict",
      points: 0,
      eventId: conflict.eventId,
      at: conflict.at,
      kind: "identity",
      trait: conflict.trait,
      note:
        `visitor ${conflict.visitorId} gave ${TRAIT_NAMES[conflict.trait]} "${conflict.given}", but the lead's is ` +
        `"${conflict.kept}" (from visitor ${conflict.keptFrom}); kept "${conflict.kept}"`,
    });
  }
  for (const feedback of state.sales) {
    times.push(feedback.ts);
    unsorted.push({
      rule: `sales:${feedback.outcome}`,
      points: 0,
      eventId: feedback.id,
      at: iso(feedback.ts),
      kind: "sales",
      note: describeFeedback(feedback),
    });
  }
  // Largest effect first; among equals the newest first, so the latest evidence leads (stable otherwise).
  const order = unsorted.map((_, i) => i);
  order.sort((a, b) => Math.abs(unsorted[b]!.points) - Math.abs(unsorted[a]!.points) || times[b]! - times[a]! || a - b);
  const { visitorOf } = state;
  const reasons = order.map((i) => {
    const reason = unsorted[i]!;
    const visitorId = visitorOf && reason.eventId ? visitorOf.get(reason.eventId) : undefined;
    return visitorId ? { ...reason, visitorId } : reason;
  });

  return {
    visitorId: state.subject.visitorId,
    visitorIds: [...state.subject.visitorIds],
    stage: state.stage,
    score: {
      engagement: round1(engagementAt(state.inputs, state.at, model)),
      fit: round1(state.fit.fit),
      byStage: {
        awareness: round1(byStageExact.awareness),
        evaluation: round1(byStageExact.evaluation),
        decision: round1(byStageExact.decision),
      },
    },
    intent: intentOf(byStageExact),
    identity: { ...state.identity.traits },
    counts: { ...state.ledger.counts },
    reasons,
    reasonsTotal: reasons.length,
    stageHistory: state.history,
    stageHistoryTotal: state.history.length,
    source: state.firstTracked ? { first: state.firstTracked.touch!, latest: state.ledger.sessionStart!.touch! } : null,
    firstSeen: state.firstSeen.at,
    lastSeen: state.lastSeen.at,
    model: model.id,
  };
}

/**
 * Scores one visitor's events under a model at time `now`. Pure: no I/O, no clock.
 *
 * @param events every tracked event and sales feedback of one visitor that counts, in any order
 *   (sorted by `ts`, ties by `id`): {@link scoredEvents} picks them from what storage holds. The
 *   `automation` flag is not read here.
 * @param model a validated scoring model ({@link defaultModel} or {@link parseScoringModel}).
 * @param now milliseconds since the epoch; decay is computed up to it. When the latest event is
 *   later (a client clock ahead of the collector's), that event's time is used instead.
 * @throws {RangeError} when `events` is empty (a visitor never seen has no qualification).
 */
export function scoreVisitor(
  events: readonly ScoringEvent[],
  model: ScoringModel,
  now: number,
  options?: AssessOptions,
): Qualification {
  return qualificationOf(replay(events, model, now, options), model);
}

/**
 * The first time after `now` at which the stage changes with no new event — engagement decaying
 * below the SQL or MQL threshold, or the SQL pricing window closing — or null if it never does.
 * Scoring at that time gives the new stage; scoring one millisecond earlier gives the current one.
 * The collector sets an alarm for it so decay-only changes reach the leads index.
 */
export function nextStageReviewAt(events: readonly ScoringEvent[], model: ScoringModel, now: number): number | null {
  const state = replay(events, model, now);
  return nextTimedChange(state.inputs, state.at, state.stage, model)?.at ?? null;
}

/** How to score, beyond the events, the model and the time. */
export interface AssessOptions {
  /**
   * Who the events are about when they are not one visitor's: a person's primary visitor and
   * all its visitors (`assessPerson` passes it). Without it, the visitor of the first event.
   */
  subject?: Subject;
  /**
   * Where the events prepared by earlier scores of the same lead are kept: a caller that
   * re-scores the same events (the collector's objects, on every ingestion) passes one so each
   * event is parsed and matched once. Without it, every call prepares every event.
   */
  cache?: PreparedCache;
}

/** {@link scoreVisitor} and {@link nextStageReviewAt} in one pass over the events. */
export function assessVisitor(
  events: readonly ScoringEvent[],
  model: ScoringModel,
  now: number,
  options?: AssessOptions,
): Assessment {
  const state = replay(events, model, now, options);
  const change = nextTimedChange(state.inputs, state.at, state.stage, model);
  return {
    qualification: qualificationOf(state, model),
    nextStageReviewAt: change?.at ?? null,
    engagement: { raw: Math.max(0, state.inputs.engagement.valueAt(state.at)), at: state.at },
    events: state.events,
  };
}
