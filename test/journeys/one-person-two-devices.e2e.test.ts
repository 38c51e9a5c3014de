/**
 * One buyer on two devices: a phone reads (and signs up to the newsletter), a laptop compares
 * prices and asks for a demo with the same email. The qualification API shows one sales-qualified
 * person whose reasons name events from both browsers, and the person's company as an account.
 */
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { useBrowser } from "../support/use-browser.ts";
import { expectReasonFor, Visitor } from "../support/visitor.ts";

const stack = inject("e2e");
const browser = useBrowser();
let phone: Visitor;
let laptop: Visitor;

const EMAIL = "dana@umbrella-corp.test";

beforeAll(async () => {
  phone = await Visitor.open(browser(), stack);
  laptop = await Visitor.open(browser(), stack);
});
afterAll(async () => {
  await phone?.close();
  await laptop?.close();
});

it("joins two browsers that give one email into one SQL person, explained by both", async () => {
  const caseStudy = await phone.visit(`${stack.siteUrl}/case-studies/globex/`);
  await phone.visit(`${stack.siteUrl}/blog/carrier-scorecards/`);
  await phone.submitForm("#newsletter", { email: EMAIL });
  await phone.expectQualification({ stage: "iql", identity: { email: EMAIL } });

  const pricing = await laptop.visit(`${stack.siteUrl}/pricing/`);
  await laptop.visit(`${stack.siteUrl}/demo/`);
  const demo = await laptop.submitForm("#demo-request", {
    name: "Dana Ruiz",
    email: EMAIL.toUpperCase(),
    company: "Umbrella Corp",
    jobTitle: "Director of Operations",
    companySize: "800",
  });
  expect(laptop.visitorId()).not.toBe(phone.visitorId());

  // Either browser's id answers with the person: the phone identified first, so it is primary.
  const person = await laptop.expectQualification({
    stage: "sql",
    visitorId: phone.visitorId(),
    visitorIds: [phone.visitorId(), laptop.visitorId()],
    counts: { forms: 2, pricingViews: 1 },
    identity: { email: EMAIL, company: "Umbrella Corp", jobTitle: "Director of Operations" },
  });
  expect(await phone.expectQualification({ stage: "sql" })).toEqual(person);
  expectReasonFor(person, caseStudy, /content_view/);
  expectReasonFor(person, pricing, /pricing_view/);
  expectReasonFor(person, demo, /form_submit/);
  const byBrowser = new Set(person.reasons.map((reason) => reason.visitorId));
  expect(byBrowser).toEqual(new Set([phone.visitorId(), laptop.visitorId()]));

  // One lead in the listing (the index queue writes it a moment after the request), and the
  // company as a sales-qualified account.
  await expect
    .poll(
      async () =>
        (await laptop.api.GET("/v1/leads", { params: { query: { email: EMAIL } } })).data?.items.map(
          (item) => item.visitorIds,
        ),
      { timeout: 10_000 },
    )
    .toEqual([[phone.visitorId(), laptop.visitorId()]]);
  // People report to their account just after the request that changed them: poll (bounded).
  await expect
    .poll(
      async () =>
        (await laptop.api.GET("/v1/accounts/{domain}", { params: { path: { domain: "umbrella-corp.test" } } })).data,
      { timeout: 5_000 },
    )
    .toMatchObject({
      domain: "umbrella-corp.test",
      company: "Umbrella Corp",
      stage: "sqa",
      people: [{ visitorId: phone.visitorId(), email: EMAIL, stage: "sql" }],
    });
});
