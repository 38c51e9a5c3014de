/**
 * What a stranger with nothing but the public site key can do to people, through the real
 * Worker: each test is one observation of an outside test of the public endpoints (issue 27).
 */
import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { WireEvent } from "@embudo/shared";
import { describe, expect, it, vi } from "vitest";
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
import { NEW_PEOPLE_PER_NETWORK } from "../objects/network/network-budget-object.ts";
import { visitorStub } from "../objects/object-naming.ts";
import { PERSON_LIMITS } from "../objects/person/person-object.ts";
import { NEW_EMAILS_PER_DAY } from "../objects/visitor/admission.ts";

const DAY = 86_400_000;

type IngestAnswer = { accepted: number; duplicates: number; rejected: Array<{ index: number; code: string }> };

/** Sends a batch from `client`, a new address unless told (one network: a household's browsers). */
async function send(events: WireEvent[], site = "demo", client = newClient()): Promise<IngestAnswer> {
  const response = await postEvents(makeBatch(events, { site }), { client });
  expect(response.status).toBe(200);
  return (await response.json()) as IngestAnswer;
}

/** A demo request from a senior buyer at a large company: an SQL at once if it stood. */
function demoRequest(visitorId: string, email: string, ts = Date.now()): WireEvent {
  return makeEvent(visitorId, {
    type: "form_submit",
    ts,
    formId: "demo",
    intent: "demo",
    url: "https://acme.test/demo",
    traits: { email, jobTitle: "CEO", company: "Globex", companySize: 500 },
  } as Partial<WireEvent>);
}

describe("minting: one browser giving a new email per form", () => {
  it("starts at most a few people a day; the rest are refused per event and never reach sales", async () => {
    const browser = newId();
    const run = newId().toLowerCase();
    const emails = Array.from({ length: 300 }, (_, i) => `buyer${i}-${run}@globex-mint.com`);
    const answers: IngestAnswer[] = [];
    for (let request = 0; request < 3; request++) {
      const forms = emails.slice(request * 100, (request + 1) * 100);
      answers.push(await send(forms.map((email, i) => demoRequest(browser, email, Date.now() - 1000 + i))));
    }
    expect(answers.map((answer) => answer.accepted)).toEqual([NEW_EMAILS_PER_DAY, 0, 0]);
    const refused = answers.flatMap((answer) => answer.rejected);
    expect(refused).toHaveLength(300 - NEW_EMAILS_PER_DAY);
    expect(new Set(refused.map((rejection) => rejection.code))).toEqual(new Set(["identity_budget_exceeded"]));

    // The browser answers as the person of the last email it was allowed to give.
    const allowed = emails.slice(0, NEW_EMAILS_PER_DAY);
    await eventually(
      async () => (await api.GET("/v1/leads", { params: { query: { email: allowed.at(-1)!, stage: "sql" } } })).data,
      (page) => page?.items.length === 1,
    );
    // No lead, and so no stage change and no webhook, for any refused email.
    for (const email of [emails[NEW_EMAILS_PER_DAY]!, emails[150]!, emails[299]!]) {
      expect((await api.GET("/v1/leads", { params: { query: { email } } })).data!.items).toEqual([]);
    }
    const changes = await api.GET("/v1/stage-changes", { params: { query: { stage: "sql", limit: 200 } } });
    const minted = changes.data!.items.filter((change) => change.email?.endsWith(`-${run}@globex-mint.com`));
    expect(minted.length).toBeLessThanOrEqual(NEW_EMAILS_PER_DAY);
  });

  it("lets a browser give the emails it gave again, whatever the budget", async () => {
    const browser = newId();
    const run = newId().toLowerCase();
    const email = (i: number) => `again${i}-${run}@globex-mint.com`;
    const first = await send([0, 1, 2].map((i) => demoRequest(browser, email(i))));
    expect(first.accepted).toBe(3);
    // The same emails again: no new one, nothing refused.
    const again = await send([0, 1, 2].map((i) => demoRequest(browser, email(i))));
    expect(again).toMatchObject({ accepted: 3, rejected: [] });
    // A fourth new one today is refused.
    expect((await send([demoRequest(browser, email(3))])).rejected[0]?.code).toBe("identity_budget_exceeded");
  });

  it("keeps its count when retention deletes the events that spent it", async () => {
    // Site `daily` keeps events a day: identifies dated at the edge expire minutes later. The
    // clock is set to tomorrow's noon: those minutes never cross into another UTC day's budget,
    // and the visitor's alarm, set on that clock, is still ahead of workerd's own.
    const noon = Date.now() - (Date.now() % DAY) + DAY + DAY / 2;
    const browser = newId();
    const run = newId().toLowerCase();
    const identify = (i: number, ts: number) =>
      makeEvent(browser, {
        type: "identify",
        ts,
        traits: { email: `edge${i}-${run}@globex-mint.com` },
      } as Partial<WireEvent>);
    vi.useFakeTimers({ toFake: ["Date"], now: noon });
    try {
      const edge = noon - DAY + 60_000;
      expect(
        (
          await send(
            [0, 1, 2].map((i) => identify(i, edge + i)),
            "daily",
          )
        ).accepted,
      ).toBe(3);
      vi.setSystemTime(noon + 5 * 60_000);
      expect(await runDurableObjectAlarm(visitorStub(env.VISITORS, browser))).toBe(true);
      const fourth = identify(3, Date.now());
      expect((await send([fourth], "daily")).rejected[0]?.code).toBe("identity_budget_exceeded");
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("minting: a script making a new browser for every form", () => {
  it("starts at most NEW_PEOPLE_PER_NETWORK people a day from one network; joining a person is not starting one", async () => {
    const network = newClient();
    const run = newId().toLowerCase();
    const emails = Array.from({ length: NEW_PEOPLE_PER_NETWORK + 5 }, (_, i) => `minted${i}-${run}@globex-net.com`);
    // A new browser id for each form: the per-browser budget never bites.
    const answer = await send(
      emails.map((email) => demoRequest(newId(), email)),
      "demo",
      network,
    );
    expect(answer.accepted).toBe(NEW_PEOPLE_PER_NETWORK);
    expect(answer.rejected).toHaveLength(5);
    expect(new Set(answer.rejected.map((rejection) => rejection.code))).toEqual(new Set(["identity_budget_exceeded"]));
    // Another network starts people as ever, and so does this one on a site of another space (its
    // key spent nothing of that site's budget); a browser of the spent one still joins a person
    // that exists (a household's second device).
    expect((await send([demoRequest(newId(), `other-${run}@globex-net.com`)])).accepted).toBe(1);
    expect((await send([demoRequest(newId(), `brief-${run}@globex-net.com`)], "brief", network)).accepted).toBe(1);
    const started = emails.find((_, i) => !answer.rejected.some((rejection) => rejection.index === i))!;
    expect((await send([demoRequest(newId(), started)], "demo", network)).accepted).toBe(1);
    // Browsers are admitted at once: which five were refused is whichever came last.
    const refused = emails[answer.rejected[0]!.index]!;
    const { data } = await api.GET("/v1/leads", { params: { query: { email: refused } } });
    expect(data!.items).toEqual([]);
  });
});

describe("backdating: a batch dating its events at will", () => {
  it("refuses events that happened more than a week before they arrived: a closed month's funnel stays as it was", async () => {
    // Site `acme`: no other test dates its events; its funnel two months back is empty.
    const closed = new Date(Date.now() - 60 * DAY);
    const month = closed.toISOString().slice(0, 7);
    const end = new Date(Date.UTC(closed.getUTCFullYear(), closed.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
    const period = { from: `${month}-01`, to: end, site: "acme" };
    const funnel = async () => (await api.GET("/v1/reports/funnel", { params: { query: period } })).data!.stages;
    const before = await funnel();
    const visitors = Array.from({ length: 50 }, () => newId());
    // ts 60 days back, sentAt now: the client's own clocks say the events waited two months.
    const response = await postEvents(
      makeBatch(
        visitors.map((visitor) => makeEvent(visitor, { ts: closed.getTime() })),
        { site: "acme" },
      ),
      { origin: "https://www.acme.test" },
    );
    const answer = (await response.json()) as IngestAnswer;
    expect(answer.accepted).toBe(0);
    expect(new Set(answer.rejected.map((rejection) => rejection.code))).toEqual(new Set(["too_late"]));
    expect(answer.rejected).toHaveLength(50);
    for (const visitorId of visitors.slice(0, 3)) {
      const read = await api.GET("/v1/visitors/{visitorId}", { params: { path: { visitorId } } });
      expect(read.response.status).toBe(404);
    }
    expect(await funnel()).toEqual(before);
  });

  it("still moves a wrong client clock onto the collector's: a batch on time is taken whatever the clock says", async () => {
    const visitor = newId();
    // The client's clock is 300 days behind: its event and its sentAt are both on it.
    const behind = Date.now() - 300 * DAY;
    const response = await postEvents(makeBatch([makeEvent(visitor, { ts: behind - 5_000 })], { sentAt: behind }));
    expect(((await response.json()) as IngestAnswer).accepted).toBe(1);
    const { data } = await api.GET("/v1/visitors/{visitorId}", { params: { path: { visitorId: visitor } } });
    expect(Math.abs(Date.parse(data!.firstSeen) - (Date.now() - 5_000))).toBeLessThan(60_000);
  });

  it("takes a late event up to a week: a tracker's queue held it through an outage", async () => {
    const visitor = newId();
    const answer = await send([makeEvent(visitor, { ts: Date.now() - 6 * DAY })]);
    expect(answer).toMatchObject({ accepted: 1, rejected: [] });
  });

  it("never moves a person's firstSeen earlier: a browser joining with older history leaves it as it was", async () => {
    const lead = newId();
    const joining = newId();
    const email = `first-${newId().toLowerCase()}@globex-first.com`;
    // One household: the joining browser is tied to the lead, so it joins (a stranger only claims).
    const home = newClient();
    await send([demoRequest(lead, email)], "demo", home);
    const listed = async () => (await api.GET("/v1/leads", { params: { query: { email } } })).data!.items[0];
    const before = await eventually(listed, (item) => item !== undefined);
    const { data: person } = await api.GET("/v1/visitors/{visitorId}", { params: { path: { visitorId: lead } } });
    // A browser with a week of history (as far back as the collector takes) gives the same email.
    await send(
      [
        makeEvent(joining, { ts: Date.now() - 6.9 * DAY }),
        makeEvent(joining, { type: "identify", traits: { email } } as Partial<WireEvent>),
      ],
      "demo",
      home,
    );
    const { data: joined } = await api.GET("/v1/visitors/{visitorId}", { params: { path: { visitorId: lead } } });
    expect(joined!.visitorIds).toContain(joining);
    expect(joined!.firstSeen).toBe(person!.firstSeen);
    const after = await eventually(listed, (item) => item?.visitorIds.length === 2);
    expect(after!.firstSeen).toBe(before!.firstSeen);
  });
});

describe("unbounded people: browsers joined to one email by the thousand", () => {
  it("lets a hundred browsers join one person and refuses the next, per event, keeping its other events", async () => {
    const email = `many-${newId().toLowerCase()}@globex-many.com`;
    // One network, so every browser is tied to the person and would be scored with it.
    const office = newClient();
    const browsers = Array.from({ length: PERSON_LIMITS.browsers }, () => newId());
    const identifies = browsers.map((browser) =>
      makeEvent(browser, { type: "identify", traits: { email } } as Partial<WireEvent>),
    );
    expect((await send(identifies, "demo", office)).accepted).toBe(PERSON_LIMITS.browsers);
    const extra = newId();
    const view = makeEvent(extra);
    const answer = await send([view, demoRequest(extra, email)], "demo", office);
    expect(answer).toMatchObject({ accepted: 1, rejected: [{ index: 1, code: "person_full" }] });
    // The person has its hundred browsers; the one refused is its own anonymous lead.
    const person = await eventually(
      async () => (await api.GET("/v1/visitors/{visitorId}", { params: { path: { visitorId: browsers[0]! } } })).data!,
      (data) => data.visitorIds.length === PERSON_LIMITS.browsers,
    );
    expect(person.visitorIds).not.toContain(extra);
    const { data: own } = await api.GET("/v1/visitors/{visitorId}", { params: { path: { visitorId: extra } } });
    expect(own).toMatchObject({ stage: "anonymous", visitorIds: [extra] });
    // A browser already in the person gives the email again without asking for a seat.
    expect((await send([demoRequest(browsers[5]!, email)], "demo", office)).accepted).toBe(1);
  });

  it("keeps a flood of claims out of the members' room: the buyer's next device at home still joins", async () => {
    const email = `flooded-${newId().toLowerCase()}@globex-flood.com`;
    const home = newClient();
    const buyer = newId();
    expect((await send([demoRequest(buyer, email)], "demo", home)).accepted).toBe(1);
    // A hundred browsers from elsewhere claim the email: each is a claim, and the claims' room fills.
    const elsewhere = newClient();
    const claimants = Array.from({ length: PERSON_LIMITS.claims }, () => newId());
    const claims = claimants.map((browser) =>
      makeEvent(browser, { type: "identify", traits: { email } } as Partial<WireEvent>),
    );
    expect((await send(claims, "demo", elsewhere)).accepted).toBe(PERSON_LIMITS.claims);
    const oneMore = await send(
      [makeEvent(newId(), { type: "identify", traits: { email } } as Partial<WireEvent>)],
      "demo",
      elsewhere,
    );
    expect(oneMore.rejected[0]?.code).toBe("person_full");
    // The buyer's laptop, at home, is a member: it joins, and the person is scored with both.
    const laptop = newId();
    expect(
      (await send([makeEvent(laptop, { type: "identify", traits: { email } } as Partial<WireEvent>)], "demo", home))
        .accepted,
    ).toBe(1);
    const person = await eventually(
      async () => (await api.GET("/v1/visitors/{visitorId}", { params: { path: { visitorId: buyer } } })).data!,
      (data) => data.visitorIds.length === 2,
    );
    expect(person.visitorIds.sort()).toEqual([buyer, laptop].sort());
    expect(person.claims).toHaveLength(PERSON_LIMITS.claims);
  });

  it("stops a person's browsers adding events past its budget; claims filling theirs never stop its members", async () => {
    const budget = PERSON_LIMITS.events;
    // A small budget, so the test sends tens of events rather than tens of thousands.
    PERSON_LIMITS.events = 40;
    try {
      const email = `growing-${newId().toLowerCase()}@globex-growing.com`;
      const [home, elsewhere] = [newClient(), newClient()];
      const [member, claimant] = [newId(), newId()];
      const views = (visitorId: string, n: number) => Array.from({ length: n }, () => makeEvent(visitorId));
      const identify = (visitorId: string) =>
        makeEvent(visitorId, { type: "identify", traits: { email } } as Partial<WireEvent>);
      /** Sends, then reads the browser back: its copy has reached the person, which answered its room. */
      const sendAndSettle = async (visitorId: string, events: WireEvent[], client: string) => {
        const answer = await send(events, "demo", client);
        await api.GET("/v1/visitors/{visitorId}", { params: { path: { visitorId } } });
        return answer;
      };
      const refusedAs = (answer: IngestAnswer) => answer.rejected.map((rejection) => rejection.code);

      expect((await sendAndSettle(member, [identify(member), ...views(member, 9)], home)).accepted).toBe(10);
      // A claim from another network brings its own events: 20 in the person, so 20 more for claims.
      expect((await sendAndSettle(claimant, [identify(claimant), ...views(claimant, 9)], elsewhere)).accepted).toBe(10);
      const flooding = await sendAndSettle(claimant, views(claimant, 30), elsewhere);
      expect(flooding.accepted).toBe(20);
      expect(refusedAs(flooding)).toEqual(Array(10).fill("person_full"));
      expect(refusedAs(await send(views(claimant, 1), "demo", elsewhere))).toEqual(["person_full"]);
      // The member's room counts members' events only: the claims' flood took none of it.
      expect((await sendAndSettle(member, views(member, 25), home)).accepted).toBe(25);
      const last = await sendAndSettle(member, views(member, 10), home);
      expect(last.accepted).toBe(5);
      expect(refusedAs(last)).toEqual(Array(5).fill("person_full"));
      expect(refusedAs(await send(views(member, 1), "demo", home))).toEqual(["person_full"]);
    } finally {
      PERSON_LIMITS.events = budget;
    }
  });

  it("exports a person a page at a time: every event once, however many browsers", async () => {
    const email = `paged-${newId().toLowerCase()}@globex-paged.com`;
    const browsers = [newId(), newId(), newId()];
    const home = newClient();
    const sent: string[] = [];
    for (const [i, browser] of browsers.entries()) {
      const events = [
        makeEvent(browser, { type: "identify", traits: { email } } as Partial<WireEvent>),
        ...Array.from({ length: 2 + i }, (_, j) => makeEvent(browser, { url: `https://acme.test/blog/${i}-${j}` })),
      ];
      expect((await send(events, "demo", home)).accepted).toBe(events.length);
      sent.push(...events.map((event) => event.id));
    }
    await eventually(
      async () => (await api.GET("/v1/visitors/{visitorId}", { params: { path: { visitorId: browsers[0]! } } })).data!,
      (data) => data.visitorIds.length === 3,
    );
    const pages: Array<{ events: string[]; nextCursor: string | null }> = [];
    let cursor: string | undefined;
    do {
      const { data, response } = await api.GET("/v1/visitors/{visitorId}/export", {
        params: { path: { visitorId: browsers[2]! }, query: { limit: 4, ...(cursor && { cursor }) } },
      });
      expect(response.status).toBe(200);
      expect(data!.visitorIds).toHaveLength(3);
      pages.push({ events: data!.events.map((event) => event.id), nextCursor: data!.nextCursor });
      cursor = data!.nextCursor ?? undefined;
    } while (cursor && pages.length < 10);
    // 3 + 4 + 5 events, four a page.
    expect(pages.map((page) => page.events.length)).toEqual([4, 4, 4]);
    expect(pages.flatMap((page) => page.events).sort()).toEqual(sent.sort());
    const forged = await api.GET("/v1/visitors/{visitorId}/export", {
      params: { path: { visitorId: browsers[0]! }, query: { cursor: "not-a-cursor" } },
    });
    expect(forged.response.status).toBe(400);
    const tooMany = await api.GET("/v1/visitors/{visitorId}/export", {
      params: { path: { visitorId: browsers[0]! }, query: { limit: 5_001 } },
    });
    expect(tooMany.response.status).toBe(400);
  });
});

describe("claims: a browser giving a lead's email from elsewhere", () => {
  /** The lead's stage changes as the index lists them, newest first (what webhooks are sent from). */
  const changesOf = async (email: string) =>
    (await api.GET("/v1/stage-changes", { params: { query: { limit: 200 } } })).data!.items.filter(
      (change) => change.email === email,
    );

  it("with another site's key, cannot raise the lead, alert sales, join it or count in its site's reports", async () => {
    const lead = newId();
    const email = `across-${newId().toLowerCase()}@globex-across.com`;
    // The stranger shares the lead's network: even a tie cannot cross from one site's people to another's.
    const home = newClient();
    await send([makeEvent(lead, { type: "identify", traits: { email } } as Partial<WireEvent>)], "demo", home);
    await eventually(
      () => changesOf(email),
      (changes) => changes.length === 1,
    );
    // Site `acme`'s public key: a page titled to alarm sales, then a demo form giving the lead's email.
    const stranger = newId();
    const urgent = makeEvent(stranger, {
      url: `https://www.acme.test/urgent-${stranger.toLowerCase()}`,
      title: "URGENT: call +1 555 0100",
    });
    const response = await postEvents(makeBatch([urgent, demoRequest(stranger, email)], { site: "acme" }), {
      origin: "https://www.acme.test",
      client: home,
    });
    expect(((await response.json()) as IngestAnswer).accepted).toBe(2);
    // Site demo's lead: untouched, no claim to review, no stage change (no sales webhook).
    const { data: person } = await api.GET("/v1/visitors/{visitorId}", { params: { path: { visitorId: lead } } });
    expect(person).toMatchObject({ stage: "iql", visitorIds: [lead], counts: { contentViews: 0 } });
    expect(person!.claims ?? []).toEqual([]);
    const demoLead = `person:demo:${email}`;
    const acmeLead = `person:acme:${email}`;
    expect((await changesOf(email)).filter((change) => change.leadId === demoLead).map((c) => c.stage)).toEqual([
      "iql",
    ]);
    // The form made a person in acme's own space: acme's sales sees it, demo's never does.
    const listed = await eventually(
      async () => (await api.GET("/v1/leads", { params: { query: { email } } })).data!.items,
      (items) => items.length === 2,
    );
    expect(listed.map((item) => [item.visitorIds, item.stage]).sort()).toEqual([
      [[lead], "iql"],
      [[stranger], "sql"],
    ]);
    const inDemo = await api.GET("/v1/leads", { params: { query: { email, space: "demo" } } });
    expect(inDemo.data!.items.map((item) => item.visitorId)).toEqual([lead]);
    expect((await changesOf(email)).find((change) => change.leadId === acmeLead)?.stage).toBe("sql");
    // Site demo's content report has none of site acme's pages.
    const { data: content } = await api.GET("/v1/reports/content", { params: { query: { site: "demo", limit: 100 } } });
    expect(JSON.stringify(content)).not.toContain(`urgent-${stranger.toLowerCase()}`);
    // One domain, two accounts: acme's holds the form's person; demo's is not an SQA for it.
    const domain = "globex-across.com";
    await eventually(
      async () =>
        (await api.GET("/v1/accounts/{domain}", { params: { path: { domain }, query: { space: "acme" } } })).data,
      (account) => account?.people.some((p) => p.visitorId === stranger) === true,
    );
    const demoAccount = await eventually(
      async () =>
        (await api.GET("/v1/accounts/{domain}", { params: { path: { domain }, query: { space: "demo" } } })).data,
      (account) => account?.people.some((p) => p.visitorId === lead) === true,
    );
    expect(demoAccount!.people.map((p) => p.visitorId)).not.toContain(stranger);
    expect(demoAccount!.stage).not.toBe("sqa");
  });

  it("reviews a claim on the person it names: confirming a browser on one lead's page confirms it on no other", async () => {
    const [leadX, leadY, stranger] = [newId(), newId(), newId()];
    const x = `x-${newId().toLowerCase()}@globex-review.com`;
    const y = `y-${newId().toLowerCase()}@globex-review.com`;
    await send([makeEvent(leadX, { type: "identify", traits: { email: x } } as Partial<WireEvent>)]);
    await send([makeEvent(leadY, { type: "identify", traits: { email: y } } as Partial<WireEvent>)]);
    // The stranger claims Y, then X (its latest).
    await send([
      makeEvent(stranger, { type: "identify", traits: { email: y } } as Partial<WireEvent>),
      makeEvent(stranger, { type: "identify", traits: { email: x }, ts: Date.now() + 1 } as Partial<WireEvent>),
    ]);
    const onY = await reviewClaim(stranger, "confirmed", y);
    expect(onY.data!.visitorIds).toEqual([leadY, stranger]);
    const { data: personX } = await api.GET("/v1/visitors/{visitorId}", { params: { path: { visitorId: leadX } } });
    expect(personX!.visitorIds).toEqual([leadX]);
    expect(personX!.claims).toEqual([expect.objectContaining({ visitorId: stranger, status: "unconfirmed" })]);
    // An email the browser never gave is no claim of it.
    const never = await reviewClaim(stranger, "confirmed", `z-${newId().toLowerCase()}@globex-review.com`);
    expect(never.response.status).toBe(409);
  });

  it("squatting: a stranger who gave the email first cannot disqualify the buyer for good; sales settles it", async () => {
    const squatter = newId();
    const buyer = newId();
    const email = `squat-${newId().toLowerCase()}@globex-squat.com`;
    const student = makeEvent(squatter, {
      type: "form_submit",
      formId: "newsletter",
      intent: "newsletter",
      traits: { email, jobTitle: "Student" },
    } as Partial<WireEvent>);
    await send([student]);
    // The real buyer, later, from its own network.
    await send([demoRequest(buyer, email)]);
    const { data: contested } = await api.GET("/v1/visitors/{visitorId}", { params: { path: { visitorId: buyer } } });
    expect(contested!.visitorId).toBe(squatter);
    // Shown, in conflict, never applied: the buyer's demo request raises nothing by itself.
    expect(contested!.claims).toEqual([
      expect.objectContaining({ visitorId: buyer, status: "unconfirmed", conflicts: ["jobTitle"] }),
    ]);
    expect(contested!.stageHistory.map((change) => change.stage)).not.toContain("sql");
    // Sales confirms the buyer and rejects the squatter: the lead is the buyer's.
    expect((await reviewClaim(buyer, "confirmed")).response.status).toBe(200);
    const settled = (await reviewClaim(squatter, "rejected")).data!;
    expect(settled).toMatchObject({ visitorId: buyer, visitorIds: [buyer], stage: "sql" });
    expect(settled.identity.jobTitle).toBe("CEO");
    expect(settled.claims).toEqual([expect.objectContaining({ visitorId: squatter, status: "rejected" })]);
    // Newest first: the disqualification the squatter caused, then the buyer's SQL once settled.
    const changes = await eventually(
      () => changesOf(email),
      (listed) => listed.length === 2,
    );
    expect(changes.map((change) => change.stage)).toEqual(["sql", "disqualified"]);
  });
});

describe("a fake committee: made-up people at one company", () => {
  it("counts people from one network once: two made up there are not a buying committee", async () => {
    const domain = `committee-${newId().toLowerCase()}.test`;
    const network = newClient();
    /** A person who gives an email and downloads a guide, from a browser of its own: an MQL. */
    const mql = (name: string, client: string) => {
      const visitor = newId();
      const identify = makeEvent(visitor, {
        type: "identify",
        traits: { email: `${name}@${domain}` },
      } as Partial<WireEvent>);
      const download = makeEvent(visitor, {
        type: "download",
        href: "https://acme.test/files/guide.pdf",
      } as Partial<WireEvent>);
      return send([identify, download], "demo", client);
    };
    const account = (ready: (data: { breadth: { people: number } }) => boolean) =>
      eventually(
        async () => (await api.GET("/v1/accounts/{domain}", { params: { path: { domain } } })).data,
        (data) => data !== undefined && ready(data),
      );
    await mql("ana", network);
    await mql("bea", network);
    const made = await account((data) => data.breadth.people === 2);
    expect(made).toMatchObject({ stage: "engaged", breadth: { mql: 2 } });
    expect(made!.reasons.filter((reason) => reason.points === 0)).toHaveLength(1);
    // A third, from its own network: two distinct people now, a committee.
    await mql("carla", newClient());
    expect((await account((data) => data.breadth.people === 3))!.stage).toBe("mqa");
  });
});
