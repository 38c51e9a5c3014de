/**
 * The demo site itself: every page loads the tracker and is tagged with its funnel stage, the
 * ROI calculator sends a custom event through `embudo.track()`, and the careers page lowers
 * the visitor's engagement.
 */
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { useBrowser } from "../support/use-browser.ts";
import { Visitor } from "../support/visitor.ts";

const stack = inject("e2e");
const browser = useBrowser();
let visitor: Visitor;

/** Every page of the demo site and the stage it serves. */
const PAGES: [path: string, stage: string][] = [
  ["/", "awareness"],
  ["/blog/", "awareness"],
  ["/blog/freight-rfp-checklist/", "awareness"],
  ["/blog/carrier-scorecards/", "awareness"],
  ["/case-studies/globex/", "evaluation"],
  ["/compare/acme-vs-spreadsheets/", "evaluation"],
  ["/whitepapers/freight-procurement-playbook/", "evaluation"],
  ["/tools/roi-calculator/", "evaluation"],
  ["/pricing/", "decision"],
  ["/demo/", "decision"],
  ["/careers/", "awareness"],
];

beforeAll(async () => {
  visitor = await Visitor.open(browser(), stack);
});
afterAll(() => visitor?.close());

it("tags every page with its stage, and each view carries it", async () => {
  for (const [path, stage] of PAGES) {
    const view = await visitor.visit(`${stack.siteUrl}${path}`);
    expect(view, path).toMatchObject({ type: path === "/pricing/" ? "pricing_view" : "content_view", stage });
  }
});

it("sends the ROI calculator's custom event with embudo.track()", async () => {
  await visitor.visit(`${stack.siteUrl}/tools/roi-calculator/`);
  await visitor.page.click('#roi [type="submit"]');
  const custom = await visitor.sent.waitFor("roi_calculated event", (event) => event.type === "custom");
  expect(custom).toMatchObject({
    name: "roi_calculated",
    stage: "evaluation",
    props: { loads: 5000, hours: 120, hoursSaved: 192 },
  });
  // The calculator's own form is marked data-embudo-ignore: no form_submit for it.
  expect(visitor.sent.events.filter((event) => event.type === "form_submit")).toEqual([]);
});

it("lowers engagement for the careers page", async () => {
  const careers = visitor.sent.events.find((event) => event.url === `${stack.siteUrl}/careers/`)!;
  const answer = await visitor.expectQualification({ stage: "anonymous", counts: { pricingViews: 1 } });
  const penalty = answer.reasons.find((reason) => reason.eventId === careers.id);
  expect(penalty?.rule).toMatch(/career|job/);
  expect(penalty?.points).toBeLessThan(0);
});
