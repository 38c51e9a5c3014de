import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { defaultModel, parseScoringModel, scoringModelJsonSchemaText, scoringModelSchema } from "./model.ts";

const modelFile = (name: string) => readFileSync(new URL(`../../model/${name}`, import.meta.url), "utf8");

describe("scoring model", () => {
  it("default@2 holds exactly the values the README lists", () => {
    const m = defaultModel;
    expect(m.id).toBe("default@2");
    expect(m.engagement.max).toBe(100);
    expect(m.engagement.halfLifeDays).toBe(30);
    expect(m.engagement.sessionTimeoutMinutes).toBe(30);
    expect(m.engagement.stageWeights).toEqual({ awareness: 1, evaluation: 2, decision: 3, untagged: 1 });
    expect(m.engagement.contentView).toEqual({ points: 3, sameUrlPerDay: 1, perDay: 10 });
    expect(m.engagement.download).toEqual({ points: 8, perFile: 1 });
    expect(m.engagement.pricingView).toEqual({ points: 15, perWindow: 2, windowDays: 7 });
    expect(m.engagement.formSubmit).toEqual({ firstPoints: 20, repeatPoints: 5 });
    expect(m.engagement.returnVisit).toEqual({ points: 5 });
    expect(m.engagement.careersPage.points).toBe(-10);
    expect(m.engagement.careersPage.times).toBe(1);
    expect(m.engagement.customEvents).toEqual({
      demo_request: { points: 30, stage: "decision" },
      free_trial: { points: 30, stage: "decision" },
      contact_sales: { points: 30, stage: "decision" },
    });
    expect(m.handRaise).toEqual({
      formIntents: ["demo", "trial", "contact"],
      customEvents: ["demo_request", "free_trial", "contact_sales"],
    });
    expect(m.fit.max).toBe(100);
    expect(m.fit.businessEmail.points).toBe(20);
    expect(m.fit.seniorTitle.points).toBe(30);
    expect(m.fit.companySize).toEqual({ points: 25, minEmployees: 50 });
    expect(m.fit.companyNamed.points).toBe(15);
    expect(m.fit.phone.points).toBe(10);
    expect(m.disqualifiers.titlePatterns).toEqual(expect.arrayContaining(["student", "intern"]));
    expect(m.accounts).toEqual({ memberCap: 40, mqa: { minEngagement: 60, minEngagedPeople: 2 } });
    expect(m.stages).toEqual({
      sql: { minFit: 50, minEngagement: 70, pricingWindowDays: 14 },
      mql: { minEngagement: 30, minContentViews: 3, minSessions: 2, minDownloads: 1 },
    });
    const rule = (path: string) => m.contentStages.urlRules.find((r) => r.pathContains === path)?.stage;
    expect(rule("/blog/")).toBe("awareness");
    expect(rule("/case-studies/")).toBe("evaluation");
    expect(rule("/pricing/")).toBe("decision");
  });

  it("default.json points its $schema at the committed JSON Schema", () => {
    expect(JSON.parse(modelFile("default.json")).$schema).toBe("./scoring-model.schema.json");
  });

  it("the committed JSON Schema is up to date (run `pnpm --filter @embudo/shared schema`)", () => {
    expect(modelFile("scoring-model.schema.json")).toBe(scoringModelJsonSchemaText());
  });

  // biome-ignore lint/suspicious/noExplicitAny: these tests break a model on purpose, past what its type allows
  type LooseModel = Record<string, any>;
  const copy = () => structuredClone(defaultModel) as LooseModel;
  it.each([
    ["an id without a version", (m: LooseModel) => (m.id = "default"), "id"],
    ["a typo in a key", (m: LooseModel) => (m.engagement.halfLifeDay = 30), "engagement"],
    ["a negative half-life", (m: LooseModel) => (m.engagement.halfLifeDays = -1), "engagement.halfLifeDays"],
    [
      "an unknown content stage",
      (m: LooseModel) => m.contentStages.urlRules.push({ pathContains: "/x/", stage: "middle" }),
      "contentStages.urlRules.22.stage",
    ],
    [
      "a URL rule that is not a path",
      (m: LooseModel) => m.contentStages.urlRules.push({ pathContains: "blog", stage: "awareness" }),
      "contentStages.urlRules.22.pathContains",
    ],
    [
      "an upper-case domain",
      (m: LooseModel) => m.disqualifiers.competitorDomains.push("Rival.com"),
      "disqualifiers.competitorDomains.1",
    ],
  ])("refuses %s", (_, change, path) => {
    const model = copy();
    change(model);
    const result = scoringModelSchema.safeParse(model);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toContain(path);
    expect(() => parseScoringModel(model)).toThrow();
  });

  it("accepts a changed model and keeps its id", () => {
    const model = copy();
    model.id = "acme@2";
    model.engagement.pricingView.points = 25;
    expect(parseScoringModel(model)).toMatchObject({ id: "acme@2", engagement: { pricingView: { points: 25 } } });
  });
});
