/**
 * Sales hears of a lead the moment it qualifies: the demo CRM inbox (`examples/crm-inbox.mjs`),
 * registered for MQL and SQL changes, receives a reader's journey on the demo site as two
 * signed stage-change webhooks, MQL then SQL, with rising sequence numbers.
 */
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { registerCrmInbox, startCrmInbox } from "../../examples/crm-inbox.mjs";
import { useBrowser } from "../support/use-browser.ts";
import { Visitor } from "../support/visitor.ts";

const { siteUrl, ...stack } = inject("e2e");
const browser = useBrowser();
const EMAIL = "carmen@hooli-corp.test";

let inbox: Awaited<ReturnType<typeof startCrmInbox>>;
let endpoint: { id: string; secret: string };
let carmen: Visitor;
const printed: string[] = [];

beforeAll(async () => {
  inbox = await startCrmInbox({ log: (line) => printed.push(line) });
  endpoint = await registerCrmInbox({ collectorUrl: stack.collectorUrl, apiKey: stack.apiKey, inboxUrl: inbox.url });
  inbox.setSecret(endpoint.secret);
  carmen = await Visitor.open(browser(), { siteUrl, ...stack });
});
afterAll(async () => {
  await carmen?.close();
  if (endpoint) await carmen?.api.DELETE("/v1/webhooks/{id}", { params: { path: { id: endpoint.id } } });
  await inbox?.stop();
});

it("delivers MQL then SQL to the CRM inbox, signed, in sequence", async () => {
  await carmen.visit(`${siteUrl}/blog/freight-rfp-checklist/`);
  await carmen.submitForm("#newsletter", { email: EMAIL });
  await carmen.expectQualification({ stage: "iql" });
  await carmen.visit(`${siteUrl}/case-studies/globex/`);
  await carmen.page.click("#whitepaper-download");
  await carmen.sent.waitFor("whitepaper download", (event) => event.type === "download");
  await carmen.expectQualification({ stage: "mql" });
  await carmen.visit(`${siteUrl}/pricing/`);
  await carmen.visit(`${siteUrl}/demo/`);
  await carmen.submitForm("#demo-request", {
    name: "Carmen Vidal",
    email: EMAIL,
    company: "Hooli",
    jobTitle: "Head of Growth",
    companySize: "500",
  });
  await carmen.expectQualification({ stage: "sql" });

  await expect
    .poll(() => inbox.received.filter((event) => event.data.email === EMAIL).map((event) => event.data.stage), {
      timeout: 20_000,
    })
    .toEqual(["mql", "sql"]);
  const [mql, sql] = inbox.received.filter((event) => event.data.email === EMAIL);
  expect(mql!.type).toBe("lead.stage_changed");
  expect(mql!.data).toMatchObject({ previousStage: "iql", visitorId: carmen.visitorId() });
  expect(sql!.data).toMatchObject({ previousStage: "mql", qualification: { stage: "sql" } });
  expect(sql!.data.sequence).toBeGreaterThan(mql!.data.sequence);
  // The inbox verified every delivery with the standardwebhooks library, and refused none.
  expect(inbox.rejected()).toBe(0);
  expect(printed.filter((line) => line.includes(EMAIL))).toEqual([
    expect.stringMatching(/is now MQL \(was iql\)/),
    expect.stringMatching(/\(Hooli\) is now SQL \(was mql\)/),
  ]);
}, 60_000);
