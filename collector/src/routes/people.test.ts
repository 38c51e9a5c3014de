/**
 * People through the real Worker and the typed client: visitors that give one email become one
 * lead, scored from the union of their events, whatever order they arrive in.
 */
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { WireEvent } from "@embudo/shared";
import { describe, expect, it } from "vitest";
import type { Schema } from "../../client/index.ts";
import {
  api,
  eventually,
  makeBatch,
  makeEvent,
  newClient,
  newId,
  postEvents,
  reviewClaim,
} from "../../test/requests.ts";
import { visitorStub } from "../objects/object-naming.ts";
import type { StoredEvent } from "../objects/stored-events.ts";
import type { VisitorObject } from "../objects/visitor/visitor-object.ts";
import { networkTag } from "../privacy/network.ts";

type Qualification = Schema<"Qualification">;

const DAY = 86_400_000;

async function qualification(visitorId: string): Promise<Qualification> {
  const { data, response } = await api.GET("/v1/visitors/{visitorId}", { params: { path: { visitorId } } });
  expect(response.status).toBe(200);
  return data!;
}

async function leadsWithEmail(email: string): Promise<Qualification[]> {
  const { data } = await api.GET("/v1/leads", { params: { query: { email } } });
  return data!.items;
}

/**
 * The network this file's buyers use: a person's browsers at home share it, which ties a second
 * browser to the person (`claims.ts`). A stranger sends from another (`newClient()`).
 */
const HOME = newClient();

async function send(events: WireEvent[], client = HOME): Promise<void> {
  const response = await postEvents(makeBatch(events), { client });
  expect(response.status).toBe(200);
  expect((await response.json()) as object).toMatchObject({ rejected: [] });
}

/** A unique email at `domain`, so tests never share a person. */
function emailAt(domain: string, name = "ana"): string {
  return `${name}.${newId().toLowerCase()}@${domain}`;
}

const identify = (visitorId: string, traits: Record<string, unknown>, overrides: Partial<WireEvent> = {}) =>
  makeEvent(visitorId, { type: "identify", traits, ...overrides } as Partial<WireEvent>);

const form = (visitorId: string, intent: string, traits: Record<string, unknown>, overrides: Partial<WireEvent> = {}) =>
  makeEvent(visitorId, {
    type: "form_submit",
    formId: `${intent}-form`,
    intent,
    url: `https://acme.test/${intent}`,
    traits,
    ...overrides,
  } as Partial<WireEvent>);

/** A phone reading three articles two days ago, and a laptop asking for a demo today. */
function twoDevices(email: string) {
  const phone = newId();
  const laptop = newId();
  const now = Date.now();
  const phoneEvents = [
    makeEvent(phone, { url: "https://acme.test/blog/abm", ts: now - 2 * DAY }),
    makeEvent(phone, { url: "https://acme.test/case-studies/globex", stage: "evaluation", ts: now - 2 * DAY + 60_000 }),
    makeEvent(phone, { url: "https://acme.test/compare/sheets", stage: "evaluation", ts: now - 2 * DAY + 120_000 }),
  ];
  const phoneIdentifies = identify(phone, { email }, { ts: now - DAY });
  const laptopEvents = [
    makeEvent(laptop, { type: "pricing_view", url: "https://acme.test/pricing", stage: undefined, ts: now - 60_000 }),
    form(laptop, "demo", { email: email.toUpperCase(), jobTitle: "VP Marketing", company: "Globex", companySize: 500 }),
  ];
  return { phone, laptop, phoneEvents, phoneIdentifies, laptopEvents };
}

describe("people", () => {
  it("two devices then one email are one person: union counts, every visitor answers with it", async () => {
    const email = emailAt("globex-people.test");
    const d = twoDevices(email);
    // The phone reads while anonymous: its own lead.
    await send(d.phoneEvents);
    expect((await qualification(d.phone)).stage).toBe("anonymous");
    await send(d.laptopEvents);
    const laptopAlone = await qualification(d.laptop);
    expect(laptopAlone.counts.contentViews).toBe(0);
    // Then the phone gives the same email: its reading joins the laptop's person.
    await send([d.phoneIdentifies]);
    // A retry of a batch already stored changes nothing.
    await send([d.phoneEvents[0]!, d.phoneIdentifies]);

    const person = await qualification(d.phone);
    expect(await qualification(d.laptop)).toEqual(person);
    // The primary is the first to give the email by event time: the phone, a day before the laptop.
    expect(person.visitorId).toBe(d.phone);
    expect(person.visitorIds).toEqual([d.phone, d.laptop]);
    expect(person.counts).toEqual({ sessions: 3, contentViews: 3, downloads: 0, pricingViews: 1, forms: 1 });
    expect(person.stage).toBe("sql");
    expect(person.score.byStage.evaluation).toBeGreaterThan(0);
    const reasonVisitors = new Set(person.reasons.map((reason) => reason.visitorId));
    expect(reasonVisitors).toEqual(new Set([d.phone, d.laptop]));

    // One item per person in the listing, and the phone's anonymous row is gone.
    const listed = await leadsWithEmail(email);
    expect(listed.map((item) => item.visitorIds)).toEqual([[d.phone, d.laptop]]);
    const { data: anonymous } = await api.GET("/v1/leads", { params: { query: { stage: "anonymous", limit: 200 } } });
    expect(anonymous!.items.map((item) => item.visitorId)).not.toContain(d.phone);
  });

  it("lists the person's raw events from every visitor, each once, for any of its visitors", async () => {
    const email = emailAt("timeline-people.test");
    const d = twoDevices(email);
    await send(d.phoneEvents);
    await send([d.phoneIdentifies]);
    await send(d.laptopEvents);
    // One event sent under both visitor ids (a browser that moved its id) is one event.
    await send([{ ...d.phoneEvents[0]!, visitorId: d.laptop }]);
    await api.POST("/v1/visitors/{visitorId}/feedback", {
      params: { path: { visitorId: d.laptop } },
      body: { outcome: "accepted" },
    });
    const timeline = async (visitorId: string) =>
      (await api.GET("/v1/visitors/{visitorId}/events", { params: { path: { visitorId } } })).data!.items;
    const fromPhone = await timeline(d.phone);
    expect(await timeline(d.laptop)).toEqual(fromPhone);
    expect(fromPhone.map((event) => event.id)).toEqual([
      fromPhone[0]!.id, // the feedback, recorded last
      ...[...d.phoneEvents, d.phoneIdentifies, ...d.laptopEvents]
        .sort((a, b) => a.ts - b.ts)
        .map((event) => event.id)
        .reverse(),
    ]);
    expect(fromPhone[0]).toMatchObject({ type: "sales_feedback", outcome: "accepted" });
    expect(new Set(fromPhone.map((event) => event.visitorId))).toEqual(new Set([d.phone, d.laptop]));
  });

  it("answers the merge to a read made as soon as the identify is stored", async () => {
    // The merge starts after the identify's answer. Called inside the object, the read comes
    // before that start, every time: it must finish the merge rather than answer half of it.
    const email = emailAt("read-after-people.test");
    const d = twoDevices(email);
    await send(d.laptopEvents);
    await send(d.phoneEvents);
    // From the household's network, as the route would tag it.
    const network = await networkTag(env.EMBUDO_HASH_KEY, HOME);
    const stored = (event: WireEvent): StoredEvent =>
      ({ ...event, site: "demo", receivedAt: Date.now(), clientTs: event.ts, network }) as StoredEvent;
    const read = await runInDurableObject(visitorStub(env.VISITORS, d.phone), async (phone: VisitorObject) => {
      expect(await phone.ingest([stored(d.phoneIdentifies)])).toMatchObject({ accepted: 1 });
      return phone.qualification();
    });
    expect(read!.visitorIds).toEqual([d.phone, d.laptop]);
    expect(read!.counts).toMatchObject({ contentViews: 3, pricingViews: 1, forms: 1 });
    expect(read).toEqual(await qualification(d.laptop));
  });

  it("gives the same qualification when the same events arrive in reverse order", async () => {
    const forward = twoDevices(emailAt("order-people.test"));
    await send(forward.phoneEvents);
    await send([forward.phoneIdentifies]);
    await send(forward.laptopEvents);

    // The same journey, shifted to its own email and ids, delivered backwards: the laptop's
    // demo first, the phone's identification before its own reading.
    const email = emailAt("order-people.test");
    const backward = twoDevices(email);
    await send([...backward.laptopEvents].reverse());
    await send([backward.phoneIdentifies]);
    await send([...backward.phoneEvents].reverse());

    const a = await qualification(forward.phone);
    const b = await qualification(backward.phone);
    // The primary is the first to give the email by event time, not by arrival.
    expect(a.visitorId).toBe(forward.phone);
    expect(b.visitorId).toBe(backward.phone);
    const shape = (q: Qualification) => ({
      stage: q.stage,
      score: q.score,
      counts: q.counts,
      intent: q.intent,
      reasons: q.reasons.map((reason) => [reason.rule, reason.points]),
      history: q.stageHistory.map((change) => [change.stage, change.rule]),
    });
    expect(shape(b)).toEqual(shape(a));
  });

  it("never sums: a 45-point and a 96-point visitor reading the same pages are not 141", async () => {
    const email = emailAt("nosum-people.test");
    const a = newId();
    const b = newId();
    const now = Date.now();
    // Within the hour, and today (UTC): a session on an earlier day would be a return visit.
    const start = Math.max(now - 3_600_000, now - (now % DAY));
    const pages = ["/security/a", "/security/b", "/security/c", "/security/d", "/security/e"];
    // Both read the same decision pages today (the same URL counts once a day for the person).
    const reading = (visitor: string, offset: number) =>
      pages.map((path, i) =>
        makeEvent(visitor, { url: `https://acme.test${path}`, stage: "decision", ts: start + i + offset }),
      );
    await send([...reading(a, 0), identify(a, { email })]);
    await send([
      ...reading(b, 100),
      makeEvent(b, { type: "pricing_view", url: "https://acme.test/pricing", stage: undefined }),
      makeEvent(b, { type: "custom", name: "demo_request", url: "https://acme.test/demo" } as Partial<WireEvent>),
      makeEvent(b, { url: "https://acme.test/compare/x", stage: "evaluation" }),
    ]);
    const alone = { a: (await qualification(a)).score.engagement, b: (await qualification(b)).score.engagement };
    // a: five decision views (3 × 3 each); b: the same five, pricing 15, demo request 30, a comparison 6.
    expect(alone.a).toBeCloseTo(45, 0);
    expect(alone.b).toBeCloseTo(96, 0);

    await send([identify(b, { email })]);
    const person = await qualification(b);
    expect(person.visitorIds).toEqual([a, b]);
    expect(person.counts.contentViews).toBe(6);
    // Not 45 + 96: the union's own replay, where the shared pages count once, so b's 96 and no more.
    expect(person.score.engagement).toBeCloseTo(alone.b, 0);
    expect(person.score.engagement).toBeLessThan(alone.a + alone.b - 40);
    const viewReasons = person.reasons.filter((reason) => reason.rule === "content_view");
    expect(viewReasons).toHaveLength(6);
  });

  it("a shared computer that switches email attributes later events to the new person", async () => {
    const computer = newId();
    const ana = emailAt("shared-people.test", "ana");
    const bea = emailAt("shared-people.test", "bea");
    const now = Date.now();
    const anaRead = makeEvent(computer, { url: "https://acme.test/blog/one", ts: now - 5_000 });
    const anaGives = identify(computer, { email: ana, jobTitle: "CEO" }, { ts: now - 4_000 });
    const beaGives = identify(computer, { email: bea, jobTitle: "Analyst" }, { ts: now - 3_000 });
    const beaReads = makeEvent(computer, { type: "pricing_view", url: "https://acme.test/pricing", ts: now - 2_000 });
    await send([anaRead, anaGives]);
    expect((await qualification(computer)).identity.email).toBe(ana);
    await send([beaGives, beaReads]);

    // The browser answers with its latest email's person; both people list it.
    const latest = await qualification(computer);
    expect(latest.identity).toMatchObject({ email: bea, jobTitle: "Analyst" });
    expect(latest.counts).toMatchObject({ contentViews: 0, pricingViews: 1 });
    expect(latest.reasons.some((reason) => reason.rule === "identity_conflict")).toBe(false);
    const [anaLead] = await leadsWithEmail(ana);
    expect(anaLead!.identity.jobTitle).toBe("CEO");
    expect(anaLead!.counts).toMatchObject({ contentViews: 1, pricingViews: 0 });
    expect(anaLead!.visitorIds).toEqual([computer]);
    // Bea's row comes through the index queue, a moment after the request.
    const [beaLead] = await eventually(
      () => leadsWithEmail(bea),
      (items) => items.length > 0,
    );
    expect(beaLead!.visitorIds).toEqual([computer]);

    // Ana's identification arriving late does not move Bea's events back to her.
    const late = identify(computer, { email: ana }, { ts: now - 4_500 });
    await send([late]);
    expect((await leadsWithEmail(ana))[0]!.counts.pricingViews).toBe(0);
    expect((await qualification(computer)).identity.email).toBe(bea);
  });

  it("a stranger's form with a CEO lead's email and 'Student' is a claim: shown, never scored, until sales settles it", async () => {
    const email = emailAt("hijack-people.test", "ceo");
    const lead = newId();
    await send([
      makeEvent(lead, { url: "https://acme.test/case-studies/globex", stage: "evaluation" }),
      form(lead, "demo", { email, jobTitle: "CEO", company: "Globex", companySize: "500" }),
    ]);
    const before = await qualification(lead);
    expect(before.stage).toBe("sql");

    const stranger = newId();
    const forged = form(stranger, "contact", { email, jobTitle: "Student", company: "Universidad" });
    await send([forged], newClient());
    const after = await qualification(lead);
    expect({ ...after, claims: undefined }).toEqual({ ...before, claims: undefined });
    expect(after.claims).toEqual([
      {
        visitorId: stranger,
        // The form's time on the collector's clock (corrected by sentAt).
        claimedAt: expect.any(String),
        status: "unconfirmed",
        traits: { email, jobTitle: "Student", company: "Universidad" },
        conflicts: ["company", "jobTitle"],
      },
    ]);
    // The stranger's own id answers with the person it claims, which it does not steer.
    expect((await qualification(stranger)).visitorIds).toEqual([lead]);
    // Its events are kept, and shown in the person's timeline.
    const { data: timeline } = await api.GET("/v1/visitors/{visitorId}/events", {
      params: { path: { visitorId: lead } },
    });
    expect(timeline!.items.map((event) => event.id)).toContain(forged.id);

    // Sales rejects it: it stays out, now as rejected. Rejecting the lead's own browser is refused.
    const rejected = await reviewClaim(stranger, "rejected");
    expect(rejected.data!.claims).toEqual([expect.objectContaining({ visitorId: stranger, status: "rejected" })]);
    const alone = await reviewClaim(lead, "rejected");
    expect(alone.response.status).toBe(409);
    expect(alone.error!.error.code).toBe("only_member");
    // Confirmed instead, its form counts, and the lead's own traits still stand.
    const confirmed = await reviewClaim(stranger, "confirmed");
    expect(confirmed.data!).toMatchObject({ visitorIds: [lead, stranger], counts: { forms: 2 }, stage: "sql" });
    expect(confirmed.data!.identity).toMatchObject({ jobTitle: "CEO", company: "Globex" });
    expect(confirmed.data!.claims).toBeUndefined();
  });

  it("answers a review of a browser that claims no person with 409, and of an unknown one with 404", async () => {
    const anonymous = newId();
    await send([makeEvent(anonymous)]);
    const none = await reviewClaim(anonymous, "confirmed");
    expect(none.response.status).toBe(409);
    expect(none.error!.error.code).toBe("no_claim");
    const unknown = await reviewClaim(newId(), "confirmed");
    expect(unknown.response.status).toBe(404);
    const invalid = await api.POST("/v1/visitors/{visitorId}/claim", {
      params: { path: { visitorId: anonymous } },
      body: { decision: "maybe" } as never,
    });
    expect(invalid.response.status).toBe(400);
  });

  it("answers 404 for an unknown visitor and finds a person by any case of its email", async () => {
    const missing = await api.GET("/v1/visitors/{visitorId}", { params: { path: { visitorId: newId() } } });
    expect(missing.response.status).toBe(404);
    const email = emailAt("case-people.test");
    const visitor = newId();
    await send([identify(visitor, { email })]);
    const listed = await eventually(
      () => leadsWithEmail(email.toUpperCase()),
      (items) => items.length > 0,
    );
    expect(listed.map((item) => item.visitorId)).toEqual([visitor]);
  });
});
