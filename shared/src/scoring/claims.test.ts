/**
 * Claims: a browser that types a person's email without anything tying it to the person is kept
 * and shown, never scored, until a review confirms it; being first never wins a conflict for good.
 */
import { describe, expect, it } from "vitest";
import { DAY } from "../time.ts";
import { personMembers } from "./claims.ts";
import { Journey } from "./journey.ts";
import { defaultModel } from "./model.ts";
import { assessPerson, personEvents } from "./people.ts";

const START = Date.UTC(2026, 2, 2, 9, 0);
const NOW = START + 2 * DAY;
const EMAIL = "ceo@globex.test";
const ceo = { email: EMAIL, name: "Carla Gómez", jobTitle: "CEO", company: "Globex", companySize: 500 };

/** The buyer: reads, then asks for a demo, at home. */
function buyer(options: { start?: number; network?: string } = {}) {
  const journey = new Journey({ start: options.start ?? START, visitor: 1, firstId: 1, network: options.network });
  journey.view("/case-studies/acme");
  journey.pricing();
  journey.form("demo-request", { intent: "demo", page: "/demo", traits: ceo });
  return journey;
}

/** A stranger elsewhere who types the buyer's email into a form. */
function stranger(options: { start?: number; traits?: Record<string, string | number> } = {}) {
  const journey = new Journey({
    start: options.start ?? START + 3_600_000,
    visitor: 9,
    firstId: 5000,
    network: "elsewhere",
  });
  journey.view("/blog/urgent-call-me");
  journey.form("demo-request", {
    intent: "demo",
    page: "/demo",
    traits: { email: EMAIL, jobTitle: "Student", ...options.traits },
  });
  return journey;
}

const assess = (events: Journey[], reviews = [] as Parameters<typeof personMembers>[2]) =>
  assessPerson(
    EMAIL,
    events.flatMap((journey) => journey.events),
    defaultModel,
    NOW,
    { reviews },
  );

describe("claims", () => {
  it("keeps a stranger's claim out of the score: stage, fit, identity and reasons as if it never came", () => {
    const lead = buyer();
    const alone = assess([lead])!.qualification;
    const forger = stranger();
    const q = assess([lead, forger])!.qualification;
    expect({ ...q, claims: undefined }).toEqual({ ...alone, claims: undefined });
    expect(q.visitorIds).toEqual([lead.visitorId]);
    expect(q.claims).toEqual([
      {
        visitorId: forger.visitorId,
        claimedAt: new Date(forger.events[1]!.ts).toISOString(),
        status: "unconfirmed",
        traits: { email: EMAIL, jobTitle: "Student" },
        conflicts: ["jobTitle"],
      },
    ]);
  });

  it("cannot raise a quiet lead: a stranger's demo request leaves an IQL an IQL", () => {
    const lead = new Journey({ start: START, visitor: 1 });
    lead.form("newsletter", { intent: "newsletter", traits: { email: EMAIL } });
    expect(assess([lead])!.qualification.stage).toBe("iql");
    const forger = stranger({ traits: { jobTitle: "CEO", company: "Globex", companySize: 500 } });
    const q = assess([lead, forger])!.qualification;
    expect(q.stage).toBe("iql");
    expect(q.stageHistory.map((change) => change.stage)).toEqual(["iql"]);
    expect(q.claims?.[0]).toMatchObject({ status: "unconfirmed", conflicts: [] });
  });

  it("ties a second browser on the person's network, and a third through the second", () => {
    const phone = new Journey({ start: START, visitor: 1, firstId: 1, network: "home" });
    phone.form("newsletter", { intent: "newsletter", traits: { email: EMAIL } });
    const laptop = new Journey({ start: START + DAY, visitor: 2, firstId: 1000, network: "home" });
    laptop.identify({ email: EMAIL });
    // The laptop was also used at the office; the tablet claims from there.
    const office = new Journey({ start: START + DAY + 3_600_000, visitor: 2, firstId: 1500, network: "office" });
    office.view("/pricing");
    const tablet = new Journey({ start: START + DAY + 7_200_000, visitor: 3, firstId: 2000, network: "office" });
    tablet.form("demo-request", { intent: "demo", traits: ceo });
    const events = personEvents([...phone.events, ...laptop.events, ...office.events, ...tablet.events]);
    expect(personMembers(EMAIL, events)).toMatchObject({
      members: [phone.visitorId, laptop.visitorId, tablet.visitorId],
      claims: [],
    });
  });

  it("founds the person by arrival, not by event time: a claim dated earlier that arrives later takes nothing over", () => {
    const lead = buyer();
    // Dated a day before the buyer, sent a day after it.
    const forger = stranger({ start: START - DAY });
    for (const event of forger.events) Object.assign(event, { receivedAt: START + DAY });
    const { members, claims } = personMembers(EMAIL, personEvents([...lead.events, ...forger.events]));
    expect(members).toEqual([lead.visitorId]);
    expect(claims.map((claim) => claim.visitorId)).toEqual([forger.visitorId]);
  });

  it("lets sales settle a squatted email: confirm the buyer, reject the squatter, and the lead is the buyer's", () => {
    // The stranger came first, as a student: the person was founded by it.
    const squatter = stranger({ start: START - DAY });
    const lead = buyer({ network: "office" });
    const squatted = assess([squatter, lead])!.qualification;
    expect(squatted.visitorId).toBe(squatter.visitorId);
    expect(squatted.stage).toBe("disqualified");
    // The buyer's demo request is shown beside it, in conflict, and applied nowhere.
    expect(squatted.claims).toEqual([expect.objectContaining({ visitorId: lead.visitorId, conflicts: ["jobTitle"] })]);
    const settled = assess(
      [squatter, lead],
      [
        { visitorId: lead.visitorId, decision: "confirmed", at: NOW },
        { visitorId: squatter.visitorId, decision: "rejected", at: NOW },
      ],
    )!.qualification;
    expect(settled).toMatchObject({ visitorId: lead.visitorId, visitorIds: [lead.visitorId], stage: "sql" });
    expect(settled.identity.jobTitle).toBe("CEO");
    expect(settled.claims).toEqual([expect.objectContaining({ visitorId: squatter.visitorId, status: "rejected" })]);
  });

  it("takes a confirmed claim in beside the founder, and counts sales feedback given on any browser", () => {
    const lead = buyer();
    const tablet = stranger({ traits: { jobTitle: "CEO" } });
    const verdict = tablet.sales("disqualified", "not a buyer");
    const confirmed = assess([lead, tablet], [{ visitorId: tablet.visitorId, decision: "confirmed", at: NOW }])!;
    expect(confirmed.qualification.visitorIds).toEqual([lead.visitorId, tablet.visitorId]);
    expect(confirmed.qualification.claims).toBeUndefined();
    // Unconfirmed, its events are not scored, but sales' word on it is.
    const unconfirmed = assess([lead, tablet])!.qualification;
    expect(unconfirmed.stage).toBe("disqualified");
    expect(unconfirmed.reasons.some((reason) => reason.eventId === verdict.id)).toBe(true);
  });

  it("never hands a person on by arrival: a rejected founder leaves it to the browsers sales confirms", () => {
    const lead = buyer();
    const second = stranger();
    const third = new Journey({ start: START + 7_200_000, visitor: 10, firstId: 9000, network: "third" });
    third.identify({ email: EMAIL });
    const events = personEvents([...lead.events, ...second.events, ...third.events]);
    const rejected = personMembers(EMAIL, events, [
      { visitorId: lead.visitorId, decision: "rejected", at: NOW },
      { visitorId: third.visitorId, decision: "confirmed", at: NOW },
    ]);
    // The second to arrive is not promoted: only the confirmed third speaks for the person.
    expect(rejected.members).toEqual([third.visitorId]);
    expect(rejected.claims.map((claim) => [claim.visitorId, claim.status])).toEqual([
      [lead.visitorId, "rejected"],
      [second.visitorId, "unconfirmed"],
    ]);
  });

  it("keeps the founder on record: when its claim is gone (retention), the next to arrive founds nothing", () => {
    const lead = buyer();
    const forger = stranger();
    // The founder's events expired: only the stranger's claim is left.
    expect(personMembers(EMAIL, personEvents(forger.events), [], lead.visitorId).members).toEqual([]);
    expect(assessPerson(EMAIL, forger.events, defaultModel, NOW, { founder: lead.visitorId })).toBeNull();
    // Nor when the founder was reviewed: the record is kept apart from reviews.
    const rejected = [{ visitorId: lead.visitorId, decision: "rejected" as const, at: NOW }];
    expect(
      personMembers(EMAIL, personEvents([...lead.events, ...forger.events]), rejected, lead.visitorId).members,
    ).toEqual([]);
    // Without a record (a person from before it was kept), arrival decides.
    expect(personMembers(EMAIL, personEvents(forger.events)).members).toEqual([forger.visitorId]);
  });

  it("scores nothing when every claim was rejected", () => {
    const lead = buyer();
    expect(assess([lead], [{ visitorId: lead.visitorId, decision: "rejected", at: NOW }])).toBeNull();
  });

  it("takes the latest review of a browser", () => {
    const lead = buyer();
    const forger = stranger();
    const reviews = [
      { visitorId: forger.visitorId, decision: "confirmed" as const, at: NOW - 1 },
      { visitorId: forger.visitorId, decision: "rejected" as const, at: NOW },
    ];
    expect(personMembers(EMAIL, personEvents([...lead.events, ...forger.events]), reviews).claims).toEqual([
      expect.objectContaining({ status: "rejected" }),
    ]);
  });
});
