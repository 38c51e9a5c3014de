import type { WebhookEventType } from "@embudo/shared";
import { type AccountKey, inSpace } from "../spaces.ts";

/**
 * What the webhooks pipeline passes around: the events published to the webhooks object, and
 * what each attempt needs and how it went.
 */

/** An event to deliver to every endpoint that subscribed to it. */
export interface PublishedEvent {
  type: WebhookEventType;
  /** The `webhook-id`: the same for one event whoever publishes it and however often. */
  messageId: string;
  /** The new stage, for endpoints that filter on it; null for events without one (sent whatever the filter). */
  stage: string | null;
  /**
   * Whom it names: visitor ids, and `account:<domain>` for an account's event. Kept beside each
   * delivery, so an erasure finds the deliveries that name a person without reading every body;
   * once a visitor is erased, an event naming it is not delivered (see `erase`).
   */
  subjects: string[];
  /** The envelope, as every attempt sends it. */
  body: string;
}

/** What one attempt needs (see `delivery.ts`). */
export interface AttemptJob {
  url: string;
  body: string;
  messageId: string;
  /** The endpoint's secret, and its previous one while a rotation's grace lasts. */
  secrets: string[];
}

/** How one attempt went: the receiver's status (null when it did not answer) and its `Retry-After`. */
export interface AttemptOutcome {
  status: number | null;
  retryAfterSeconds: number | null;
  error?: string;
}

/** The subject that stands for a lead in `PublishedEvent.subjects`: its lead id. */
export function leadSubject(leadId: string): string {
  return `lead:${leadId}`;
}

/** The subject that stands for an account in `PublishedEvent.subjects`. */
export function accountSubject(account: AccountKey): string {
  return `account:${inSpace(account.space, account.domain)}`;
}
