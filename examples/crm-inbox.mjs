#!/usr/bin/env node
// A CRM's inbox for Embudo's stage-change webhooks: it verifies every delivery with the public
// `standardwebhooks` library (the same check any receiver makes), drops repeats by `webhook-id`
// (deliveries are at least once), and prints each lead as it qualifies.
//
//   node examples/crm-inbox.mjs --port 4100 --secret whsec_…
//
// `pnpm start` runs it on :4100 and registers it with the collector (`registerCrmInbox`), so a
// lead reaching MQL or SQL on the demo site shows up here live.
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import { Webhook } from "standardwebhooks";

/** Where the inbox takes deliveries. */
export const INBOX_PATH = "/webhooks/embudo";

/** A delivery body may not be larger than this. */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Starts the inbox.
 * @param {object} [options]
 * @param {number} [options.port] port to listen on (default: a free one)
 * @param {string} [options.secret] the endpoint's `whsec_` secret; or give it later with `setSecret`
 * @param {(line: string) => void} [options.log] where each qualified lead is printed (default console.log)
 * @returns {Promise<{ url: string, received: Array<{ id: string, type: string, data: any }>, rejected: () => number, setSecret: (secret: string) => void, stop: () => Promise<void> }>}
 */
export async function startCrmInbox({ port = 0, secret, log = console.log } = {}) {
  let verifier = secret ? new Webhook(secret) : null;
  /** Every event taken, oldest first, each once. */
  const received = [];
  const seen = new Set();
  let rejected = 0;

  const server = createServer(async (request, response) => {
    const answer = (status, text = "") => {
      response.writeHead(status, { "Content-Type": "text/plain" }).end(text);
    };
    if (request.method !== "POST" || request.url !== INBOX_PATH) return answer(404, "not found");
    const body = await readBody(request).catch(() => null);
    if (body === null) return answer(413, "too large");
    // Not set up yet: ask to be tried again (Embudo honours Retry-After).
    if (!verifier) return response.writeHead(503, { "Retry-After": "5" }).end();
    let event;
    try {
      event = verifier.verify(body, request.headers);
    } catch {
      rejected++;
      return answer(401, "bad signature");
    }
    const id = request.headers["webhook-id"];
    if (!seen.has(id)) {
      seen.add(id);
      received.push({ id, type: event.type, data: event.data });
      log(describe(event));
    }
    answer(204);
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  const url = `http://127.0.0.1:${server.address().port}${INBOX_PATH}`;
  return {
    url,
    received,
    /** How many deliveries failed verification. */
    rejected: () => rejected,
    setSecret(value) {
      verifier = new Webhook(value);
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * Registers the inbox with a collector for lead stage changes to MQL and SQL, replacing any
 * endpoint registered before for the same URL (their secrets are gone with the old inbox).
 * @returns {Promise<{ id: string, secret: string }>}
 */
export async function registerCrmInbox({ collectorUrl, apiKey, inboxUrl }) {
  const headers = { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" };
  const listed = await fetch(`${collectorUrl}/v1/webhooks`, { headers });
  if (!listed.ok) throw new Error(`listing webhooks answered ${listed.status}`);
  for (const endpoint of (await listed.json()).items) {
    if (endpoint.url === inboxUrl)
      await fetch(`${collectorUrl}/v1/webhooks/${endpoint.id}`, { method: "DELETE", headers });
  }
  const created = await fetch(`${collectorUrl}/v1/webhooks`, {
    method: "POST",
    headers,
    body: JSON.stringify({
      url: inboxUrl,
      events: ["lead.stage_changed"],
      stages: ["mql", "sql"],
      description: "the demo CRM inbox (examples/crm-inbox.mjs)",
    }),
  });
  if (created.status !== 201)
    throw new Error(`registering the inbox answered ${created.status}: ${await created.text()}`);
  const { id, secret } = await created.json();
  return { id, secret };
}

/** One line for sales: who, the new stage, and why. */
function describe(event) {
  if (event.type !== "lead.stage_changed") return `${event.type}`;
  const { email, visitorId, stage, previousStage, reason, sequence, qualification } = event.data;
  const who = email ?? `visitor ${visitorId}`;
  const company = qualification?.identity?.company ? ` (${qualification.identity.company})` : "";
  return `→ sales: ${who}${company} is now ${stage.toUpperCase()}${previousStage ? ` (was ${previousStage})` : ""}: ${reason} [#${sequence}]`;
}

function readBody(request) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    request.on("data", (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error("too large"));
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { port: { type: "string", default: "4100" }, secret: { type: "string" } } });
  const secret = values.secret ?? process.env.EMBUDO_WEBHOOK_SECRET;
  if (!secret) {
    console.error("give the endpoint's secret: --secret whsec_… (or EMBUDO_WEBHOOK_SECRET)");
    process.exit(2);
  }
  const inbox = await startCrmInbox({ port: Number(values.port), secret });
  console.log(`CRM inbox listening on ${inbox.url}`);
}
