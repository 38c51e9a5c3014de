/**
 * Helpers for tests that run the real Worker inside workerd: build wire events, send batches
 * through the Worker's own fetch handler, and look at what a visitor's Durable Object stored.
 */
import { runInDurableObject } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import type { ErrorResponse, WireEvent } from "@embudo/shared";
import { monotonicFactory } from "ulid";
import { expect, vi } from "vitest";
import { createEmbudoClient } from "../client/index.ts";
import { visitorStub } from "../src/objects/object-naming.ts";

/** Monotonic, so ids made in one millisecond still sort in creation order. */
export const newId = monotonicFactory();

export const ORIGIN = "http://localhost:5173";

/** A valid content view for `visitorId`, with any field overridden. */
export function makeEvent(visitorId: string, overrides: Partial<WireEvent> = {}): WireEvent {
  return {
    id: newId(),
    type: "content_view",
    visitorId,
    sessionId: visitorId,
    ts: Date.now(),
    url: "https://acme.test/blog/abm",
    title: "Account-based marketing",
    stage: "awareness",
    ...overrides,
  } as WireEvent;
}

/** A batch for the local demo site. */
export function makeBatch(events: unknown[], overrides: Record<string, unknown> = {}) {
  return { site: "demo", sentAt: Date.now(), events, ...overrides };
}

/** How far apart the events of one batch of {@link sendAsTheyHappened} may be: under the collector's 7 days. */
const ON_TIME_SPAN = 6 * 86_400_000;

/**
 * Sends `events`, in their order, as a tracker online at the time would have: split into batches
 * of events at most six days apart, each sent with the clock (`Date` only, in the Worker too) set
 * just after its latest event. History older than the collector takes late events
 * (`MAX_EVENT_DELAY_DAYS`) arrives on time, as a real site's history did.
 * @returns each batch's answer from `send`, in order.
 */
export async function sendAsTheyHappened<T>(
  events: readonly WireEvent[],
  send: (batch: WireEvent[]) => Promise<T>,
): Promise<T[]> {
  const batches: { events: WireEvent[]; earliest: number; latest: number }[] = [];
  for (const event of events) {
    const batch = batches.at(-1);
    if (batch && Math.max(batch.latest, event.ts) - Math.min(batch.earliest, event.ts) <= ON_TIME_SPAN) {
      batch.events.push(event);
      batch.earliest = Math.min(batch.earliest, event.ts);
      batch.latest = Math.max(batch.latest, event.ts);
    } else batches.push({ events: [event], earliest: event.ts, latest: event.ts });
  }
  const answers: T[] = [];
  for (const batch of batches) {
    const sentAt = batch.latest + 1_000;
    if (sentAt >= Date.now()) {
      answers.push(await send(batch.events));
      continue;
    }
    vi.useFakeTimers({ toFake: ["Date"], now: sentAt });
    try {
      answers.push(await send(batch.events));
    } finally {
      vi.useRealTimers();
    }
  }
  return answers;
}

/** A distinct client address, so each test has its own rate-limit budget. */
export function newClient(): string {
  const n = crypto.getRandomValues(new Uint8Array(3));
  return `10.${n[0]}.${n[1]}.${n[2]}`;
}

/** Sends a raw body to `POST /v1/events` through the Worker. */
export function postEvents(
  body: BodyInit | object,
  {
    origin = ORIGIN,
    client = newClient(),
    headers = {},
  }: { origin?: string | null; client?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  const init: RequestInit = {
    method: "POST",
    headers: {
      "Content-Type": "text/plain",
      "CF-Connecting-IP": client,
      ...(origin ? { Origin: origin } : {}),
      ...headers,
    },
    body: isBody(body) ? body : JSON.stringify(body),
  };
  return request("/v1/events", init);
}

function isBody(body: unknown): body is BodyInit {
  return (
    typeof body === "string" ||
    body instanceof Uint8Array ||
    body instanceof ArrayBuffer ||
    body instanceof ReadableStream
  );
}

/** How many events the visitor's Durable Object holds, read from its storage directly (0: no table yet). */
export async function storedCount(visitorId: string): Promise<number> {
  return (await storedEvents(visitorId)).length;
}

/** The events the visitor's Durable Object stored, as stored, oldest first (none: no table yet). */
export function storedEvents(visitorId: string): Promise<Record<string, unknown>[]> {
  return runInDurableObject(visitorStub(env.VISITORS, visitorId), (_, state) => {
    const tables = state.storage.sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'");
    if (tables.toArray().length === 0) return [];
    return state.storage.sql
      .exec<{ body: string }>("SELECT body FROM events ORDER BY ts, id")
      .toArray()
      .map((row) => JSON.parse(row.body));
  });
}

/** The origin tests address the Worker at; requests never leave workerd. */
const WORKER_ORIGIN = "http://collector.test";

/** The read API's key: the binding vitest.config.ts gives the Worker. */
export const KEY = "test-api-key";

/**
 * The client address of this test file's requests, unless one is given: each file has its own
 * rate-limit budgets, as separate clients do.
 */
const FILE_CLIENT = newClient();

/** Sends a request to the Worker's own fetch handler, from this file's client unless it names one. */
function send(request: Request): Promise<Response> {
  if (!request.headers.has("CF-Connecting-IP")) request.headers.set("CF-Connecting-IP", FILE_CLIENT);
  return exports.default.fetch(request);
}

/** Sends any request to the Worker; `path` is relative to its origin. */
export function request(path: string, init: RequestInit = {}): Promise<Response> {
  return send(new Request(`${WORKER_ORIGIN}${path}`, init));
}

/** The API through the client typed from its OpenAPI document, with the key, sent to the Worker. */
export const api = createEmbudoClient({
  baseUrl: WORKER_ORIGIN,
  apiKey: KEY,
  fetch: send,
});

/** Sales' review of a browser's claim to be a person: `POST /v1/visitors/{visitorId}/claim`. */
export function reviewClaim(visitorId: string, decision: "confirmed" | "rejected", email?: string) {
  return api.POST("/v1/visitors/{visitorId}/claim", {
    params: { path: { visitorId } },
    body: email === undefined ? { decision } : { decision, email },
  });
}

/** The `code` of an error answer. */
export async function errorCode(response: Response): Promise<string> {
  return ((await response.json()) as ErrorResponse).error.code;
}

/** Sends a GET through the Worker, with an optional bearer key. */
export function get(path: string, key?: string): Promise<Response> {
  return request(path, key === undefined ? {} : { headers: { Authorization: `Bearer ${key}` } });
}

/**
 * Rate-limit windows are fixed: a flood that straddles two would see its count reset halfway,
 * so wait until the current window has `needed` seconds left.
 */
export async function awaitFreshWindow(period: number, needed: number): Promise<void> {
  const left = period * 1000 - (Date.now() % (period * 1000));
  if (left < needed * 1000) await new Promise((resolve) => setTimeout(resolve, left + 50));
}

/** Sends `events` of the demo site, 100 a request as the tracker batches them; every one must be stored. */
export async function sendInBatches(events: unknown[]): Promise<void> {
  for (let i = 0; i < events.length; i += 100) {
    const batch = events.slice(i, i + 100);
    const response = await postEvents(makeBatch(batch));
    expect(await response.json()).toMatchObject({ accepted: batch.length, rejected: [] });
  }
}

/**
 * Reads until `ready` holds, for what the collector finishes just after a request (a merge, an
 * account report): alarms set for now run on their own in workerd, a moment later. Fails with
 * the last value read after `timeoutMs`.
 */
export async function eventually<T>(
  read: () => Promise<T>,
  ready: (value: T) => boolean,
  timeoutMs = 5_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ready(value)) return value;
    if (Date.now() > deadline) throw new Error(`still not ready after ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Every key a Durable Object keeps in its `meta` table, read from its storage directly. */
export function storedMetaKeys(stub: DurableObjectStub): Promise<string[]> {
  return runInDurableObject(stub, (_, state) =>
    state.storage.sql
      .exec<{ key: string }>("SELECT key FROM meta")
      .toArray()
      .map((row) => row.key),
  );
}
