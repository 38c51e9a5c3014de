/**
 * One reader's journey down the funnel on the demo site, stage by stage, with the
 * qualification API checked after each step:
 * two awareness posts → anonymous (awareness) → newsletter → IQL → case study and whitepaper
 * → MQL → pricing and a demo request (VP at a 200-person company) → SQL, explained by reasons.
 */
import type { WireEvent } from "@embudo/shared";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { useBrowser } from "../support/use-browser.ts";
import { expectReasonFor, Visitor } from "../support/visitor.ts";

const { siteUrl, ...stack } = inject("e2e");
const browser = useBrowser();

describe("a reader who becomes a sales-qualified lead", () => {
  let ana: Visitor;
  let pricingView: WireEvent;
  let demoRequest: WireEvent;

  beforeAll(async () => {
    ana = await Visitor.open(browser(), { siteUrl, ...stack });
  });
  afterAll(() => ana?.close());

  it("is anonymous with awareness intent after two blog posts", async () => {
    const first = await ana.visit(`${siteUrl}/blog/freight-rfp-checklist/`);
    const second = await ana.visit(`${siteUrl}/blog/carrier-scorecards/`);
    for (const view of [first, second]) {
      expect(view).toMatchObject({ type: "content_view", stage: "awareness", automation: true });
    }
    // The id the page's API reports is the one its events carry.
    expect(
      await ana.page.evaluate(() => (window as unknown as { embudo: { visitorId(): string } }).embudo.visitorId()),
    ).toBe(ana.visitorId());

    const answer = await ana.expectQualification({
      stage: "anonymous",
      intent: "awareness",
      counts: { contentViews: 2 },
    });
    expect(answer.identity.email).toBeUndefined();
  });

  it("is an IQL after subscribing to the newsletter", async () => {
    const signup = await ana.submitForm("#newsletter", { email: "ana@acme-corp.test" });
    expect(signup).toMatchObject({
      type: "form_submit",
      intent: "newsletter",
      traits: { email: "ana@acme-corp.test" },
    });

    await ana.expectQualification({
      stage: "iql",
      counts: { contentViews: 2, forms: 1 },
      identity: { email: "ana@acme-corp.test" },
    });
  });

  it("is an MQL after the case study and the whitepaper", async () => {
    const caseStudy = await ana.visit(`${siteUrl}/case-studies/globex/`);
    expect(caseStudy).toMatchObject({ type: "content_view", stage: "evaluation" });
    await ana.page.click("#whitepaper-download");
    const download = await ana.sent.waitFor("whitepaper download", (event) => event.type === "download");
    expect(download).toMatchObject({ stage: "evaluation", href: `${siteUrl}/files/freight-procurement-playbook.pdf` });

    const answer = await ana.expectQualification({ stage: "mql", counts: { contentViews: 3, downloads: 1, forms: 1 } });
    expectReasonFor(answer, download, /download/);
  });

  it("is an SQL after the pricing page and a demo request, and the reasons say so", async () => {
    pricingView = await ana.visit(`${siteUrl}/pricing/`);
    expect(pricingView).toMatchObject({ type: "pricing_view", stage: "decision" });
    await ana.visit(`${siteUrl}/demo/`);
    demoRequest = await ana.submitForm("#demo-request", {
      name: "Ana Ruiz",
      email: "ana@acme-corp.test",
      company: "Acme Corp",
      jobTitle: "VP Marketing",
      companySize: "200",
    });
    expect(demoRequest).toMatchObject({
      type: "form_submit",
      intent: "demo",
      traits: { email: "ana@acme-corp.test", company: "Acme Corp", jobTitle: "VP Marketing", companySize: "200" },
    });

    const answer = await ana.expectQualification({
      stage: "sql",
      intent: "decision",
      counts: { pricingViews: 1, forms: 2, downloads: 1 },
      identity: { email: "ana@acme-corp.test", company: "Acme Corp", jobTitle: "VP Marketing" },
    });
    // Business email 20 + senior title 30 + 200 employees 25 + company named 15.
    expect(answer.score.fit).toBeGreaterThanOrEqual(50);
    expectReasonFor(answer, pricingView, /pricing/);
    expectReasonFor(answer, demoRequest, /demo|hand.?raise|form/);
    expect(answer.stageHistory.map((change) => change.stage)).toEqual(expect.arrayContaining(["iql", "mql", "sql"]));
  });

  it("is listed among the SQLs", async () => {
    // The listing is the leads index, which the index queue writes a moment after the request.
    await expect
      .poll(
        async () =>
          (await ana.api.GET("/v1/leads", { params: { query: { stage: "sql" } } })).data?.items.map(
            (lead) => lead.visitorId,
          ),
        { timeout: 10_000 },
      )
      .toContain(ana.visitorId());
  });
});
