#!/usr/bin/env node
// `pnpm collector [--port N] [--state DIR]`: the collector alone under wrangler dev, state in DIR
// (default collector/.wrangler/state). Every EMBUDO_* variable of the environment reaches the Worker.
import { parseArgs } from "node:util";
import { startCollector } from "./local-collector.mjs";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "8787" },
    ip: { type: "string", default: "127.0.0.1" },
    state: { type: "string" },
  },
  allowPositionals: true,
});

const collector = await startCollector({ port: Number(values.port), ip: values.ip, persistTo: values.state });
console.log(`
Embudo collector ready on ${collector.url}
  tracker      ${collector.url}/embudo.js
  ingestion    POST ${collector.url}/v1/events
  API docs     ${collector.url}/docs   (OpenAPI document at ${collector.url}/openapi.json)
  dashboard    ${collector.url}/dashboard   (sign in with the API key)
  API key      ${collector.apiKey}${process.env.EMBUDO_API_KEY ? " (from EMBUDO_API_KEY)" : " (local development key)"}
  hash key     ${process.env.EMBUDO_HASH_KEY ? "from EMBUDO_HASH_KEY" : `${collector.hashKey} (local development key of the suppression list)`}
  state        ${collector.persistTo}
`);

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, async () => {
    await collector.stop();
    process.exit(0);
  });
}
