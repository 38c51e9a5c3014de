/**
 * Two browser contexts (two people, or two browsers of one person without a shared login) are
 * two visitors: their own ids, their own events, their own qualification.
 */
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { useBrowser } from "../support/use-browser.ts";
import { Visitor } from "../support/visitor.ts";

const stack = inject("e2e");
const browser = useBrowser();
let reader: Visitor;
let evaluator: Visitor;

beforeAll(async () => {
  reader = await Visitor.open(browser(), stack);
  evaluator = await Visitor.open(browser(), stack);
});
afterAll(async () => {
  await reader?.close();
  await evaluator?.close();
});

it("gives a second browser context its own visitor and qualification", async () => {
  await reader.visit(`${stack.siteUrl}/blog/freight-rfp-checklist/`);
  await evaluator.visit(`${stack.siteUrl}/case-studies/globex/`);
  await evaluator.visit(`${stack.siteUrl}/blog/carrier-scorecards/`);
  await evaluator.submitForm("#newsletter", { email: "ben@globex.test" });

  expect(evaluator.visitorId()).not.toBe(reader.visitorId());

  const evaluatorAnswer = await evaluator.expectQualification({
    stage: "iql",
    counts: { contentViews: 2, forms: 1 },
    identity: { email: "ben@globex.test" },
  });
  const readerAnswer = await reader.expectQualification({
    stage: "anonymous",
    intent: "awareness",
    counts: { contentViews: 1, forms: 0 },
  });
  expect(readerAnswer.identity.email).toBeUndefined();

  // Neither answer explains itself with the other visitor's events.
  const readerEventIds = new Set(reader.sent.events.map((event) => event.id));
  const evaluatorEventIds = new Set(evaluator.sent.events.map((event) => event.id));
  expect(readerAnswer.reasons.filter((reason) => reason.eventId && evaluatorEventIds.has(reason.eventId))).toEqual([]);
  expect(evaluatorAnswer.reasons.filter((reason) => reason.eventId && readerEventIds.has(reason.eventId))).toEqual([]);
});
