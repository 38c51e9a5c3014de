/**
 * People: the union of a person's visitors' events replayed as one history, whatever the order
 * they arrive in, never a sum of scores; shared computers; strangers typing a lead's email.
 */
import { describe, expect, it } from "vitest";
import { DAY } from "../time.ts";
import type { TrackedEvent } from "../wire.ts";
import { normalizeEmail } from "./emails.ts";
import type { ScoringEvent } from "./events.ts";
import { Journey } from "./journey.ts";
import { defaultModel } from "./model.ts";
import { assessPerson, emailAt, emailTimeline, eventsByEmail, personEvents } from "./people.ts";
import { scoreVisitor } from "./score.ts";

const START = Date.UTC(2026, 2, 2, 9, 0);
const ceo = { email: "ceo@globex.test", name: "Carla Gómez", jobTitle: "CEO", company: "Globex", companySize: 500 };

/** A phone that reads three articles, then a laptop that asks for a demo the next day. */
function twoDevices() {
  const phone = new Journey({ start: START, visitor: 1, firstId: 1 });
  phone.view("/blog/abm");
  phone.view("/blog/lead-scoring");
  phone.view("/case-studies/acme");
  phone.form("newsletter", { intent: "newsletter", traits: { email: "Ceo@Globex.test " } });
  const laptop = new Journey({ start: START + DAY, visitor: 2, firstId: 1000 });
  laptop.pricing();
  laptop.form("demo-request", { intent: "demo", page: "/demo", traits: ceo });
  return { phone, laptop };
}

const NOW = START + 2 * DAY;

describe("people", () => {
  it("normalizes emails: trimmed and lower-cased", () => {
    expect(normalizeEmail("  Ana@Globex.COM ")).toBe("ana@globex.com");
  });

  it("scores the union of two devices as one lead, primary first", () => {
    const { phone, laptop } = twoDevices();
    const { qualification: q } = assessPerson(
      "ceo@globex.test",
      [...phone.events, ...laptop.events],
      defaultModel,
      NOW,
    )!;
    expect(q.visitorId).toBe(phone.visitorId);
    expect(q.visitorIds).toEqual([phone.visitorId, laptop.visitorId]);
    expect(q.counts).toMatchObject({ contentViews: 3, pricingViews: 1, forms: 2 });
    expect(q.stage).toBe("sql");
    // The phone's reading counts toward the laptop's stage, and each reason says whose it was.
    const visitorsOfReasons = new Set(q.reasons.map((reason) => reason.visitorId));
    expect(visitorsOfReasons).toEqual(new Set([phone.visitorId, laptop.visitorId]));
    expect(q.identity).toMatchObject({ jobTitle: "CEO", company: "Globex" });
  });

  it("keeps when the person was first seen when a browser with older history joins it", () => {
    const { phone, laptop } = twoDevices();
    // A browser that read for weeks before it gave the email: its reading counts, its past does not
    // make the person older (its first visit is the person's first touch: attribution is per visit).
    const old = new Journey({ start: START - 20 * DAY, visitor: 3, firstId: 5000 });
    const firstRead = old.view("/blog/abm?utm_source=old-campaign");
    old.wait(21);
    old.identify({ email: "ceo@globex.test" });
    const alone = assessPerson("ceo@globex.test", [...phone.events, ...laptop.events], defaultModel, NOW)!;
    const joined = assessPerson(
      "ceo@globex.test",
      [...phone.events, ...laptop.events, ...old.events],
      defaultModel,
      NOW,
    )!;
    expect(joined.qualification.firstSeen).toBe(alone.qualification.firstSeen);
    expect(joined.qualification.source?.first.at).toBe(new Date(firstRead.ts).toISOString());
    expect(joined.qualification.counts.contentViews).toBe(alone.qualification.counts.contentViews + 1);
    // The browser that gave the email first, however late its history starts, founds the person.
    const founded = assessPerson("ceo@globex.test", old.events, defaultModel, NOW)!;
    expect(founded.qualification.firstSeen).toBe(new Date(firstRead.ts).toISOString());
  });

  it("gives the same answer whatever order the events or the visitors arrive in", () => {
    const { phone, laptop } = twoDevices();
    const forward = assessPerson("ceo@globex.test", [...phone.events, ...laptop.events], defaultModel, NOW)!;
    const reversed = assessPerson(
      "ceo@globex.test",
      [...laptop.events].reverse().concat([...phone.events].reverse()),
      defaultModel,
      NOW,
    )!;
    expect(reversed).toEqual(forward);
  });

  it("counts an event delivered twice once, even under two visitors", () => {
    const { phone, laptop } = twoDevices();
    const once = assessPerson("ceo@globex.test", [...phone.events, ...laptop.events], defaultModel, NOW)!;
    const copy = { ...(phone.events[0] as TrackedEvent), visitorId: laptop.visitorId };
    const twice = assessPerson(
      "ceo@globex.test",
      [...phone.events, phone.events[0]!, copy, ...laptop.events],
      defaultModel,
      NOW,
    )!;
    expect(twice.qualification).toEqual(once.qualification);
    expect(personEvents([...phone.events, copy]).length).toBe(phone.events.length);
  });

  it("never sums: overlapping visitors score as one history, not 50 + 100", () => {
    // Both browsers read the same article on the same day: one view of it counts that day.
    const a = new Journey({ start: START, visitor: 1, firstId: 1 });
    const b = new Journey({ start: START, visitor: 2, firstId: 1000 });
    for (const j of [a, b]) {
      for (const path of ["/case-studies/a", "/case-studies/b", "/compare/x", "/whitepapers/y"]) j.view(path);
      j.download("/files/guide.pdf");
      j.pricing("/pricing");
      j.identify({ email: "lead@globex.test" });
    }
    b.pricing("/pricing", { after: 60 * 24 * 2 });
    b.form("newsletter", { traits: { email: "lead@globex.test" } });
    const ea = scoreVisitor(a.events, defaultModel, NOW).score.engagement;
    const eb = scoreVisitor(b.events, defaultModel, NOW).score.engagement;
    const person = assessPerson("lead@globex.test", [...a.events, ...b.events], defaultModel, NOW)!.qualification;
    expect(ea).toBeGreaterThan(40);
    expect(eb).toBeGreaterThan(ea);
    expect(person.score.engagement).toBeLessThan(Math.min(100, ea + eb));
    // The shared article views count once per URL and day, the file once ever.
    expect(person.counts.contentViews).toBe(4);
    expect(person.counts.downloads).toBe(1);
    // a adds a few points at most, not its 40-odd: caps (pricing views in a window too) hold for the union.
    expect(Math.abs(person.score.engagement - eb)).toBeLessThan(6);
  });

  it("a shared computer that switches email attributes later events to the new person", () => {
    const j = new Journey({ start: START, visitor: 3 });
    const before = j.view("/blog/abm");
    const first = j.form("newsletter", { traits: { email: "ana@globex.test" } });
    const anaReads = j.view("/case-studies/acme");
    const second = j.identify({ email: "BEA@globex.test" });
    const beaReads = j.view("/pricing");
    const back = j.identify({ email: "ana@globex.test" });
    const anaAgain = j.view("/compare/x");

    const timeline = emailTimeline([...j.events].reverse());
    expect(timeline.map((change) => change.email)).toEqual(["ana@globex.test", "bea@globex.test", "ana@globex.test"]);
    expect(emailAt(timeline, before)).toBe("ana@globex.test");
    expect(emailAt(timeline, second)).toBe("bea@globex.test");
    expect(emailAt(timeline, back)).toBe("ana@globex.test");

    const byEmail = eventsByEmail(j.events);
    const ids = (events: ScoringEvent[] | undefined) => events?.map((event) => event.id);
    expect(ids(byEmail.get("ana@globex.test"))).toEqual([before, first, anaReads, back, anaAgain].map((e) => e.id));
    expect(ids(byEmail.get("bea@globex.test"))).toEqual([second, beaReads].map((e) => e.id));
    expect(eventsByEmail(new Journey().view("/blog/x") && [])).toEqual(new Map());
  });

  it("a browser tied to the lead (its network) with contradicting traits neither lowers fit nor disqualifies: an identity_conflict reason", () => {
    const lead = new Journey({ start: START, visitor: 1, firstId: 1 });
    lead.view("/case-studies/acme");
    lead.form("demo-request", { intent: "demo", page: "/demo", traits: ceo });
    const alone = assessPerson("ceo@globex.test", lead.events, defaultModel, NOW)!.qualification;
    expect(alone.stage).toBe("sql");

    const stranger = new Journey({ start: START + 3_600_000, visitor: 9, firstId: 5000 });
    const forged = stranger.form("contact", {
      traits: { email: "ceo@globex.test", jobTitle: "Student", phone: "600" },
    });
    const q = assessPerson("ceo@globex.test", [...lead.events, ...stranger.events], defaultModel, NOW)!.qualification;
    expect(q.stage).toBe("sql");
    expect(q.identity.jobTitle).toBe("CEO");
    // A trait the lead never gave is filled in, so the phone adds fit; the title does not move it.
    expect(q.identity.phone).toBe("600");
    expect(q.score.fit).toBeGreaterThanOrEqual(alone.score.fit);
    expect(q.reasons.some((reason) => reason.kind === "disqualifier")).toBe(false);
    const conflict = q.reasons.find((reason) => reason.rule === "identity_conflict");
    expect(conflict).toMatchObject({ kind: "identity", trait: "jobTitle", points: 0, eventId: forged.id });
    expect(conflict?.visitorId).toBe(stranger.visitorId);
    expect(conflict?.note).toContain('"Student"');
    expect(conflict?.note).toContain('"CEO"');
  });

  it("the lead's own device may change its own traits", () => {
    const lead = new Journey({ start: START, visitor: 1 });
    lead.form("contact", { traits: { email: "ceo@globex.test", jobTitle: "Student" } });
    lead.identify({ email: "ceo@globex.test", jobTitle: "CEO" });
    const q = assessPerson("ceo@globex.test", lead.events, defaultModel, NOW)!.qualification;
    expect(q.identity.jobTitle).toBe("CEO");
    expect(q.reasons.some((reason) => reason.rule === "identity_conflict")).toBe(false);
  });

  it("a visitor alone scores as it always did", () => {
    const { phone } = twoDevices();
    const person = assessPerson("ceo@globex.test", phone.events, defaultModel, NOW)!.qualification;
    expect(person).toEqual(scoreVisitor(phone.events, defaultModel, NOW));
    expect(person.visitorIds).toEqual([phone.visitorId]);
  });
});
