/**
 * The five stage rules (shared/README.md, "How each stage is decided"), first match wins:
 * disqualified → sql → mql → iql → anonymous.
 *
 * {@link decideStage} is a function of a snapshot and the time, so the same rules classify the
 * visitor after every event (for `stageHistory`) and at `now`; {@link nextTimedChange} finds when
 * the stage would change with no new event (decay below a threshold, the pricing window closing).
 */
import { DAY } from "../time.ts";
import type { DecayingSum } from "./decay.ts";
import type { SalesOutcome } from "./events.ts";
import type { ScoringModel } from "./model.ts";
import { round1 } from "./rounding.ts";
import type { QualificationStage } from "./stage-names.ts";

/** How the rule of a stage change that recycles a lead (sales rejected it) begins. */
export const RECYCLED_RULE = "recycled: sales rejected";

/** Everything the stage rules read, except engagement, which depends on the time. */
export interface StageInputs {
  identified: boolean;
  fit: number;
  /** A fit disqualifier that holds ("job title "Student" matches "student""), or null. */
  disqualifier: string | null;
  /** The latest sales feedback, or null. */
  sales: { outcome: SalesOutcome; at: number; reason: string | undefined } | null;
  /** A hand-raise came after sales' latest rejection (or there was no rejection and one exists). */
  handRaiseCounts: boolean;
  /** Raw decayed engagement. */
  engagement: DecayingSum;
  lastPricingViewAt: number | null;
  contentViews: number;
  sessions: number;
  downloads: number;
}

/** A stage and the rule that gave it, in words sales can read. */
export interface StageDecision {
  stage: QualificationStage;
  rule: string;
}

const format = (n: number) => String(round1(n));

/** Engagement at `t`, clamped to 0..max as the API shows it. */
export function engagementAt(inputs: StageInputs, t: number, model: ScoringModel): number {
  return Math.min(model.engagement.max, Math.max(0, inputs.engagement.valueAt(t)));
}

/** Which stage rule matched; {@link explain} turns it into words only when a change is recorded. */
type Verdict =
  | "disqualifier"
  | "salesDisqualified"
  | "salesAccepted"
  | "anonymous"
  | "sqlHandRaise"
  | "sqlEngagement"
  | "recycled"
  | "mqlEngagement"
  | "mqlContentViews"
  | "mqlSessions"
  | "mqlDownloads"
  | "iql";

const STAGE_OF: Record<Verdict, QualificationStage> = {
  disqualifier: "disqualified",
  salesDisqualified: "disqualified",
  salesAccepted: "sql",
  anonymous: "anonymous",
  sqlHandRaise: "sql",
  sqlEngagement: "sql",
  recycled: "mql",
  mqlEngagement: "mql",
  mqlContentViews: "mql",
  mqlSessions: "mql",
  mqlDownloads: "mql",
  iql: "iql",
};

/**
 * The stage rules, first match wins; thresholds on exact, unrounded values.
 * `explaining` only changes which MQL rule is named when several hold (engagement first, as the
 * README lists them); without it the count rules are tried first, which skips computing decay.
 */
function verdict(inputs: StageInputs, t: number, model: ScoringModel, explaining: boolean): Verdict {
  const { sql, mql } = model.stages;
  if (inputs.disqualifier) return "disqualifier";
  const outcome = inputs.sales?.outcome;
  if (outcome === "disqualified") return "salesDisqualified";
  if (outcome === "accepted") return "salesAccepted";
  if (!inputs.identified) return "anonymous";
  // After a rejection the lead needs a new hand-raise; until then neither SQL path is open.
  const recycled = outcome === "rejected" && !inputs.handRaiseCounts;
  if (!recycled && inputs.fit >= sql.minFit) {
    if (inputs.handRaiseCounts) return "sqlHandRaise";
    const pricingRecent =
      inputs.lastPricingViewAt !== null && t - inputs.lastPricingViewAt <= sql.pricingWindowDays * DAY;
    if (pricingRecent && engagementAt(inputs, t, model) >= sql.minEngagement) return "sqlEngagement";
  }
  if (recycled) return "recycled";
  if (explaining && engagementAt(inputs, t, model) >= mql.minEngagement) return "mqlEngagement";
  if (inputs.contentViews >= mql.minContentViews) return "mqlContentViews";
  if (inputs.sessions >= mql.minSessions) return "mqlSessions";
  if (inputs.downloads >= mql.minDownloads) return "mqlDownloads";
  if (!explaining && engagementAt(inputs, t, model) >= mql.minEngagement) return "mqlEngagement";
  return "iql";
}

function explain(v: Verdict, inputs: StageInputs, t: number, model: ScoringModel): string {
  const { sql, mql } = model.stages;
  const reason = inputs.sales?.reason;
  const engagement = format(engagementAt(inputs, t, model));
  switch (v) {
    case "disqualifier":
      return `disqualifier: ${inputs.disqualifier}`;
    case "salesDisqualified":
      return `sales disqualified${reason ? `: ${reason}` : ""}`;
    case "salesAccepted":
      return "sales accepted";
    case "anonymous":
      return "no email yet";
    case "sqlHandRaise":
      return `hand-raise with fit ${format(inputs.fit)} ≥ ${sql.minFit}`;
    case "sqlEngagement":
      return `engagement ${engagement} ≥ ${sql.minEngagement} with a pricing view in the last ${sql.pricingWindowDays} days, fit ${format(inputs.fit)} ≥ ${sql.minFit}`;
    case "recycled":
      return `${RECYCLED_RULE}${reason ? ` (${reason})` : ""}`;
    case "mqlEngagement":
      return `engagement ${engagement} ≥ ${mql.minEngagement}`;
    case "mqlContentViews":
      return `${inputs.contentViews} content views ≥ ${mql.minContentViews}`;
    case "mqlSessions":
      return `${inputs.sessions} sessions ≥ ${mql.minSessions}`;
    case "mqlDownloads":
      return `${inputs.downloads} download(s) ≥ ${mql.minDownloads}`;
    case "iql":
      return "identified";
  }
}

/** The stage at time `t`, without explaining it (cheap: called after every event). */
export function stageAt(inputs: StageInputs, t: number, model: ScoringModel): QualificationStage {
  return STAGE_OF[verdict(inputs, t, model, false)];
}

/** Applies the stage rules at time `t` and says which one matched. */
export function decideStage(inputs: StageInputs, t: number, model: ScoringModel): StageDecision {
  const v = verdict(inputs, t, model, true);
  return { stage: STAGE_OF[v], rule: explain(v, inputs, t, model) };
}

/** A stage change that happens with no new event. */
export interface TimedChange extends StageDecision {
  at: number;
  /** Why, for `stageHistory`: "decay: engagement below 70". */
  reason: string;
}

/**
 * The first stage change strictly after `from` that needs no new event, or null when the stage
 * holds forever. Only three things change with time alone: engagement crossing the SQL and MQL
 * thresholds on its way down (it only decays between events) and the pricing window closing, so
 * checking those instants in order is exact.
 */
export function nextTimedChange(
  inputs: StageInputs,
  from: number,
  current: QualificationStage,
  model: ScoringModel,
): TimedChange | null {
  const { sql, mql } = model.stages;
  const candidates: Array<{ at: number; reason: string }> = [];
  for (const threshold of new Set([sql.minEngagement, mql.minEngagement])) {
    if (threshold > model.engagement.max) continue;
    const at = inputs.engagement.firstTimeBelow(threshold, from);
    if (at !== null) candidates.push({ at, reason: `decay: engagement below ${threshold}` });
  }
  if (inputs.lastPricingViewAt !== null) {
    const at = inputs.lastPricingViewAt + sql.pricingWindowDays * DAY + 1;
    if (at > from) candidates.push({ at, reason: `pricing view older than ${sql.pricingWindowDays} days` });
  }
  candidates.sort((a, b) => a.at - b.at);
  for (const candidate of candidates) {
    if (stageAt(inputs, candidate.at, model) !== current)
      return { ...decideStage(inputs, candidate.at, model), ...candidate };
  }
  return null;
}

/**
 * True when the stage at `until` is still `current`. With no new event the stage can only fall
 * (engagement decays, the pricing window closes) and never climbs back, so an unchanged stage at
 * the end means no change on the way: a cheap test that skips {@link nextTimedChange} between
 * most consecutive events.
 */
export function holdsUntil(
  inputs: StageInputs,
  until: number,
  current: QualificationStage,
  model: ScoringModel,
): boolean {
  return stageAt(inputs, until, model) === current;
}
