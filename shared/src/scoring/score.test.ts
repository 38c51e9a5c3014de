/**
 * The journeys of the source articles (seeds/), scored end to end. Each row says what the visitor
 * did and what marketing and sales should read: stage, scores, receipts and stage history.
 */
import { describe, expect, it } from "vitest";
import { DAY } from "../time.ts";
import type { Traits } from "../wire.ts";
import { Journey } from "./journey.ts";
import { defaultModel, parseScoringModel, type ScoringModel } from "./model.ts";
import { type Qualification, qualificationSchema } from "./qualification.ts";
import { assessVisitor, nextStageReviewAt, scoreVisitor } from "./score.ts";

const ana: Traits & { email: string } = {
  email: "ana@acme.test",
  name: "Ana García",
  company: "Acme",
  jobTitle: "VP of Marketing",
  companySize: 200,
};
const student: Traits & { email: string } = {
  email: "ana.perez@gmail.com",
  name: "Ana Pérez",
  company: "Universidad de Sevilla",
  jobTitle: "Student",
};

/** The articles' SQL: evaluation content, then a demo request. */
function readsEvaluationThenAsksForDemo(j: Journey, traits: Traits) {
  j.view("/case-studies/acme");
  j.view("/compare/embudo-vs-spreadsheets");
  j.form("demo-request", { intent: "demo", page: "/demo", traits });
}

/** Newsletter sign-up, four case studies, a whitepaper and the pricing page: 75 points, no hand-raise. */
function engagedWithPricing(j: Journey) {
  j.form("newsletter", {
    intent: "newsletter",
    page: "/blog/abm",
    traits: { ...ana, jobTitle: "Head of Marketing", companySize: "51-200" },
  });
  for (const slug of ["a", "b", "c", "d"]) j.view(`/case-studies/${slug}`);
  j.download("/whitepapers/roi.pdf");
  j.pricing();
}

interface Expected {
  stage: Qualification["stage"];
  engagement: number;
  fit: number;
  byStage: [awareness: number, evaluation: number, decision: number];
  intent: Qualification["intent"];
  /** [rule, points] of every reason, in order. */
  reasons: Array<[string, number]>;
  /** [stage, reason] of every change, in order. */
  history: Array<[string, string]>;
}

interface Row {
  journey: string;
  build: (j: Journey) => void;
  /** Days between the last event and the scoring time. */
  scoredAfterDays?: number;
  model?: ScoringModel;
  expected: Expected;
}

const views = (points: number, n: number) =>
  Array.from({ length: n }, (): [string, number] => ["content_view", points]);

const rows: Row[] = [
  {
    journey: "a newsletter-only visitor is IQL",
    build: (j) => {
      j.view("/");
      j.form("newsletter", { intent: "newsletter", page: "/blog/abm", traits: { email: "ana@acme.test" } });
    },
    expected: {
      stage: "iql",
      engagement: 23,
      fit: 20,
      byStage: [20, 0, 0],
      intent: "awareness",
      reasons: [
        ["form_submit", 20],
        ["fit:business_email", 20],
        ["content_view", 3],
      ],
      history: [
        ["anonymous", "content_view /"],
        ["iql", "form_submit newsletter"],
      ],
    },
  },
  {
    journey: "three articles then a form is MQL",
    build: (j) => {
      j.view("/blog/que-es-un-mql");
      j.view("/blog/mql-vs-sql");
      j.view("/blog/lead-scoring");
      j.form("newsletter", { intent: "newsletter", page: "/blog/lead-scoring", traits: { email: "ana@acme.test" } });
    },
    expected: {
      stage: "mql",
      engagement: 29,
      fit: 20,
      byStage: [29, 0, 0],
      intent: "awareness",
      reasons: [["form_submit", 20], ["fit:business_email", 20], ...views(3, 3)],
      history: [
        ["anonymous", "content_view /blog/que-es-un-mql"],
        ["mql", "form_submit newsletter"],
      ],
    },
  },
  {
    journey: "a whitepaper download with a form is MQL",
    build: (j) => {
      j.view("/whitepapers/guia-abm");
      j.form("whitepaper-gate", { page: "/whitepapers/guia-abm", traits: { email: "ana@acme.test", name: "Ana" } });
      j.download("/files/guia-abm.pdf", { stage: "evaluation", from: "/whitepapers/guia-abm" });
    },
    expected: {
      stage: "mql",
      engagement: 42,
      fit: 20,
      byStage: [0, 42, 0],
      intent: "evaluation",
      reasons: [
        ["form_submit", 20],
        ["fit:business_email", 20],
        ["download", 16],
        ["content_view", 6],
      ],
      history: [
        ["anonymous", "content_view /whitepapers/guia-abm"],
        ["iql", "form_submit whitepaper-gate"],
        ["mql", "download guia-abm.pdf"],
      ],
    },
  },
  {
    journey: "an identified VP of a 200-person company who read evaluation content and asked for a demo is SQL",
    build: (j) => readsEvaluationThenAsksForDemo(j, ana),
    expected: {
      stage: "sql",
      engagement: 32,
      fit: 90,
      byStage: [0, 12, 20],
      intent: "decision",
      reasons: [
        ["fit:senior_title", 30],
        ["fit:company_size", 25],
        ["form_submit", 20],
        ["fit:business_email", 20],
        ["fit:company_named", 15],
        ...views(6, 2),
      ],
      history: [
        ["anonymous", "content_view /case-studies/acme"],
        ["sql", "form_submit demo"],
      ],
    },
  },
  {
    journey: "the same journey from a student with a free-mail address is disqualified",
    build: (j) => readsEvaluationThenAsksForDemo(j, student),
    expected: {
      stage: "disqualified",
      engagement: 32,
      fit: 15,
      byStage: [0, 12, 20],
      intent: "decision",
      reasons: [["form_submit", 20], ["fit:company_named", 15], ...views(6, 2), ["disqualifier:job_title", 0]],
      history: [
        ["anonymous", "content_view /case-studies/acme"],
        ["disqualified", "form_submit demo"],
      ],
    },
  },
  {
    journey: "strong engagement with a recent pricing view and a good fit is SQL without a hand-raise",
    build: engagedWithPricing,
    expected: {
      stage: "sql",
      engagement: 75,
      fit: 90,
      byStage: [20, 40, 15],
      intent: "evaluation",
      reasons: [
        ["fit:senior_title", 30],
        ["fit:company_size", 25],
        ["form_submit", 20],
        ["fit:business_email", 20],
        ["download", 16],
        ["pricing_view", 15],
        ["fit:company_named", 15],
        ...views(6, 4),
      ],
      history: [
        ["iql", "form_submit newsletter"],
        ["mql", "content_view /case-studies/b"],
        ["sql", "pricing_view /pricing"],
      ],
    },
  },
  {
    journey: "a careers-page visit takes points away",
    build: (j) => {
      j.view("/blog/a");
      j.view("/blog/b");
      j.view("/case-studies/x");
      j.view("/careers");
      j.view("/careers/frontend-engineer");
    },
    expected: {
      stage: "anonymous",
      engagement: 2,
      fit: 0,
      byStage: [6, 6, 0],
      intent: "evaluation",
      reasons: [
        ["careers_page", -10],
        ["content_view", 6],
        ["content_view", 3],
        ["content_view", 3],
      ],
      history: [["anonymous", "content_view /blog/a"]],
    },
  },
  {
    journey: "points halve after 30 days",
    build: (j) => {
      j.form("newsletter", { intent: "newsletter", traits: { email: "ana@acme.test" } });
      j.download("/whitepapers/guia.pdf");
    },
    scoredAfterDays: 30,
    expected: {
      stage: "mql", // a download keeps the lead an MQL while its points decay
      engagement: 18,
      fit: 20,
      byStage: [0, 8, 0],
      intent: "evaluation",
      reasons: [
        ["fit:business_email", 20],
        ["form_submit", 10],
        ["download", 8],
      ],
      history: [
        ["iql", "form_submit newsletter"],
        ["mql", "download guia.pdf"],
      ],
    },
  },
  {
    journey: "caps hold: 50 views in a day count as 10",
    build: (j) => {
      for (let i = 0; i < 50; i++) j.view(`/blog/post-${i}`, { after: 0.1 });
      for (let i = 0; i < 5; i++) j.pricing("/pricing", { after: 0.1 });
    },
    expected: {
      stage: "anonymous",
      engagement: 60,
      fit: 0,
      byStage: [30, 0, 30],
      intent: "decision",
      reasons: [["pricing_view", 15], ["pricing_view", 15], ...views(3, 10)],
      history: [["anonymous", "content_view /blog/post-0"]],
    },
  },
  {
    journey: "sales rejection sends an SQL back to MQL until a new hand-raise",
    build: (j) => {
      readsEvaluationThenAsksForDemo(j, ana);
      j.sales("rejected", "not ready");
      // Strong engagement and pricing would make an SQL, but the engagement path is closed now.
      for (const slug of ["a", "b", "c", "d"]) j.view(`/case-studies/${slug}`);
      j.download("/whitepapers/roi.pdf");
      j.pricing();
      j.pricing();
      j.custom("demo_request");
    },
    expected: {
      stage: "sql",
      engagement: 100,
      fit: 90,
      byStage: [0, 52, 80],
      intent: "decision",
      reasons: [
        ["custom:demo_request", 30],
        ["fit:senior_title", 30],
        ["fit:company_size", 25],
        ["form_submit", 20],
        ["fit:business_email", 20],
        ["download", 16],
        ["pricing_view", 15],
        ["pricing_view", 15],
        ["fit:company_named", 15],
        ...views(6, 6),
        ["sales:rejected", 0],
      ],
      history: [
        ["anonymous", "content_view /case-studies/acme"],
        ["sql", "form_submit demo"],
        ["mql", "sales rejected: not ready"],
        ["sql", "demo_request"],
      ],
    },
  },
];

function check(q: Qualification, expected: Expected) {
  expect(q.stage).toBe(expected.stage);
  expect(q.score).toEqual({
    engagement: expected.engagement,
    fit: expected.fit,
    byStage: { awareness: expected.byStage[0], evaluation: expected.byStage[1], decision: expected.byStage[2] },
  });
  expect(q.intent).toBe(expected.intent);
  expect(q.reasons.map((r) => [r.rule, r.points])).toEqual(expected.reasons);
  expect(q.stageHistory.map((c) => [c.stage, c.reason])).toEqual(expected.history);
  expect(q.stageHistory.at(-1)?.stage).toBe(q.stage);
}

describe("scoreVisitor: the articles' journeys", () => {
  it.each(rows)("$journey", ({ build, scoredAfterDays = 0, model = defaultModel, expected }) => {
    const j = new Journey();
    build(j);
    check(scoreVisitor(j.events, model, j.now + scoredAfterDays * DAY), expected);
  });

  it("explains each stage with the rule that matched", () => {
    const j = new Journey();
    engagedWithPricing(j);
    expect(scoreVisitor(j.events, defaultModel, j.now).stageHistory.map((c) => c.rule)).toEqual([
      "identified",
      "engagement 32 ≥ 30",
      "engagement 75 ≥ 70 with a pricing view in the last 14 days, fit 90 ≥ 50",
    ]);
  });

  it("receipts say the points before decay, the decay factor and the stage", () => {
    const j = new Journey();
    const download = j.download("/whitepapers/guia.pdf");
    const q = scoreVisitor(j.events, defaultModel, j.now + 30 * DAY);
    expect(q.reasons).toEqual([
      {
        rule: "download",
        points: 8,
        eventId: download.id,
        at: new Date(download.ts).toISOString(),
        kind: "engagement",
        stage: "evaluation",
        basePoints: 16,
        decay: 0.5,
        note: "download guia.pdf (evaluation ×2)",
      },
    ]);
    expect(scoreVisitor(j.events, defaultModel, j.now + 60 * DAY).score.engagement).toBe(4);
  });

  it("counts what counted, and reports identity and first/last seen", () => {
    const j = new Journey();
    readsEvaluationThenAsksForDemo(j, { ...ana, phone: "+34 600 000 000" });
    j.wait(1).view("/case-studies/acme");
    j.pricing();
    const q = scoreVisitor(j.events, defaultModel, j.now);
    expect(q.counts).toEqual({ sessions: 2, contentViews: 3, downloads: 0, pricingViews: 1, forms: 1 });
    expect(q.identity).toEqual({ ...ana, phone: "+34 600 000 000" });
    expect(q.reasons.find((r) => r.rule === "return_visit")).toMatchObject({ points: 5, stage: null });
    expect(q.score.fit).toBe(100);
    expect(q.firstSeen).toBe(new Date(j.events[0]!.ts).toISOString());
    expect(q.lastSeen).toBe(new Date(j.now).toISOString());
    expect(q.visitorId).toBe(j.visitorId);
    expect(q.model).toBe("default@2");
  });

  it("a return on a later day makes an identified lead MQL (2 sessions)", () => {
    const j = new Journey();
    j.form("newsletter", { intent: "newsletter", traits: { email: "ana@acme.test" } });
    j.wait(2).view("/about");
    const q = scoreVisitor(j.events, defaultModel, j.now);
    expect(q.stage).toBe("mql");
    expect(q.stageHistory.at(-1)).toMatchObject({
      stage: "mql",
      reason: "content_view /about",
      rule: "2 sessions ≥ 2",
    });
  });

  it("a competitor's email disqualifies whatever it does", () => {
    const j = new Journey();
    readsEvaluationThenAsksForDemo(j, { ...ana, email: "spy@competitor.test" });
    const q = scoreVisitor(j.events, defaultModel, j.now);
    expect(q.stage).toBe("disqualified");
    expect(q.reasons.find((r) => r.kind === "disqualifier")).toMatchObject({
      rule: "disqualifier:competitor_domain",
      trait: "email",
      note: "email domain competitor.test is a competitor",
    });
  });
});

describe("sales feedback", () => {
  it("accepted keeps an SQL an SQL while its engagement decays", () => {
    const j = new Journey();
    engagedWithPricing(j);
    j.sales("accepted");
    const q = scoreVisitor(j.events, defaultModel, j.now + 90 * DAY);
    expect(q.stage).toBe("sql");
    expect(q.score.engagement).toBe(9.4);
    expect(q.stageHistory.at(-1)).toMatchObject({ stage: "sql", reason: "pricing_view /pricing" });
    expect(q.reasons.at(-1)).toMatchObject({ rule: "sales:accepted", points: 0, kind: "sales" });
  });

  it("disqualified wins over a hand-raise until sales says otherwise", () => {
    const j = new Journey();
    readsEvaluationThenAsksForDemo(j, ana);
    j.sales("disqualified", "no budget");
    j.custom("demo_request");
    const q = scoreVisitor(j.events, defaultModel, j.now);
    expect(q.stage).toBe("disqualified");
    expect(q.stageHistory.at(-1)).toMatchObject({
      reason: "sales disqualified: no budget",
      rule: "sales disqualified: no budget",
    });
    j.sales("accepted", "budget approved");
    expect(scoreVisitor(j.events, defaultModel, j.now).stageHistory.at(-1)).toMatchObject({
      stage: "sql",
      reason: "sales accepted: budget approved",
    });
  });
});

describe("text in receipts", () => {
  it("shows paths as they were sent, so an encoded tag never comes back as markup", () => {
    const j = new Journey();
    j.view("/blog/%3Cimg%20src=x%20onerror=alert(1)%3E");
    j.download("/files/%3Cscript%3E.pdf", { stage: "evaluation" });
    const q = scoreVisitor(j.events, defaultModel, j.now);
    const text = JSON.stringify([q.reasons, q.stageHistory]);
    expect(text).not.toMatch(/[<>]/);
    expect(q.reasons.map((reason) => reason.note)).toEqual(
      expect.arrayContaining([
        "view /blog/%3cimg%20src=x%20onerror=alert(1)%3e (awareness ×1)",
        "download %3cscript%3e.pdf (evaluation ×2)",
      ]),
    );
  });

  it("still matches rules on the decoded path", () => {
    const model = parseScoringModel({
      ...defaultModel,
      id: "encoded@1",
      contentStages: { urlRules: [{ pathContains: "/guía/", stage: "evaluation" }] },
    });
    const j = new Journey();
    j.view("/es/gu%C3%ADa/lead-scoring");
    expect(scoreVisitor(j.events, model, j.now).reasons[0]).toMatchObject({ stage: "evaluation" });
  });
});

describe("the qualification's schema", () => {
  it("documents exactly what the engine answers: no field missing, none undeclared", () => {
    const j = new Journey();
    readsEvaluationThenAsksForDemo(j, ana);
    j.download("/files/guide.pdf", { stage: "evaluation" });
    j.identify({ email: "ana@student.rival.test", jobTitle: "Student" });
    j.sales("rejected", "not ready");
    const q = scoreVisitor(j.events, defaultModel, j.now + 3 * DAY);
    expect(new Set(q.reasons.map((reason) => reason.kind))).toEqual(
      new Set(["engagement", "fit", "disqualifier", "sales"]),
    );
    // Parsing strips undeclared keys and fails on missing or mistyped ones.
    expect(qualificationSchema.parse(q)).toEqual(q);
  });
});

describe("the model decides", () => {
  it("re-scoring the same events under a changed model changes the result, and the reasons say why", () => {
    const j = new Journey();
    j.view("/recursos/ebook-abm");
    j.view("/recursos/plantilla-okr");
    j.form("newsletter", { intent: "newsletter", traits: { email: "ana@acme.test" } });

    const before = scoreVisitor(j.events, defaultModel, j.now);
    check(before, {
      stage: "iql",
      engagement: 26,
      fit: 20,
      byStage: [0, 0, 0],
      intent: null,
      reasons: [["form_submit", 20], ["fit:business_email", 20], ...views(3, 2)],
      history: [
        ["anonymous", "content_view /recursos/ebook-abm"],
        ["iql", "form_submit newsletter"],
      ],
    });
    expect(before.reasons.at(-1)).toMatchObject({
      stage: null,
      basePoints: 3,
      note: "view /recursos/ebook-abm (untagged ×1)",
    });

    const acme = structuredClone(defaultModel);
    acme.id = "acme@2";
    acme.contentStages.urlRules.push({ pathContains: "/recursos/", stage: "evaluation" });
    const after = scoreVisitor(j.events, parseScoringModel(acme), j.now);
    check(after, {
      stage: "mql",
      engagement: 32,
      fit: 20,
      byStage: [0, 12, 0],
      intent: "evaluation",
      reasons: [["form_submit", 20], ["fit:business_email", 20], ...views(6, 2)],
      history: [
        ["anonymous", "content_view /recursos/ebook-abm"],
        ["mql", "form_submit newsletter"],
      ],
    });
    expect(after.model).toBe("acme@2");
    expect(after.reasons.at(-1)).toMatchObject({
      stage: "evaluation",
      basePoints: 6,
      note: "view /recursos/ebook-abm (evaluation ×2)",
    });
    expect(after.stageHistory.at(-1)?.rule).toBe("engagement 32 ≥ 30");
  });
});

describe("time", () => {
  it("an engagement SQL becomes MQL when decay takes it below 70, exactly at nextStageReviewAt", () => {
    const j = new Journey();
    engagedWithPricing(j);
    const review = nextStageReviewAt(j.events, defaultModel, j.now)!;
    expect((review - j.now) / DAY).toBeCloseTo(30 * Math.log2(75 / 70), 2);
    expect(scoreVisitor(j.events, defaultModel, review - 1).stage).toBe("sql");
    const later = scoreVisitor(j.events, defaultModel, review);
    expect(later.stage).toBe("mql");
    expect(later.score.engagement).toBe(70);
    expect(later.stageHistory.at(-1)).toEqual({
      stage: "mql",
      at: new Date(review).toISOString(),
      reason: "decay: engagement below 70",
      rule: "engagement 70 ≥ 30",
      eventId: null,
    });
    // The history replays the same change when scored long after, and then the next one.
    const muchLater = scoreVisitor(j.events, defaultModel, j.now + 60 * DAY);
    expect(muchLater.stageHistory.map((c) => [c.stage, c.reason]).slice(-2)).toEqual([
      ["sql", "pricing_view /pricing"],
      ["mql", "decay: engagement below 70"],
    ]);
    // The change an event made names it: the pricing view is the deciding event.
    const pricing = j.events.filter((event) => event.type === "pricing_view").at(-1)!;
    expect(muchLater.stageHistory.at(-2)!.eventId).toBe(pricing.id);
    expect(nextStageReviewAt(j.events, defaultModel, j.now + 60 * DAY)).toBeNull(); // 4 content views keep it MQL
  });

  it("the pricing window closing is a review time too", () => {
    const j = new Journey();
    engagedWithPricing(j);
    j.custom("video_watched"); // no points: the pricing view stays the latest
    const model = structuredClone(defaultModel);
    model.engagement.customEvents.webinar_attended = { points: 40, stage: "evaluation" };
    j.custom("webinar_attended");
    const { qualification, nextStageReviewAt: review } = assessVisitor(j.events, parseScoringModel(model), j.now);
    expect(qualification.stage).toBe("sql");
    expect(qualification.score.engagement).toBe(100);
    const pricingAt = j.events.find((e) => e.type === "pricing_view")!.ts;
    expect(review).toBe(pricingAt + 14 * DAY + 1);
    expect(scoreVisitor(j.events, parseScoringModel(model), review!).stageHistory.at(-1)).toMatchObject({
      stage: "mql",
      reason: "pricing view older than 14 days",
    });
  });

  it("a hand-raise SQL and an anonymous visitor have no review time", () => {
    const sql = new Journey();
    readsEvaluationThenAsksForDemo(sql, ana);
    expect(nextStageReviewAt(sql.events, defaultModel, sql.now)).toBeNull();
    const anonymous = new Journey();
    anonymous.pricing();
    expect(nextStageReviewAt(anonymous.events, defaultModel, anonymous.now)).toBeNull();
  });

  it("a `now` before the latest event is read as the latest event's time", () => {
    const j = new Journey();
    j.download("/whitepapers/guia.pdf");
    expect(scoreVisitor(j.events, defaultModel, j.now - DAY)).toEqual(scoreVisitor(j.events, defaultModel, j.now));
  });
});

describe("inputs", () => {
  it("events may arrive in any order: sorted by time, ties by id", () => {
    const j = new Journey();
    readsEvaluationThenAsksForDemo(j, ana);
    j.sales("rejected", "not ready");
    j.pricing("/pricing", { after: 0 });
    j.view("/blog/a", { after: 0 });
    const shuffled = [...j.events].reverse();
    expect(scoreVisitor(shuffled, defaultModel, j.now)).toEqual(scoreVisitor(j.events, defaultModel, j.now));
  });

  it("refuses an empty history", () => {
    expect(() => scoreVisitor([], defaultModel, Date.now())).toThrow(RangeError);
  });

  it("is pure: the same inputs give the same qualification, and the events are not changed", () => {
    const j = new Journey();
    engagedWithPricing(j);
    const events = [...j.events].reverse();
    const copy = structuredClone(events);
    const first = scoreVisitor(events, defaultModel, j.now);
    expect(scoreVisitor(events, defaultModel, j.now)).toEqual(first);
    expect(events).toEqual(copy);
  });
});
