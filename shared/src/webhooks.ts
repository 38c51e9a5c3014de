/**
 * Stage-change webhooks: what `POST /v1/webhooks` takes and answers, the deliveries listing, and
 * the events a receiver gets. Deliveries follow the Standard Webhooks specification (an envelope
 * `{ type, timestamp, data }`, headers `webhook-id`, `webhook-timestamp`, `webhook-signature`), so
 * any of its libraries verifies them.
 */
import { z } from "zod";
import { nextCursorSchema } from "./paging.ts";
import type { Account } from "./scoring/accounts.ts";
import type { Qualification } from "./scoring/qualification.ts";
import {
  ACCOUNT_STAGES,
  type AccountStage,
  QUALIFICATION_STAGES,
  type QualificationStage,
} from "./scoring/stage-names.ts";

/** The events an endpoint may subscribe to. */
export const WEBHOOK_EVENT_TYPES = ["lead.stage_changed", "account.stage_changed", "lead.erased"] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** The stages an endpoint may filter on: a lead's or an account's. */
export const WEBHOOK_STAGES = [...new Set([...QUALIFICATION_STAGES, ...ACCOUNT_STAGES])] as [
  QualificationStage | AccountStage,
  ...(QualificationStage | AccountStage)[],
];

/**
 * How many webhook endpoints a collector may have. Every stage change is one delivery per
 * endpoint, all from one object: a few CRMs and a chat channel is the use; hundreds would be a
 * fan-out the object spends a minute on.
 */
export const MAX_WEBHOOK_ENDPOINTS = 50;

/** Body of `POST /v1/webhooks`. */
export const webhookCreateSchema = z
  .strictObject({
    url: z
      .string()
      .max(2048)
      .describe("Where deliveries go: https on a public address (http and private hosts are refused)."),
    events: z
      .array(z.enum(WEBHOOK_EVENT_TYPES))
      .min(1)
      .optional()
      .describe("The events to receive (default: all of them)."),
    stages: z
      .array(z.enum(WEBHOOK_STAGES))
      .min(1)
      .optional()
      .describe('Only changes to these stages, e.g. ["mql", "sql"] (default: every stage).'),
    description: z.string().max(500).optional().describe("For people: what this endpoint is."),
  })
  .meta({ id: "WebhookCreate" });
export type WebhookCreate = z.infer<typeof webhookCreateSchema>;

/** An endpoint as the API shows it: never its secret, except where {@link webhookWithSecretSchema} says. */
export const webhookSchema = z
  .object({
    id: z.string().describe("The endpoint's id: `wh_…`."),
    url: z
      .string()
      .describe("Where deliveries go. Credentials in it (`https://user:pass@…`) are shown as `***`, never as given."),
    events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
    stages: z.array(z.enum(WEBHOOK_STAGES)).nullable().describe("The stage filter; null: every stage."),
    description: z.string().nullable(),
    createdAt: z.iso.datetime(),
    disabled: z.boolean().describe("A disabled endpoint gets nothing: its receiver answered 410 Gone."),
    disabledReason: z.string().nullable(),
  })
  .meta({ id: "Webhook" });
export type WebhookEndpoint = z.infer<typeof webhookSchema>;

/** An endpoint with its signing secret: the answer of creation and rotation, the only ones that show it. */
export const webhookWithSecretSchema = webhookSchema
  .extend({
    secret: z
      .string()
      .describe("`whsec_…`: the key of every signature. Shown here only: keep it where the receiver can read it."),
  })
  .meta({ id: "WebhookWithSecret" });
export type WebhookEndpointWithSecret = z.infer<typeof webhookWithSecretSchema>;

/** `GET /v1/webhooks`. */
export const webhooksListSchema = z.object({ items: z.array(webhookSchema) }).meta({ id: "WebhooksList" });

/** Where a delivery stands. */
export const DELIVERY_STATUSES = ["pending", "succeeded", "failed"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One message to one endpoint, with its attempts so far. */
export const webhookDeliverySchema = z
  .object({
    id: z.string().describe("The delivery's id: `dlv_…`."),
    messageId: z.string().describe("The `webhook-id` header: the same on every attempt and replay."),
    type: z.string().describe("The event type: lead.stage_changed, account.stage_changed, lead.erased, webhook.test."),
    createdAt: z.iso.datetime(),
    status: z.enum(DELIVERY_STATUSES),
    attempts: z.number().int().nonnegative(),
    lastAttemptAt: z.iso.datetime().nullable(),
    lastStatus: z
      .number()
      .int()
      .nullable()
      .describe("The receiver's HTTP status at the last attempt; null when it did not answer (or none yet)."),
    nextAttemptAt: z.iso.datetime().nullable().describe("When the next attempt is due; null once it ended."),
  })
  .meta({ id: "WebhookDelivery" });
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

/** `GET /v1/webhooks/:id/deliveries`, newest first. */
export const webhookDeliveriesPageSchema = z
  .object({
    items: z.array(webhookDeliverySchema),
    nextCursor: nextCursorSchema,
  })
  .meta({ id: "WebhookDeliveriesPage" });

/** `lead.stage_changed`: a lead moved to another stage. */
export interface LeadStageChangedData {
  visitorId: string;
  visitorIds: string[];
  email: string | null;
  previousStage: QualificationStage | null;
  stage: QualificationStage;
  at: string;
  reason: string;
  rule: string;
  /** Rises by one per change of this lead: order them by it. */
  sequence: number;
  /** The lead's qualification when it changed, as `GET /v1/leads` lists it. */
  qualification: Qualification;
}

/** `account.stage_changed`: an account moved to another stage. */
export interface AccountStageChangedData {
  domain: string;
  /** The account's people space (`Account.space`): one domain in two spaces is two accounts. */
  space: string;
  previousStage: AccountStage | null;
  stage: AccountStage;
  at: string;
  sequence: number;
  account: Account;
}

/** `lead.erased`: a lead's data was erased; nothing personal is said. */
export interface LeadErasedData {
  visitorIds: string[];
  at: string;
}

/** The body of every delivery. */
export type WebhookEnvelope =
  | { type: "lead.stage_changed"; timestamp: string; data: LeadStageChangedData }
  | { type: "account.stage_changed"; timestamp: string; data: AccountStageChangedData }
  | { type: "lead.erased"; timestamp: string; data: LeadErasedData }
  | { type: "webhook.test"; timestamp: string; data: { endpointId: string; at: string } };
