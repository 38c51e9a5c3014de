import type { DeliveryStatus, WebhookDelivery, WebhookEndpoint, WebhookEnvelope } from "@embudo/shared";
import { UNSPACED } from "../spaces.ts";
import { accountSubject } from "./messages.ts";

/**
 * The tables of the webhooks object (`WebhooksObject`): endpoints, deliveries and whom each
 * delivery names, and how their rows read as the API's endpoints and deliveries.
 */

/** The webhooks object's tables, created with its first write. */
export const WEBHOOK_TABLES = [
  `CREATE TABLE IF NOT EXISTS endpoints (
     id TEXT PRIMARY KEY,
     url TEXT NOT NULL,
     events TEXT NOT NULL,
     stages TEXT,
     description TEXT,
     secret TEXT NOT NULL,
     previous_secret TEXT,
     previous_until INTEGER,
     created_at INTEGER NOT NULL,
     disabled_reason TEXT
   )`,
  `CREATE TABLE IF NOT EXISTS deliveries (
     id TEXT PRIMARY KEY,
     endpoint_id TEXT NOT NULL,
     message_id TEXT NOT NULL,
     type TEXT NOT NULL,
     body TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     status TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     round_start INTEGER NOT NULL DEFAULT 0,
     last_attempt_at INTEGER,
     last_status INTEGER,
     next_attempt_at INTEGER,
     sent_at INTEGER,
     leased_until INTEGER,
     UNIQUE (endpoint_id, message_id)
   )`,
  `CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries (next_attempt_at) WHERE status = 'pending'`,
  `CREATE INDEX IF NOT EXISTS deliveries_by_endpoint ON deliveries (endpoint_id, created_at DESC, id DESC)`,
  // Ended deliveries by when they ended, for the purge 30 days later (ENDED_AT in webhooks-object.ts).
  `CREATE INDEX IF NOT EXISTS deliveries_ended ON deliveries (coalesce(last_attempt_at, created_at))
     WHERE status <> 'pending'`,
  // Visitors erased: an event about one of them, published late, is delivered to nobody.
  `CREATE TABLE IF NOT EXISTS erased_visitors (visitor_id TEXT PRIMARY KEY)`,
  // Whom each delivery names (see PublishedEvent.subjects): an erasure's lookup.
  `CREATE TABLE IF NOT EXISTS delivery_subjects (
     subject TEXT NOT NULL,
     delivery_id TEXT NOT NULL,
     PRIMARY KEY (subject, delivery_id)
   )`,
  // A delivery's subjects, deleted with it.
  `CREATE INDEX IF NOT EXISTS delivery_subjects_by_delivery ON delivery_subjects (delivery_id)`,
];

export type EndpointRow = {
  id: string;
  url: string;
  events: string;
  stages: string | null;
  description: string | null;
  secret: string;
  previous_secret: string | null;
  previous_until: number | null;
  created_at: number;
  disabled_reason: string | null;
};

export type DeliveryRow = {
  id: string;
  endpoint_id: string;
  message_id: string;
  type: string;
  body: string;
  created_at: number;
  status: DeliveryStatus;
  attempts: number;
  round_start: number;
  last_attempt_at: number | null;
  last_status: number | null;
  next_attempt_at: number | null;
  sent_at: number | null;
  leased_until: number | null;
};

/** The subjects of a delivery made before subjects were kept, from its envelope. */
export function subjectsOfBody(body: string): string[] {
  const envelope = JSON.parse(body) as WebhookEnvelope;
  switch (envelope.type) {
    case "lead.stage_changed":
      return envelope.data.visitorIds;
    case "account.stage_changed":
      return [
        ...envelope.data.account.people.map((person) => person.visitorId),
        // Deliveries from before spaces carry none: their account was unspaced.
        accountSubject({ space: envelope.data.space ?? UNSPACED, domain: envelope.data.domain }),
      ];
    case "lead.erased":
    case "webhook.test":
      return [];
  }
}

export function parseStages(stages: string | null): string[] | null {
  return stages ? (JSON.parse(stages) as string[]) : null;
}

/** An endpoint as answers show it: deliveries use its URL as given, answers hide the credentials in it. */
export function endpointOf(row: EndpointRow): WebhookEndpoint {
  return {
    id: row.id,
    url: withoutCredentials(row.url),
    events: JSON.parse(row.events) as WebhookEndpoint["events"],
    stages: parseStages(row.stages) as WebhookEndpoint["stages"],
    description: row.description,
    createdAt: new Date(row.created_at).toISOString(),
    disabled: row.disabled_reason !== null,
    disabledReason: row.disabled_reason,
  };
}

/** `url` with the user name and password in it, if any, shown as `***`. */
export function withoutCredentials(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if (parsed.username === "" && parsed.password === "") return url;
  if (parsed.username !== "") parsed.username = "***";
  if (parsed.password !== "") parsed.password = "***";
  return parsed.href;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function deliveryOf(row: DeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    messageId: row.message_id,
    type: row.type,
    createdAt: new Date(row.created_at).toISOString(),
    status: row.status,
    attempts: row.attempts,
    lastAttemptAt: iso(row.last_attempt_at),
    lastStatus: row.last_status,
    nextAttemptAt: row.status === "pending" ? iso(row.next_attempt_at) : null,
  };
}
