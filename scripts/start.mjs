#!/usr/bin/env node
// `pnpm start`: the collector (state on disk under collector/.wrangler/state) on :8787, the
// demo site on :5173, the single-page app on :5174, and the demo CRM inbox on :4100, registered
// for stage-change webhooks. Ctrl-C stops all of them.
import { startCollector } from "../collector/scripts/local-collector.mjs";
import { registerCrmInbox, startCrmInbox } from "../examples/crm-inbox.mjs";
import { startDemoSite, startSpa } from "../examples/serve.mjs";

const COLLECTOR_PORT = 8787;
const SITE_PORT = 5173;
const SPA_PORT = 5174;
const INBOX_PORT = 4100;

/** What is running, newest last: stopped in reverse order. */
const running = [];
let stopping = false;

async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  for (const app of running.reverse()) await app.stop().catch(() => {});
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => stopAll(0));

try {
  // startCollector reads EMBUDO_API_KEY from the environment, else a local development key.
  const collector = await startCollector({ port: COLLECTOR_PORT, quiet: true });
  running.push(collector);
  const site = await startDemoSite({ collector: collector.url, port: SITE_PORT, quiet: true });
  running.push(site);
  const spa = await startSpa({ collector: collector.url, port: SPA_PORT, quiet: true });
  running.push(spa);
  // Leads reaching MQL or SQL are printed below as the CRM inbox receives them.
  const inbox = await startCrmInbox({ port: INBOX_PORT });
  running.push(inbox);
  const endpoint = await registerCrmInbox({
    collectorUrl: collector.url,
    apiKey: collector.apiKey,
    inboxUrl: inbox.url,
  });
  inbox.setSecret(endpoint.secret);

  const auth = `-H "Authorization: Bearer ${collector.apiKey}"`;
  console.log(`
Embudo is running.

  demo site      ${site.url}/   (start at ${site.url}/blog/, then /case-studies/globex/, /pricing/, /demo/)
  single-page    ${spa.url}/   (the ESM build)
  collector      ${collector.url}   (tracker at ${collector.url}/embudo.js)
  API reference  ${collector.url}/docs   (OpenAPI document at ${collector.url}/openapi.json)
  dashboard      ${collector.url}/dashboard   (sign in with the API key below)
  API key        ${collector.apiKey}${process.env.EMBUDO_API_KEY ? "   (from EMBUDO_API_KEY)" : "   (local development key)"}
  hash key       ${process.env.EMBUDO_HASH_KEY ? "from EMBUDO_HASH_KEY" : `${collector.hashKey}   (local key of the suppression list's email hashes)`}
  state          ${collector.persistTo}
  CRM inbox      ${inbox.url}   (webhook ${endpoint.id}: leads reaching MQL or SQL are printed below)

Your visitor id: run embudo.visitorId() in the browser console on the demo site
(the single-page app shows it in its footer). Then read its qualification:

  curl ${auth} ${collector.url}/v1/visitors/VISITOR_ID

and list the leads, newest change first (add ?stage=sql to filter), and every change of stage:

  curl ${auth} ${collector.url}/v1/leads
  curl ${auth} ${collector.url}/v1/stage-changes

and see the funnel, the pages that convert and where leads come from (the last 30 days):

  curl ${auth} ${collector.url}/v1/reports/funnel
  curl ${auth} ${collector.url}/v1/reports/content
  curl ${auth} ${collector.url}/v1/reports/sources

Ctrl-C stops everything.
`);
} catch (error) {
  console.error(`pnpm start failed: ${error instanceof Error ? error.message : error}`);
  if (String(error).includes("EADDRINUSE") || String(error).includes("in use"))
    console.error("Another process holds one of the ports 8787, 5173, 5174, 4100: stop it and try again.");
  await stopAll(1);
}
