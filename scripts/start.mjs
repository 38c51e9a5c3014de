#!/usr/bin/env node
// `pnpm start`: the collector (state on disk under collector/.wrangler/state) on :8787 and the
// demo site on :5173, plus the single-page app on :5174. Ctrl-C stops all of them.
import { startCollector } from "../collector/scripts/local-collector.mjs";
import { startDemoSite, startSpa } from "../examples/serve.mjs";

const COLLECTOR_PORT = 8787;
const SITE_PORT = 5173;
const SPA_PORT = 5174;

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

  const auth = `-H "Authorization: Bearer ${collector.apiKey}"`;
  console.log(`
Embudo is running.

  demo site      ${site.url}/   (start at ${site.url}/blog/, then /case-studies/globex/, /pricing/, /demo/)
  single-page    ${spa.url}/   (the ESM build)
  collector      ${collector.url}   (tracker at ${collector.url}/embudo.js)
  API reference  ${collector.url}/docs   (OpenAPI document at ${collector.url}/openapi.json)
  API key        ${collector.apiKey}${process.env.EMBUDO_API_KEY ? "   (from EMBUDO_API_KEY)" : "   (local development key)"}
  state          ${collector.persistTo}

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
    console.error("Another process holds one of the ports 8787, 5173, 5174: stop it and try again.");
  await stopAll(1);
}
