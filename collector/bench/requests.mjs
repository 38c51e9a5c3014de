// What the collector's benchmarks send: content views, batches, and a visitor's seeded history.
import { monotonicFactory } from "ulid";

const DAY = 86_400_000;

/** Monotonic, so ids made in one millisecond still sort in creation order. */
export const newId = monotonicFactory();

/** A content view of one of 500 blog posts, in one of the three content stages. */
export function contentView(visitorId, ts, i) {
  return {
    id: newId(),
    type: "content_view",
    visitorId,
    sessionId: visitorId,
    ts,
    url: `https://acme.test/blog/post-${i % 500}`,
    stage: ["awareness", "evaluation", "decision"][i % 3],
  };
}

let sent = 0;

/**
 * Sends events of the demo site; fails unless every one was accepted or a duplicate. Each request
 * comes from its own client address, so the per-client rate limit is not what is measured, unless
 * `client` names one: a person's browsers at home share one, which ties them (docs/security.md).
 */
export async function sendEvents(url, events, client = undefined) {
  sent++;
  const address = client ?? `10.1.${(sent >> 8) & 255}.${sent & 255}`;
  const response = await fetch(`${url}/v1/events`, {
    method: "POST",
    headers: { "content-type": "text/plain", "cf-connecting-ip": address },
    body: JSON.stringify({ site: "demo", sentAt: Date.now(), events }),
  });
  if (response.status !== 200) throw new Error(`ingestion answered ${response.status}: ${await response.text()}`);
  const answer = await response.json();
  if (answer.rejected.length > 0) throw new Error(`events rejected: ${JSON.stringify(answer.rejected)}`);
  return answer;
}

/**
 * How far back a seeded history reaches: the collector refuses an event that arrives more than
 * 7 days after it happened, and a bench cannot set the running collector's clock.
 */
const SEED_DAYS = 6;

/** Stores `count` views for a visitor, spread over the last {@link SEED_DAYS} days, 100 per request. */
export async function seedViews(url, visitorId, count) {
  const days = SEED_DAYS;
  const start = Date.now() - days * DAY;
  for (let i = 0; i < count; i += 100) {
    const batch = Array.from({ length: Math.min(100, count - i) }, (_, j) =>
      contentView(visitorId, start + Math.floor(((i + j) * days * DAY) / count), i + j),
    );
    await sendEvents(url, batch);
  }
}
