import {
  batchEnvelopeSchema,
  DAY,
  describeIssues,
  EARLIEST_EVENT_TIME,
  type EventRejection,
  eventBatchSchema,
  givenEmail,
  ingestResponseSchema,
  LIMITS,
  validateEvent,
} from "@embudo/shared";
import { createRoute } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import type { z } from "zod";
import type { AppEnv } from "../env.ts";
import { ApiError, errorMessage } from "../errors.ts";
import { clientAddress, rateLimit } from "../middleware/rate-limit.ts";
import { visitorStub } from "../objects/object-naming.ts";
import type { StoredEvent } from "../objects/stored-events.ts";
import { errorResponses, limitBody, newRouter, registerJsonSchema } from "../openapi.ts";
import { suppressionHashes } from "../privacy/email-hash.ts";
import { networkTag } from "../privacy/network.ts";
import { expired, INVALID_TIME, MAX_EVENT_DELAY_DAYS, type Refusal, SUPPRESSED_EMAIL, TOO_LATE } from "../refusals.ts";
import { anySiteAllows, originAllowed, requireSite, type SiteConfig } from "../sites.ts";
import { suppressedEmails } from "../storage/suppressions.ts";

type EventsEnv = AppEnv & {
  Variables: AppEnv["Variables"] & { batch: z.output<typeof batchEnvelopeSchema>; site: SiteConfig };
};

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/** Reads and checks the envelope: encoding, JSON, shape, event count, and the site key (401). */
function readBatch(): MiddlewareHandler<EventsEnv> {
  return async (c, next) => {
    const bytes = await c.req.arrayBuffer();
    if (bytes.byteLength === 0) throw new ApiError(400, "empty_body", "the request has no body");
    let text: string;
    try {
      text = strictUtf8.decode(bytes);
    } catch {
      throw new ApiError(400, "invalid_encoding", "the body is not valid UTF-8");
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ApiError(400, "malformed_json", "the body is not valid JSON");
    }
    if (typeof json !== "object" || json === null || Array.isArray(json)) {
      throw new ApiError(400, "invalid_batch", "the body must be a JSON object with site, sentAt and events");
    }
    const events = (json as { events?: unknown }).events;
    if (Array.isArray(events) && events.length > LIMITS.maxEventsPerBatch) {
      throw new ApiError(
        413,
        "too_many_events",
        `a batch holds at most ${LIMITS.maxEventsPerBatch} events; this one has ${events.length}`,
      );
    }
    const parsed = batchEnvelopeSchema.safeParse(json);
    if (!parsed.success) throw new ApiError(400, "invalid_batch", describeIssues(parsed.error));
    c.set("batch", parsed.data);
    c.set("site", requireSite(c.var.config.sites, parsed.data.site));
    await next();
  };
}

/**
 * Browsers always send `Origin` on this cross-site POST; it must be one of the site's.
 * Requests without it (servers, curl) are allowed: the site key is public anyway, and the
 * origin check exists to stop other websites from sending on a site's behalf.
 */
function checkOrigin(): MiddlewareHandler<EventsEnv> {
  return async (c, next) => {
    const origin = c.req.header("Origin");
    if (origin !== undefined && !originAllowed(c.var.site, origin)) {
      throw new ApiError(403, "origin_not_allowed", `site "${c.var.batch.site}" does not accept events from ${origin}`);
    }
    await next();
  };
}

/**
 * Moves a client's event time onto the collector's clock: the client said it sent the batch at
 * `sentAt`, so every event is shifted by the difference. Never into the future. How far back it
 * may land is capped by the caller (`MAX_EVENT_DELAY_DAYS`), whatever the client's clocks say.
 */
export function correctClockSkew(ts: number, sentAt: number, receivedAt: number): number {
  return Math.min(ts + (receivedAt - sentAt), receivedAt);
}

/**
 * Takes out of `byVisitor` every event that gives an email on the suppression list, and reports
 * each to `refuse`: it is stored nowhere. Only batches that give an email pay for the lookup (one
 * D1 read). Without `EMBUDO_HASH_KEY` no email can have been erased (erasure needs it), so there
 * is nothing to look up.
 */
async function refuseSuppressedEmails(
  env: Env,
  byVisitor: Map<string, StoredEvent[]>,
  refuse: (event: StoredEvent, refusal: Refusal) => void,
): Promise<void> {
  const key = env.EMBUDO_HASH_KEY;
  if (!key) return;
  const giving: Array<{ event: StoredEvent; hashes: string[] }> = [];
  for (const events of byVisitor.values()) {
    for (const event of events) {
      const email = givenEmail(event);
      if (email !== null) giving.push({ event, hashes: await suppressionHashes(key, email) });
    }
  }
  if (giving.length === 0) return;
  let suppressed: Set<string>;
  try {
    suppressed = await suppressedEmails(
      env.DB,
      giving.flatMap((entry) => entry.hashes),
    );
  } catch (error) {
    console.error("suppression lookup failed", errorMessage(error));
    throw new ApiError(503, "storage_unavailable", "events could not be stored; retry later", { "Retry-After": "5" });
  }
  for (const { event, hashes } of giving) {
    if (!hashes.some((hash) => suppressed.has(hash))) continue;
    refuse(event, SUPPRESSED_EMAIL);
    const events = byVisitor.get(event.visitorId)!;
    events.splice(events.indexOf(event), 1);
    if (events.length === 0) byVisitor.delete(event.visitorId);
  }
}

/** A browser driven without a window: its events are flagged `automation`, like the tracker's webdriver flag. */
const HEADLESS_USER_AGENT = /headless/i;

/** `POST /v1/events`: validates each event on its own and stores the valid ones exactly once. */
export const eventsRoute = newRouter();

/** The body as documented: the tracker sends it as text/plain (no CORS preflight) or as JSON. */
const batchBody = registerJsonSchema(eventsRoute, "EventBatch", eventBatchSchema, "input");

/**
 * `POST /v1/events`. The body is not validated by the router: the request is checked first
 * (rate, size, encoding, JSON, envelope, site, origin) and then each event on its own, so one bad event
 * never sinks its batch. The document describes it through the `EventBatch` schema.
 */
const ingestRoute = createRoute({
  method: "post",
  path: "/",
  summary: "Send tracked events",
  description:
    "Validates each event on its own and stores the valid ones exactly once (by event id); the answer says " +
    "which were rejected and why. Events are dated on the collector's clock, corrected by `sentAt`.",
  tags: ["Ingestion"],
  middleware: [
    // Counted first, per client address: the site key is in the body, which is read only after.
    rateLimit((env) => env.INGEST_LIMITER),
    limitBody(LIMITS.maxBodyBytes),
    readBatch(),
    checkOrigin(),
  ] as const,
  request: {
    body: {
      required: true,
      content: { "text/plain": { schema: batchBody }, "application/json": { schema: batchBody } },
    },
  },
  responses: {
    200: {
      description: "The batch was read: how many events were stored, were duplicates, or were rejected.",
      content: { "application/json": { schema: ingestResponseSchema } },
    },
    ...errorResponses(400, 401, 403, 413, 429, 503),
  },
});

eventsRoute.use(
  "*",
  cors({
    origin: (origin, c: Context<AppEnv>) => (anySiteAllows(c.var.config.sites, origin) ? origin : null),
    allowMethods: ["POST", "OPTIONS"],
    allowHeaders: ["Content-Type"],
    // The tracker reads Retry-After from a 429 or 503 to time its retry.
    exposeHeaders: ["Retry-After"],
    maxAge: 86400,
    credentials: false,
  }),
);

eventsRoute.openapi(ingestRoute, async (c) => {
  const { site: siteKey, sentAt, events } = c.var.batch;
  const receivedAt = Date.now();
  // Headless Chrome says so in its User-Agent; the collector reads it here rather than every
  // visitor's browser reading navigator.userAgent on load (the tracker's dearest property).
  const headless = HEADLESS_USER_AGENT.test(c.req.header("User-Agent") ?? "");
  // Which browsers share a network: what ties a second browser to a person.
  const network = await networkTag(c.env.EMBUDO_HASH_KEY, clientAddress(c));
  const rejected: EventRejection[] = [];
  const byVisitor = new Map<string, StoredEvent[]>();
  /** Where each event id sits in the batch, to answer a refusal by the visitor's object. */
  const indexesById = new Map<string, number[]>();

  events.forEach((raw, index) => {
    const result = validateEvent(raw);
    if (!result.ok) {
      rejected.push({ index, code: result.code, message: result.message });
      return;
    }
    const event = result.event;
    const ts = correctClockSkew(event.ts, sentAt, receivedAt);
    if (ts < EARLIEST_EVENT_TIME) {
      // Only a sentAt far ahead of the event's own clock gets here: the batch's times are
      // inconsistent, and storing the event would date it decades back.
      rejected.push({ index, ...INVALID_TIME });
      return;
    }
    if (ts < receivedAt - c.var.site.retentionDays * DAY) {
      // It would be deleted by the next alarm: the site keeps nothing this old.
      rejected.push({ index, ...expired(c.var.site.retentionDays) });
      return;
    }
    if (ts < receivedAt - MAX_EVENT_DELAY_DAYS * DAY) {
      // The client's own clock says it happened long ago (ts far before sentAt): a queue holds
      // events for hours, so this is a batch dating its events at will.
      rejected.push({ index, ...TOO_LATE });
      return;
    }
    const stored: StoredEvent = {
      ...event,
      ...(headless && { automation: true }),
      ts,
      clientTs: event.ts,
      site: siteKey,
      receivedAt,
      ...(network && { network }),
    };
    indexesById.set(event.id, [...(indexesById.get(event.id) ?? []), index]);
    const list = byVisitor.get(event.visitorId);
    if (list) list.push(stored);
    else byVisitor.set(event.visitorId, [stored]);
  });

  await refuseSuppressedEmails(c.env, byVisitor, (event, refusal) => {
    for (const index of indexesById.get(event.id) ?? []) rejected.push({ index, ...refusal });
  });

  let accepted = 0;
  let duplicates = 0;
  try {
    const results = await Promise.all(
      [...byVisitor].map(([visitorId, list]) => visitorStub(c.env.VISITORS, visitorId).ingest(list)),
    );
    for (const result of results) {
      accepted += result.accepted;
      duplicates += result.duplicates;
      for (const refusal of result.refused) {
        for (const index of indexesById.get(refusal.id) ?? []) {
          rejected.push({ index, code: refusal.code, message: refusal.message });
        }
      }
    }
    rejected.sort((a, b) => a.index - b.index);
  } catch (error) {
    // Some visitors may be stored already; a retry of the whole batch is safe because
    // stored events come back as duplicates.
    console.error("ingestion failed", errorMessage(error));
    throw new ApiError(503, "storage_unavailable", "events could not be stored; retry later", {
      "Retry-After": "5",
    });
  }

  return c.json({ accepted, duplicates, rejected }, 200);
});
