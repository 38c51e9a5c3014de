import { describe, expect, it } from "vitest";
import { DAY } from "../time.ts";
import { DecayingSum } from "./decay.ts";
import { defaultModel as model } from "./model.ts";
import { decideStage, nextTimedChange, type StageInputs } from "./stages.ts";

const T = Date.UTC(2026, 2, 2);

function inputs(overrides: Partial<StageInputs> & { points?: number } = {}): StageInputs {
  const engagement = new DecayingSum(model.engagement.halfLifeDays * DAY);
  if (overrides.points) engagement.add(overrides.points, T);
  const { points: _, ...rest } = overrides;
  return {
    identified: true,
    fit: 0,
    disqualifier: null,
    sales: null,
    handRaiseCounts: false,
    engagement,
    lastPricingViewAt: null,
    contentViews: 0,
    sessions: 1,
    downloads: 0,
    ...rest,
  };
}

describe("stage rules, first match wins", () => {
  it.each([
    ["anonymous without an email", { identified: false, points: 90 }, "anonymous", "no email yet"],
    ["iql when identified only", {}, "iql", "identified"],
    ["mql at engagement 30", { points: 30 }, "mql", "engagement 30 ≥ 30"],
    ["mql with 3 content views", { contentViews: 3 }, "mql", "3 content views ≥ 3"],
    ["mql with 2 sessions", { sessions: 2 }, "mql", "2 sessions ≥ 2"],
    ["mql with a download", { downloads: 1 }, "mql", "1 download(s) ≥ 1"],
    ["sql with a hand-raise and fit 50", { handRaiseCounts: true, fit: 50 }, "sql", "hand-raise with fit 50 ≥ 50"],
    ["not sql with a hand-raise and fit 45", { handRaiseCounts: true, fit: 45 }, "iql", "identified"],
    [
      "sql with engagement 70 and a pricing view 14 days ago",
      { points: 70, fit: 60, lastPricingViewAt: T - 14 * DAY },
      "sql",
      "engagement 70 ≥ 70 with a pricing view in the last 14 days, fit 60 ≥ 50",
    ],
    [
      "mql with engagement 70 and an older pricing view",
      { points: 70, fit: 60, lastPricingViewAt: T - 14 * DAY - 1 },
      "mql",
      "engagement 70 ≥ 30",
    ],
    [
      "disqualified before anything else",
      { disqualifier: 'job title "Student" matches "student"', handRaiseCounts: true, fit: 90 },
      "disqualified",
      'disqualifier: job title "Student" matches "student"',
    ],
    [
      "disqualified by sales",
      { sales: { outcome: "disqualified", at: T, reason: "no budget" }, fit: 90, handRaiseCounts: true },
      "disqualified",
      "sales disqualified: no budget",
    ],
    ["sql when sales accepted", { sales: { outcome: "accepted", at: T, reason: undefined } }, "sql", "sales accepted"],
    [
      "mql when sales rejected, even with strong engagement",
      { sales: { outcome: "rejected", at: T, reason: "not ready" }, fit: 90, points: 95, lastPricingViewAt: T },
      "mql",
      "recycled: sales rejected (not ready)",
    ],
    [
      "sql after a hand-raise that follows a rejection",
      { sales: { outcome: "rejected", at: T, reason: "not ready" }, fit: 90, handRaiseCounts: true },
      "sql",
      "hand-raise with fit 90 ≥ 50",
    ],
  ] as const)("%s", (_, overrides, stage, rule) => {
    expect(decideStage(inputs(overrides as Partial<StageInputs>), T, model)).toEqual({ stage, rule });
  });
});

describe("timed changes", () => {
  it("an engagement SQL turns MQL when decay takes it below 70", () => {
    const state = inputs({ points: 75, fit: 60, lastPricingViewAt: T });
    const change = nextTimedChange(state, T, "sql", model)!;
    expect(change).toMatchObject({ stage: "mql", reason: "decay: engagement below 70" });
    expect(change.at - T).toBeCloseTo(30 * DAY * Math.log2(75 / 70), -1);
  });

  it("the pricing window can close first", () => {
    const state = inputs({ points: 100, fit: 60, lastPricingViewAt: T });
    expect(nextTimedChange(state, T, "sql", model)).toMatchObject({
      stage: "mql",
      at: T + 14 * DAY + 1,
      reason: "pricing view older than 14 days",
    });
  });

  it("an engagement MQL turns IQL below 30; nothing changes for a count-based MQL", () => {
    expect(nextTimedChange(inputs({ points: 40 }), T, "mql", model)).toMatchObject({
      stage: "iql",
      reason: "decay: engagement below 30",
    });
    expect(nextTimedChange(inputs({ points: 40, contentViews: 3 }), T, "mql", model)).toBeNull();
  });
});
