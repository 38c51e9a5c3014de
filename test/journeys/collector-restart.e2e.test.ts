/**
 * A collector restarted in the middle of a journey loses no event and doubles none. This file
 * runs its own collector and demo site (not the shared ones) so that it can stop them.
 *
 * While the collector is down, the tracker keeps events in its localStorage queue (pages still
 * load: the browser has /embudo.js cached); once it is back, the next page flushes the queue.
 * And what the collector stored but had not yet written to its index is written after a restart:
 * a detail it defers, and a stage change still in the index queue (local queues live in memory and
 * a restart empties them). The lead's object keeps both in its outbox, and its alarm survives.
 * Webhook deliveries still being retried when the collector stops arrive after it restarts.
 */
import type { WireEvent } from "@embudo/shared";
import { monotonicFactory } from "ulid";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { registerCrmInbox, startCrmInbox } from "../../examples/crm-inbox.mjs";
import {
  type Collector,
  makeStateDir,
  removeState,
  type StackInfo,
  startSites,
  startTestCollector,
} from "../support/stack.ts";
import { useBrowser } from "../support/use-browser.ts";
import { Visitor } from "../support/visitor.ts";

const { chromePath: _, ...shared } = inject("e2e");
const browser = useBrowser();
const persistTo = makeStateDir();
let collector: Collector;
let sites: Awaited<ReturnType<typeof startSites>>;
let stack: StackInfo;
let visitor: Visitor;

beforeAll(async () => {
  collector = await startTestCollector(persistTo);
  sites = await startSites(collector.url);
  stack = {
    ...shared,
    collectorUrl: collector.url,
    apiKey: collector.apiKey,
    siteUrl: sites.site.url,
    spaUrl: sites.spa.url,
  };
  visitor = await Visitor.open(browser(), stack);
});
afterAll(async () => {
  await visitor?.close();
  await sites?.stop();
  await collector?.stop();
  removeState(persistTo);
});

/** Events the scoring model gives points to, hence a reason each. */
const scored = (event: WireEvent) => ["content_view", "pricing_view", "download", "form_submit"].includes(event.type);

it("delivers every event exactly once across a collector restart", async () => {
  const { siteUrl } = stack;
  await visitor.visit(`${siteUrl}/blog/freight-rfp-checklist/`);
  await visitor.expectQualification({ stage: "anonymous", counts: { contentViews: 1 } });

  await collector.stop();
  const duringOutage = [
    await visitor.visit(`${siteUrl}/blog/carrier-scorecards/`),
    await visitor.submitForm("#newsletter", { email: "carla@initech.test" }),
    await visitor.visit(`${siteUrl}/case-studies/globex/`),
  ];
  await visitor.page.click("#whitepaper-download");
  duringOutage.push(await visitor.sent.waitFor("whitepaper download", (event) => event.type === "download"));
  // Each of them was really tried, and failed, while the collector was down.
  for (const event of duringOutage) await visitor.sent.waitForFailures(event.id);

  collector = await startTestCollector(persistTo, collector.port, collector.apiKey);
  // The next page's tracker flushes the whole queue, the outage's events first.
  const pricing = await visitor.visit(`${siteUrl}/pricing/`);

  const answer = await visitor.expectQualification({
    stage: "mql",
    counts: { contentViews: 3, forms: 1, downloads: 1, pricingViews: 1 },
    identity: { email: "carla@initech.test" },
  });
  // Exactly once: every scored event sent has one reason per rule, and nothing else has any.
  const sentIds = new Set(visitor.sent.events.map((event) => event.id));
  for (const event of visitor.sent.events.filter(scored)) {
    const rules = answer.reasons.filter((reason) => reason.eventId === event.id).map((reason) => reason.rule);
    expect(rules.length, `reasons for the ${event.type} of ${event.url}: ${rules.join(", ")}`).toBeGreaterThan(0);
    expect(new Set(rules).size, `${event.type} ${event.id} counted twice: ${rules.join(", ")}`).toBe(rules.length);
  }
  expect(answer.reasons.filter((reason) => reason.eventId && !sentIds.has(reason.eventId))).toEqual([]);
  // A form stored twice would score 20 and then 5 points: two form reasons.
  expect(answer.reasons.filter((reason) => /form/.test(reason.rule))).toHaveLength(1);
  expect(pricing.type).toBe("pricing_view");
});

it("writes what an ingestion left for later to the index after a restart in between", async () => {
  const { siteUrl } = stack;
  const page = `${siteUrl}/case-studies/globex/`;
  const path = "/case-studies/globex";
  const views = async () => {
    const { data } = await visitor.api.GET("/v1/reports/content", { params: { query: { limit: 500 } } });
    return data!.items.find((item) => item.path === path)?.views;
  };
  // The first view reaches the index through its queue, a moment after the first test.
  for (const deadline = Date.now() + 15_000; (await views()) !== 1; await new Promise((r) => setTimeout(r, 100))) {
    expect(Date.now(), "the first view never reached the index").toBeLessThan(deadline);
  }
  // The same page again the same day earns nothing: only details change (the page's views), and
  // the index is written within 10 s rather than in the request.
  const before = new Set(visitor.sent.events.map((event) => event.id));
  await visitor.page.goto(page);
  const again = await visitor.sent.waitFor("the second view", (event) => event.url === page && !before.has(event.id));
  const visitorId = visitor.visitorId();
  // Stored: the lead's raw timeline has it.
  for (let stored = false; !stored; await new Promise((r) => setTimeout(r, 50))) {
    const { data } = await visitor.api.GET("/v1/visitors/{visitorId}/events", {
      params: { path: { visitorId }, query: { limit: 5 } },
    });
    stored = data!.items.some((event) => event.id === again.id);
  }
  expect(await views()).toBe(1);

  await collector.stop();
  collector = await startTestCollector(persistTo, collector.port, collector.apiKey);
  const deadline = Date.now() + 30_000;
  while ((await views()) !== 2) {
    expect(Date.now(), "the deferred index write never arrived after the restart").toBeLessThan(deadline);
    await new Promise((r) => setTimeout(r, 250));
  }
}, 60_000);

it("loses no stage change that was still in the index queue when the collector stopped", async () => {
  const newId = monotonicFactory();
  const visitorId = newId();
  const email = `restart.${visitorId.toLowerCase()}@initech-corp.test`;
  const leadId = `person:demo:${email}`;
  const send = async (events: object[]) => {
    const response = await fetch(`${collector.url}/v1/events`, {
      method: "POST",
      headers: { "Content-Type": "text/plain", Origin: stack.siteUrl },
      body: JSON.stringify({ site: "demo", sentAt: Date.now(), events }),
    });
    expect(await response.json()).toMatchObject({ accepted: events.length, rejected: [] });
  };
  const changes = async () => {
    const { data } = await visitor.api.GET("/v1/stage-changes", { params: { query: { limit: 200 } } });
    return data!.items.filter((change) => change.leadId === leadId).sort((a, b) => a.sequence - b.sequence);
  };
  const event = (fields: object) => ({
    id: newId(),
    visitorId,
    sessionId: visitorId,
    ts: Date.now(),
    url: `${stack.siteUrl}/demo/`,
    ...fields,
  });

  // Identified first, and the change listed: from now on, its events reach its person in the request.
  await send([event({ type: "identify", traits: { email } })]);
  for (
    const deadline = Date.now() + 15_000;
    (await changes()).length < 1;
    await new Promise((r) => setTimeout(r, 100))
  ) {
    expect(Date.now(), "the identification never reached the index").toBeLessThan(deadline);
  }

  // A demo request makes an SQL. The request answers once the change is staged in the person's
  // outbox and sent on the queue, which waits up to a second to fill a batch: stop it before that.
  await send([
    event({
      type: "form_submit",
      formId: "demo-request",
      intent: "demo",
      traits: { email, jobTitle: "VP Marketing", company: "Initech", companySize: "200" },
    }),
  ]);
  const beforeStop = await changes();
  await collector.stop();
  expect(
    beforeStop.map((change) => change.stage),
    "the queue delivered before the stop: nothing tested",
  ).toEqual(["iql"]);

  collector = await startTestCollector(persistTo, collector.port, collector.apiKey);
  // The queue came back empty; the person's alarm sweeps its outbox 60 s after the send.
  const deadline = Date.now() + 100_000;
  let after = await changes();
  while (after.length < 2) {
    expect(Date.now(), "the stage change was lost with the queue").toBeLessThan(deadline);
    await new Promise((r) => setTimeout(r, 250));
    after = await changes();
  }
  expect(after.map((change) => [change.sequence, change.previousStage, change.stage])).toEqual([
    // Its first event identified it: the person never was anonymous.
    [1, null, "iql"],
    [2, "iql", "sql"],
  ]);
  const { data } = await visitor.api.GET("/v1/leads", { params: { query: { email } } });
  expect(data!.items.map((lead) => lead.stage)).toEqual(["sql"]);
}, 150_000);

it("delivers after a restart the webhooks that were still being retried when it stopped", async () => {
  const newId = monotonicFactory();
  // The receiver is not ready yet: it answers 503 until it has the secret.
  const inbox = await startCrmInbox({ log: () => {} });
  try {
    const endpoint = await registerCrmInbox({
      collectorUrl: collector.url,
      apiKey: collector.apiKey,
      inboxUrl: inbox.url,
    });
    const visitorId = newId();
    const email = `pending.${visitorId.toLowerCase()}@initech-corp.test`;
    const event = (fields: object) => ({ id: newId(), visitorId, sessionId: visitorId, ts: Date.now(), ...fields });
    const response = await fetch(`${collector.url}/v1/events`, {
      method: "POST",
      headers: { "Content-Type": "text/plain", Origin: stack.siteUrl },
      body: JSON.stringify({
        site: "demo",
        sentAt: Date.now(),
        events: [
          event({ type: "identify", url: `${stack.siteUrl}/demo/`, traits: { email } }),
          event({
            type: "form_submit",
            url: `${stack.siteUrl}/demo/`,
            formId: "demo-request",
            intent: "demo",
            traits: { email, jobTitle: "VP Marketing", company: "Initech", companySize: "200" },
          }),
        ],
      }),
    });
    expect(response.status).toBe(200);
    const deliveries = async () => {
      const { data } = await visitor.api.GET("/v1/webhooks/{id}/deliveries", {
        params: { path: { id: endpoint.id }, query: { limit: 10 } },
      });
      return data!.items;
    };
    // Tried once and refused: pending, with its next attempt 5 s later.
    for (const deadline = Date.now() + 20_000; ; await new Promise((r) => setTimeout(r, 200))) {
      const [delivery] = await deliveries();
      if (delivery && delivery.attempts >= 1) {
        expect(delivery).toMatchObject({ status: "pending", lastStatus: 503 });
        break;
      }
      expect(Date.now(), "the delivery was never tried").toBeLessThan(deadline);
    }

    await collector.stop();
    collector = await startTestCollector(persistTo, collector.port, collector.apiKey);
    inbox.setSecret(endpoint.secret);
    await expect
      .poll(() => inbox.received.filter((received) => received.data.email === email).map((r) => r.data.stage), {
        timeout: 30_000,
      })
      .toEqual(["sql"]);
    const [delivered] = await deliveries();
    expect(delivered).toMatchObject({ status: "succeeded", lastStatus: 204 });
    expect(delivered!.attempts).toBeGreaterThanOrEqual(2);
    await visitor.api.DELETE("/v1/webhooks/{id}", { params: { path: { id: endpoint.id } } });
  } finally {
    await inbox.stop();
  }
}, 90_000);
