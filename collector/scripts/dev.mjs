#!/usr/bin/env node
// `pnpm collector [--port N]`: the collector alone under wrangler dev, state in .wrangler/state.
import { parseArgs } from "node:util";
import { startCollector } from "./local-collector.mjs";

const { values } = parseArgs({
  options: { port: { type: "string", default: "8787" }, ip: { type: "string", default: "127.0.0.1" } },
  allowPositionals: true,
});

const collector = await startCollector({ port: Number(values.port), ip: values.ip });
console.log(`
Embudo collector ready on ${collector.url}
  tracker      ${collector.url}/embudo.js
  ingestion    POST ${collector.url}/v1/events
  API key      ${collector.apiKey}${process.env.EMBUDO_API_KEY ? " (from EMBUDO_API_KEY)" : " (local development key)"}
  state        ${collector.persistTo}
`);

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, async () => {
    await collector.stop();
    process.exit(0);
  });
}
