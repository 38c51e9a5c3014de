/**
 * The single-page app uses the ESM build: `init()` records the first screen, and every
 * `history.pushState` navigation to a new path (and going back) is a view of its own, with the
 * new screen's title and stage; `track()` sends a custom event.
 */
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { useBrowser } from "../support/use-browser.ts";
import { expectReasonFor, Visitor } from "../support/visitor.ts";

const stack = inject("e2e");
const browser = useBrowser();
let visitor: Visitor;

beforeAll(async () => {
  visitor = await Visitor.open(browser(), stack);
});
afterAll(() => visitor?.close());

it("counts an SPA navigation as a view", async () => {
  const home = await visitor.visit(`${stack.spaUrl}/`);
  expect(home).toMatchObject({ type: "content_view", stage: "awareness" });
  await expect.poll(() => visitor.page.locator("#visitor-id").textContent()).toBe(visitor.visitorId());

  // A marker on the window: it survives navigation only if no page load happened.
  await visitor.page.evaluate(() => Object.assign(window, { sameDocument: true }));
  await visitor.page.click('nav a[href="/guides/lane-data"]');
  const guide = await visitor.sent.waitFor(
    "view of the guide",
    (event) => event.url === `${stack.spaUrl}/guides/lane-data`,
  );
  expect(guide).toMatchObject({ type: "content_view", stage: "awareness", title: expect.stringMatching(/^Guide/) });

  await visitor.page.click('nav a[href="/pricing"]');
  const pricing = await visitor.sent.waitFor("view of pricing", (event) => event.url === `${stack.spaUrl}/pricing`);
  expect(pricing).toMatchObject({ type: "pricing_view", stage: "decision" });

  await visitor.page.click("#start-trial");
  const trial = await visitor.sent.waitFor("free_trial event", (event) => event.type === "custom");
  expect(trial).toMatchObject({ type: "custom", name: "free_trial", props: { plan: "team" } });

  // Back (popstate) is a navigation too; the guide's second view today scores nothing more.
  await visitor.page.goBack();
  const guideAgain = await visitor.sent.waitFor(
    "view of the guide after going back",
    (event) => event.url === `${stack.spaUrl}/guides/lane-data` && event.id !== guide.id,
  );
  expect(guideAgain.type).toBe("content_view");

  expect(await visitor.page.evaluate(() => "sameDocument" in window), "the views came from navigation alone").toBe(
    true,
  );
  const answer = await visitor.expectQualification({
    stage: "anonymous",
    counts: { contentViews: 2, pricingViews: 1 },
  });
  expectReasonFor(answer, guide, /content|view/);
  expectReasonFor(answer, pricing, /pricing/);
  expectReasonFor(answer, trial, /free_trial/);
});
