import { describe, expect, it } from "vitest";
import type { TrackedEvent, Traits } from "../wire.ts";
import { IdentityBook, scoreFit } from "./fit.ts";
import { Journey } from "./journey.ts";
import { defaultModel } from "./model.ts";
import { prepareEvents } from "./prepared.ts";

function fitOf(...traitSets: Array<Traits & { email: string }>) {
  const j = new Journey();
  for (const traits of traitSets) j.identify(traits);
  const identity = new IdentityBook();
  for (const prepared of prepareEvents(j.events as TrackedEvent[], defaultModel)) identity.add(prepared);
  return { identity, result: scoreFit(identity, defaultModel), events: j.events };
}
const rules = (result: ReturnType<typeof scoreFit>) => result.receipts.map((r) => [r.rule, r.points]);

describe("fit rules", () => {
  it.each([
    [
      "a VP of a 200-person company with phone",
      { email: "ana@acme.test", jobTitle: "VP of Marketing", company: "Acme", companySize: 200, phone: "+34 600" },
      100,
    ],
    ["a business email only", { email: "ana@acme.test" }, 20],
    ["a free-mail address only", { email: "ana@gmail.com" }, 0],
    ["a Spanish senior title", { email: "ana@gmail.com", jobTitle: "Directora de Marketing" }, 30],
    ["a range that starts at 51", { email: "ana@gmail.com", companySize: "51-200" }, 25],
    ["a range that ends at 50", { email: "ana@gmail.com", companySize: "11-50" }, 0],
    ["a thousands separator", { email: "ana@gmail.com", companySize: "1.000+" }, 25],
    ["thousands as k", { email: "ana@gmail.com", companySize: "2.5k" }, 25],
    ["an upper bound only", { email: "ana@gmail.com", companySize: "< 50" }, 0],
    ["an upper bound in words", { email: "ana@gmail.com", companySize: "menos de 100" }, 0],
    ["a size without a number", { email: "ana@gmail.com", companySize: "small" }, 0],
    ["a non-senior title", { email: "ana@gmail.com", jobTitle: "Marketing Analyst" }, 0],
    ["a subdomain of a free-mail domain", { email: "ana@mail.yahoo.com" }, 0],
  ] as const)("%s", (_, traits, fit) => {
    expect(fitOf(traits).result.fit).toBe(fit);
  });

  it("names each rule, the trait it read and the event that set it", () => {
    const { result, events } = fitOf(
      { email: "ana@acme.test" },
      { email: "ana@acme.test", jobTitle: "Head of Growth" },
    );
    expect(rules(result)).toEqual([
      ["fit:business_email", 20],
      ["fit:senior_title", 30],
    ]);
    expect(result.receipts[0]).toMatchObject({ trait: "email", eventId: events[1]!.id });
    expect(result.receipts[1]).toMatchObject({
      trait: "jobTitle",
      eventId: events[1]!.id,
      note: 'job title "Head of Growth" matches "head of"',
    });
  });

  it("a later trait replaces an earlier one", () => {
    const { result, identity } = fitOf(
      { email: "ana@acme.test", jobTitle: "Intern" },
      { email: "ana@acme.test", jobTitle: "CMO" },
    );
    expect(identity.traits.jobTitle).toBe("CMO");
    expect(result.disqualifiers).toEqual([]);
    expect(result.fit).toBe(50);
  });

  it.each([
    ["a student", { email: "ana@uni.test", jobTitle: "Student" }, "disqualifier:job_title"],
    ["an intern", { email: "ana@acme.test", jobTitle: "Marketing Intern" }, "disqualifier:job_title"],
    ["a becaria", { email: "ana@acme.test", jobTitle: "Becaria de marketing" }, "disqualifier:job_title"],
    ["a competitor", { email: "spy@competitor.test" }, "disqualifier:competitor_domain"],
  ] as const)("disqualifies %s", (_, traits, rule) => {
    expect(fitOf(traits).result.disqualifiers.map((d) => d.rule)).toEqual([rule]);
  });

  it("does not mistake words that contain a pattern", () => {
    expect(fitOf({ email: "ana@acme.test", jobTitle: "International Sales Director" }).result.disqualifiers).toEqual(
      [],
    );
  });

  it("a lead is identified once it gave an email", () => {
    const j = new Journey();
    j.form("search", { traits: { name: "Ana" } });
    const identity = new IdentityBook();
    identity.add(prepareEvents([j.events[0] as TrackedEvent], defaultModel)[0]!);
    expect(identity.identified).toBe(false);
    j.form("newsletter", { traits: { email: "ana@acme.test" } });
    identity.add(prepareEvents([j.events[1] as TrackedEvent], defaultModel)[0]!);
    expect(identity.identified).toBe(true);
  });
});
