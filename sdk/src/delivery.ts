import type { WireBatch, WireEvent } from "@embudo/shared";
import type { LIMITS } from "@embudo/shared/limits";
import { api, site } from "./config.ts";
import { keys, QUEUE_KEY, read, remove, storing, write } from "./storage.ts";
import { ulid } from "./ulid.ts";

/**
 * Events wait this long for company before a batch goes out. The page's first batch does not
 * wait: the load view (with the calls the stub queued) leaves as soon as the script has run, so
 * a visit that ends at once is still counted, and the first request costs the page least early.
 */
export const BATCH_DELAY_MS = 500;
/** The queue keeps at most this many events, of all pages; the oldest pages' go first. */
export const MAX_QUEUED = 250;
/**
 * Another page's events this old are sent by whichever page flushes next: their page is gone
 * (closed, or left before its last answer came), or has been failing to deliver them anyway.
 */
export const ABANDONED_AFTER_MS = 10_000;
/** The collector's limit: a compile error says when the two part. */
const MAX_BATCH_EVENTS = 100 satisfies typeof LIMITS.maxEventsPerBatch;
/**
 * Characters of events in one request: at most 3 bytes each in UTF-8, so the body stays under
 * the collector's body limit without measuring bytes (`limits.test.ts` checks the sum). Real batches are far smaller; only a long outage
 * fills a queue enough to need several requests.
 */
export const MAX_BATCH_CHARS = 21_000;
/** Whole-request refusals by the collector that no retry can change (its API document lists them). */
const FINAL_REFUSALS = [400, 401, 403, 413];
/** Retries wait 1–2 s, then twice as long each time, up to 1–2 minutes. */
const MAX_BACKOFF_MS = 60_000;

/*
 * At-least-once delivery. localStorage holds the queue, so an event survives a reload or an
 * outage; an event leaves it only when the collector answered for it (2xx, or a 4xx that will
 * never succeed). Every event keeps the id it was made with, so an event sent twice (its answer
 * lost on unload, or taken over while its page still lived) is deduplicated by the collector.
 *
 * Each event has a key of its own: `embudo:q`, the id of the page that recorded it, then the
 * event's number on that page. The site's tabs share localStorage, but each renderer works on a
 * copy that the others' writes reach later, so two tabs rewriting one shared queue at the same
 * moment would each drop the other's newest event. A key that only one page ever writes loses
 * nothing. A page sends the events it recorded, and those of other pages once they are
 * abandoned (see {@link ABANDONED_AFTER_MS}), so two live tabs do not send each other's events.
 *
 * One request at a time, in key order: pages in the order they loaded (their ids are ULIDs),
 * each page's events in the order it recorded them. A success sends the next batch at once.
 * Requests are `fetch` with `keepalive` (it outlives the page, so navigation is never delayed)
 * and a string body, which goes out as `text/plain`: a simple request, no CORS preflight.
 */
let busy: boolean | undefined;
// biome-ignore lint/correctness/noUnusedVariables: read by `||=` in schedule(), which Biome misses
let timer: ReturnType<typeof setTimeout> | 0 = 0;
let failures = 0;
let retryAt = 0;
/** How long the next event waits: nothing until the first flush, {@link BATCH_DELAY_MS} after. */
let delay = 0;
/** The start of this page's keys. Made on load, so a reload is another page. */
const page = QUEUE_KEY + ulid();
/** The next event's number on this page: seven digits, so that keys sort as numbers do. */
let sequence = 1e6;

/**
 * Flushes in `ms`, or, for 0, as soon as the running script is done: a microtask, which costs
 * the page less than a task, and still sees every event of the script that queued it. Queued
 * by a promise rather than `queueMicrotask`, a call into the browser whose first use costs the
 * page more on load.
 */
const schedule = (ms: number): void => {
  // The promise's value is flush()'s `now`: false.
  if (!ms) Promise.resolve(false).then(flush);
  else
    timer ||= setTimeout(() => {
      timer = 0;
      flush();
    }, ms);
};

/** Queues an event; it goes out with the next batch. */
export const enqueue = (event: WireEvent): void => {
  write(page + sequence++, JSON.stringify(event));
  schedule(delay);
};

/**
 * Sends the oldest queued events, if consent allows. `now` skips the wait for a backoff to
 * end: the page is going away and this may be its last chance.
 */
export const flush = (now?: boolean): void => {
  const queued = keys(QUEUE_KEY).sort();
  // Beyond the cap, the oldest events go, whichever page recorded them. Done before the checks
  // below, so that the cap holds while consent is awaited or the collector is unreachable.
  queued.slice(0, -MAX_QUEUED).map(remove);
  delay = BATCH_DELAY_MS;
  if (busy || !storing) return;
  const time = Date.now();
  const wait = retryAt - time;
  // biome-ignore lint/correctness/noVoidTypeReturn: one byte less in the bundle than a block
  if (wait > 0 && !now) return schedule(wait);
  const batch: WireEvent[] = [];
  const sent: string[] = [];
  let chars = 0;
  for (const key of queued.slice(-MAX_QUEUED))
    try {
      const stored = read(key)!;
      const event: WireEvent = JSON.parse(stored);
      if (
        // Another page's event that is not abandoned yet will be at the flush this schedules (or
        // at one already pending, which takes its place): a page that is gone leaves no one else.
        (key.startsWith(page) || time - event.ts >= ABANDONED_AFTER_MS || void schedule(ABANDONED_AFTER_MS)) &&
        batch.length < MAX_BATCH_EVENTS &&
        // The oldest event always goes: one too big for any batch is refused with a 413,
        // which drops it instead of blocking the queue.
        ((chars += stored.length) < MAX_BATCH_CHARS || !batch[0])
      )
        sent.push(key) && batch.push(event);
    } catch {
      // Not an event (another script's value under our prefix, or a key another tab has just
      // delivered): it must not break delivery.
      remove(key);
    }
  if (!batch[0]) return;

  const settle = (delivered: boolean, retryAfter?: string | null) => {
    busy = false;
    if (delivered) {
      failures = retryAt = 0;
      sent.map(remove);
      flush();
    } else {
      // Retry-After (seconds) wins; otherwise exponential backoff with jitter, so that a
      // site's browsers do not all come back in the same second.
      retryAt =
        Date.now() + (+retryAfter! * 1000 || Math.min(MAX_BACKOFF_MS, 500 * 2 ** ++failures) * (1 + Math.random()));
      schedule(retryAt - Date.now());
    }
  };
  busy = true;
  // A base URL given with a trailing "/" must not make the path "//v1/events".
  fetch((api + "/v1/events").replace("//v1/", "/v1/"), {
    method: "POST",
    body: JSON.stringify({ v: 1, site, sentAt: Date.now(), events: batch } satisfies WireBatch),
    keepalive: true,
  }).then(
    // A 200 delivers the batch even when some events were rejected: they are invalid and
    // would be rejected again. So do the collector's own refusals of a whole request (400,
    // 401, 403, 413): resending cannot succeed. Anything else (429, 5xx, or a 404 or 408
    // from a proxy in between) may pass later, so the events stay queued.
    (response) => settle(response.ok || FINAL_REFUSALS.includes(response.status), response.headers.get("retry-after")),
    () => settle(false),
  );
};
