/**
 * Accounts through the real Worker and the typed client: the people of one business domain
 * scored as a buying committee.
 */
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { WireEvent } from "@embudo/shared";
import { describe, expect, it } from "vitest";
import type { Schema } from "../../client/index.ts";
import { api, errorCode, eventually, get, KEY, makeBatch, makeEvent, newId, postEvents } from "../../test/requests.ts";
import { DETAIL_DELAY_MS } from "../objects/derived-write.ts";
import { personStub } from "../objects/object-naming.ts";

type Account = Schema<"Account">;

/** A domain no other test uses. */
function newDomain(name: string): string {
  return `${name}-${newId().slice(-8).toLowerCase()}.test`;
}

/**
 * The account of `domain` once `ready` holds. A person reports to its account from its alarm,
 * set for right after the ingestion that changed it, so the account is polled (bounded).
 */
async function account(domain: string, ready: (account: Account) => boolean = () => true): Promise<Account> {
  const { data } = await eventually(
    () => api.GET("/v1/accounts/{domain}", { params: { path: { domain } } }),
    ({ data, response }) => response.status === 200 && ready(data!),
  );
  return data!;
}

async function send(events: WireEvent[]): Promise<void> {
  const response = await postEvents(makeBatch(events));
  expect((await response.json()) as object).toMatchObject({ rejected: [] });
}

const identify = (visitorId: string, traits: Record<string, unknown>) =>
  makeEvent(visitorId, { type: "identify", traits } as Partial<WireEvent>);

/** A person who gives an email and downloads a guide: an MQL (one download is enough). */
async function mqlPerson(email: string, traits: Record<string, unknown> = {}): Promise<string> {
  const visitor = newId();
  await send([
    identify(visitor, { email, ...traits }),
    makeEvent(visitor, { type: "download", href: "https://acme.test/files/guide.pdf" } as Partial<WireEvent>),
  ]);
  return visitor;
}

describe("accounts", () => {
  it("three people of one domain make a known account, then an MQA, then an SQA", async () => {
    const domain = newDomain("globex");
    const ana = newId();
    await send([identify(ana, { email: `ana@${domain}`, company: "Globex" })]);
    const known = await account(domain);
    expect(known).toMatchObject({ domain, company: "Globex", stage: "known" });
    expect(known.breadth).toEqual({ people: 1, iql: 1, mql: 0, sql: 0 });

    const bea = await mqlPerson(`bea@${domain}`);
    expect((await account(domain, (a) => a.breadth.people === 2)).stage).toBe("engaged");
    const carla = await mqlPerson(`carla@${domain}`, { jobTitle: "Head of Procurement" });
    const mqa = await account(domain, (a) => a.breadth.people === 3);
    expect(mqa.stage).toBe("mqa");
    expect(mqa.stageHistory.at(-1)).toMatchObject({
      stage: "mqa",
      rule: "2 people at MQL or above ≥ 2",
      reason: `carla@${domain} joined as mql`,
    });

    // Ana asks for a demo: a person at SQL makes the account an SQA.
    await send([
      identify(ana, { email: `ana@${domain}`, jobTitle: "CEO", companySize: 500 }),
      makeEvent(ana, { type: "pricing_view", url: "https://acme.test/pricing" }),
      makeEvent(ana, {
        type: "form_submit",
        formId: "demo",
        intent: "demo",
        url: "https://acme.test/demo",
        traits: { email: `ana@${domain}` },
      } as Partial<WireEvent>),
    ]);
    const sqa = await account(domain, (a) => a.breadth.sql === 1);
    expect(sqa.stage).toBe("sqa");
    expect(sqa.breadth).toEqual({ people: 3, iql: 3, mql: 3, sql: 1 });
    expect(sqa.stageHistory.map((change) => change.stage)).toEqual(["known", "engaged", "mqa", "sqa"]);
    expect(sqa.stageHistory.at(-1)).toMatchObject({
      reason: `ana@${domain} became sql`,
      rule: `ana@${domain} is an SQL`,
    });
    expect(sqa.fit).toBeGreaterThanOrEqual(50);
    expect(sqa.people.map((person) => person.visitorId).sort()).toEqual([ana, bea, carla].sort());
    expect(sqa.people.find((person) => person.visitorId === carla)).toMatchObject({
      email: `carla@${domain}`,
      jobTitle: "Head of Procurement",
      stage: "mql",
    });
    // Receipts: what each person adds, capped at the model's memberCap of 40.
    for (const reason of sqa.reasons) expect(reason.points).toBeLessThanOrEqual(40);
    expect(sqa.reasons.map((reason) => reason.visitorId).sort()).toEqual([ana, bea, carla].sort());
    const added = sqa.reasons.reduce((sum, reason) => sum + reason.points, 0);
    expect(sqa.engagement).toBeCloseTo(Math.min(100, added), 0);

    // The listing finds it by stage, once the index queue wrote its row (a moment after).
    await eventually(
      async () => (await api.GET("/v1/accounts", { params: { query: { stage: "sqa", limit: 200 } } })).data!,
      (data) => data.items.some((item) => item.domain === domain),
    );
    const { data: mqas } = await api.GET("/v1/accounts", { params: { query: { stage: "mqa", limit: 200 } } });
    expect(mqas!.items.map((item) => item.domain)).not.toContain(domain);
  });

  it("writes engagement-only changes within the delay, through the person's alarm", async () => {
    const domain = newDomain("initech");
    const email = `dan@${domain}`;
    const visitor = newId();
    await send([identify(visitor, { email })]);
    const before = (await account(domain)).engagement;
    // Two articles: engagement moves, the person's stage (IQL) does not, so the report waits
    // for the delay: the person's alarm is set for then, not for now.
    await send([
      makeEvent(visitor, { url: "https://acme.test/blog/a" }),
      makeEvent(visitor, { url: "https://acme.test/blog/b" }),
    ]);
    const person = personStub(env.PEOPLE, { space: "demo", email });
    const wakesAt = await runInDurableObject(person, (_, state) => state.storage.getAlarm());
    expect(wakesAt! - Date.now()).toBeGreaterThan(DETAIL_DELAY_MS - 2_000);
    expect((await account(domain)).engagement).toBe(before);
    expect(await runDurableObjectAlarm(person)).toBe(true);
    expect((await account(domain)).engagement).toBeCloseTo(before + 6, 0);
  });

  it("ana@mad.globex.co.uk belongs to globex.co.uk; a gmail.com person has no account", async () => {
    const suffix = newId().slice(-8).toLowerCase();
    const domain = `globex${suffix}.co.uk`;
    await send([identify(newId(), { email: `ana@mad.${domain}` })]);
    const uk = await account(domain);
    expect(uk.people.map((person) => person.email)).toEqual([`ana@mad.${domain}`]);
    expect((await get(`/v1/accounts/mad.${domain}`, KEY)).status).toBe(404);

    const free = newId();
    await send([identify(free, { email: `ana.${suffix}@gmail.com` })]);
    // Its alarm has nothing to report: a free-mail person has no account.
    await runDurableObjectAlarm(personStub(env.PEOPLE, { space: "demo", email: `ana.${suffix}@gmail.com` }));
    const response = await get("/v1/accounts/gmail.com", KEY);
    expect(response.status).toBe(404);
    expect(await errorCode(response)).toBe("account_not_found");
  });

  it("pages through accounts newest change first, each once", async () => {
    const domains: string[] = [];
    for (let i = 0; i < 5; i++) {
      const domain = newDomain(`page${i}`);
      domains.push(domain);
      await send([identify(newId(), { email: `x@${domain}` })]);
      await account(domain);
    }
    const seen: string[] = [];
    let cursor: string | null | undefined;
    do {
      const { data } = await api.GET("/v1/accounts", {
        params: { query: { stage: "known", limit: 2, ...(cursor ? { cursor } : {}) } },
      });
      seen.push(...data!.items.map((item) => item.domain));
      cursor = data!.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    const ours = seen.filter((domain) => domains.includes(domain));
    expect(ours).toEqual([...domains].reverse());
  });

  it.each([
    ["an unknown stage", "/v1/accounts?stage=hot", "invalid_query"],
    ["an unknown parameter", "/v1/accounts?sort=engagement", "invalid_query"],
    ["a forged cursor", "/v1/accounts?cursor=bm90LWEtY3Vyc29y", "invalid_cursor"],
    ["a domain that is not one", "/v1/accounts/not_a_domain", "invalid_path"],
  ])("refuses %s with 400", async (_, path, code) => {
    const response = await get(path, KEY);
    expect(response.status).toBe(400);
    expect(await errorCode(response)).toBe(code);
  });
});
