import { describe, expect, it } from "vitest";
import type { TrackedEvent } from "../wire.ts";
import { EngagementLedger } from "./engagement.ts";
import { Journey } from "./journey.ts";
import { defaultModel, parseScoringModel } from "./model.ts";
import { prepareEvents } from "./prepared.ts";

/** Runs a journey's tracked events through a ledger. */
function ledgerOf(journey: Journey, model = defaultModel): EngagementLedger {
  const ledger = new EngagementLedger(model);
  for (const prepared of prepareEvents(journey.events as TrackedEvent[], model)) ledger.add(prepared);
  return ledger;
}
const points = (ledger: EngagementLedger) => ledger.receipts.map((r) => [r.rule, r.basePoints, r.stage]);

describe("engagement rules", () => {
  it("weights content views by their stage: the page's meta tag first, then the model's URL rules", () => {
    const j = new Journey();
    j.view("/blog/abm");
    j.view("/case-studies/acme");
    j.view("/security/");
    j.view("/about");
    j.view("/blog/tagged-deeper", { stage: "decision" });
    expect(points(ledgerOf(j))).toEqual([
      ["content_view", 3, "awareness"],
      ["content_view", 6, "evaluation"],
      ["content_view", 9, "decision"],
      ["content_view", 3, null],
      ["content_view", 9, "decision"],
    ]);
  });

  it("counts the same URL once a day (query and fragment ignored) and at most 10 views a day", () => {
    const j = new Journey();
    for (let i = 0; i < 5; i++) j.view(`/blog/abm?utm_source=${i}#top`);
    for (let i = 0; i < 50; i++) j.view(`/blog/post-${i}`);
    const ledger = ledgerOf(j);
    expect(ledger.counts.contentViews).toBe(10);
    expect(ledger.receipts.reduce((sum, r) => sum + r.basePoints, 0)).toBe(30);
    j.wait(1).view("/blog/abm");
    expect(ledgerOf(j).counts.contentViews).toBe(11);
  });

  it("scores each file once, with the link's stage, else the file's path, else the page's", () => {
    const j = new Journey();
    j.download("/files/guide.pdf", { stage: "evaluation" });
    j.download("/files/guide.pdf?v=2", { stage: "evaluation" });
    j.download("/whitepapers/abm.pdf");
    j.download("/files/price-list.pdf", { from: "/pricing/" });
    j.download("/files/logo.zip");
    const ledger = ledgerOf(j);
    expect(points(ledger)).toEqual([
      ["download", 16, "evaluation"],
      ["download", 16, "evaluation"],
      ["download", 24, "decision"],
      ["download", 8, null],
    ]);
    expect(ledger.counts.downloads).toBe(4);
    expect(ledger.receipts[0]!.note).toBe("download guide.pdf (evaluation ×2)");
  });

  it("scores pricing views at most twice in 7 days, but counts every one", () => {
    const j = new Journey();
    j.pricing();
    j.pricing();
    j.pricing();
    j.wait(6).pricing();
    j.wait(1).pricing();
    const ledger = ledgerOf(j);
    expect(points(ledger).filter(([rule]) => rule === "pricing_view")).toEqual([
      ["pricing_view", 15, "decision"],
      ["pricing_view", 15, "decision"],
      ["pricing_view", 15, "decision"], // a week after the first two
    ]);
    expect(ledger.counts.pricingViews).toBe(5);
    expect(ledger.lastPricingViewAt).toBe(j.now);
  });

  it("gives a form 20 the first time and 5 after; hand-raise forms are decision stage", () => {
    const j = new Journey();
    j.form("newsletter", { page: "/blog/abm" });
    j.form("newsletter", { page: "/blog/abm" });
    j.form("demo-form", { intent: "demo", page: "/blog/abm" });
    const ledger = ledgerOf(j);
    expect(points(ledger)).toEqual([
      ["form_submit", 20, "awareness"],
      ["form_submit", 5, "awareness"],
      ["form_submit", 20, "decision"],
    ]);
    expect(ledger.counts.forms).toBe(3);
    expect(ledger.lastHandRaise).toMatchObject({ what: "form_submit demo" });
  });

  it("scores custom events from the model's table; unlisted names score nothing", () => {
    const j = new Journey();
    j.custom("video_played");
    j.custom("demo_request");
    const ledger = ledgerOf(j);
    expect(points(ledger)).toEqual([["custom:demo_request", 30, "decision"]]);
    expect(ledger.lastHandRaise).toMatchObject({ what: "demo_request" });
  });

  it("gives a return visit 5 points for a new session on a later UTC day, once a day", () => {
    const j = new Journey({ start: Date.UTC(2026, 2, 2, 23, 40) });
    j.view("/a");
    j.view("/b", { after: 25 }); // 00:06 next day, same session: no return visit
    j.view("/c", { after: 45 }); // new session, same day as the previous session's end
    j.wait(0, 3).view("/d"); // new session, same day
    j.wait(1).view("/e"); // new session on a later day
    j.view("/f", { after: 120 }); // another session that day: no second bonus
    const ledger = ledgerOf(j);
    expect(ledger.counts.sessions).toBe(5);
    expect(ledger.receipts.filter((r) => r.rule === "return_visit")).toHaveLength(1);
  });

  it("takes 10 points for a careers page, once, and does not count it as content", () => {
    const j = new Journey();
    j.view("/blog/abm");
    j.view("/careers");
    j.view("/es/careers/engineer");
    j.view("/jobs-to-be-done-explained"); // a path that merely starts like a careers page
    const ledger = ledgerOf(j);
    expect(points(ledger)).toEqual([
      ["content_view", 3, "awareness"],
      ["careers_page", -10, null],
      ["content_view", 3, null],
    ]);
    expect(ledger.counts.contentViews).toBe(2);
  });

  it("follows the model: new URL rules re-tag old events", () => {
    const j = new Journey();
    j.view("/recursos/ebook");
    const model = structuredClone(defaultModel);
    model.contentStages.urlRules.unshift({ pathContains: "/recursos/", stage: "evaluation" });
    expect(points(ledgerOf(j))).toEqual([["content_view", 3, null]]);
    expect(points(ledgerOf(j, parseScoringModel(model)))).toEqual([["content_view", 6, "evaluation"]]);
  });
});
