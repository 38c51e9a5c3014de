import {
  DELIVERY_STATUSES,
  MAX_WEBHOOK_ENDPOINTS,
  webhookCreateSchema,
  webhookDeliveriesPageSchema,
  webhookDeliverySchema,
  webhookSchema,
  webhooksListSchema,
  webhookWithSecretSchema,
} from "@embudo/shared";
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { ApiError } from "../errors.ts";
import { webhooksStub } from "../objects/object-naming.ts";
import { authenticated, errorResponses, limitBody, newRouter } from "../openapi.ts";
import { decodeCursor, pageAnswer, pageQuery } from "../params/page-cursor.ts";
import { endpointAddressProblem } from "../webhooks/address.ts";

/** An endpoint's URL, events, stages and description fit in far less. */
const WEBHOOK_MAX_BYTES = 8 * 1024;

const endpointParams = z.object({
  id: z
    .string()
    .regex(/^wh_[0-9A-HJKMNP-TV-Z]{26}$/, "must be a webhook id: wh_ and a ULID")
    .describe("The endpoint's id."),
});
const deliveryParams = endpointParams.extend({
  deliveryId: z
    .string()
    .regex(/^dlv_[0-9A-HJKMNP-TV-Z]{26}$/, "must be a delivery id: dlv_ and a ULID")
    .describe("The delivery's id."),
});

const deliveriesQuery = z.strictObject({
  status: z.enum(DELIVERY_STATUSES).optional().describe("Only deliveries in this state."),
  ...pageQuery,
});

function notFound(id: string): ApiError {
  return new ApiError(404, "webhook_not_found", `no webhook endpoint ${id}`);
}

const json = <S extends z.ZodType>(description: string, schema: S) => ({
  description,
  content: { "application/json": { schema } },
});

const tags = ["Webhooks"];

const createWebhookRoute = createRoute({
  method: "post",
  path: "/",
  summary: "Add a webhook endpoint",
  description:
    "Registers a receiver for stage changes. Deliveries follow Standard Webhooks: headers `webhook-id`, " +
    "`webhook-timestamp` and `webhook-signature` (HMAC-SHA256 with the secret answered here, and only here and " +
    "by rotate). A 2xx within 15 s ends a delivery; 410 disables the endpoint; anything else is retried after " +
    "5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h (or later, when the receiver's Retry-After asks for longer). " +
    `The URL must be https on a public host. A collector has at most ${MAX_WEBHOOK_ENDPOINTS} endpoints.`,
  tags,
  ...authenticated(limitBody(WEBHOOK_MAX_BYTES)),
  request: { body: { required: true, content: { "application/json": { schema: webhookCreateSchema } } } },
  responses: {
    201: json("The endpoint, with its signing secret.", webhookWithSecretSchema),
    ...errorResponses(400, 401, 409, 413, 415, 503),
  },
});

const listWebhooksRoute = createRoute({
  method: "get",
  path: "/",
  summary: "List webhook endpoints",
  tags,
  ...authenticated(),
  responses: {
    200: json("Every endpoint, oldest first, without secrets.", webhooksListSchema),
    ...errorResponses(401, 503),
  },
});

const getWebhookRoute = createRoute({
  method: "get",
  path: "/{id}",
  summary: "A webhook endpoint",
  tags,
  ...authenticated(),
  request: { params: endpointParams },
  responses: { 200: json("The endpoint, without its secret.", webhookSchema), ...errorResponses(400, 401, 404, 503) },
});

const deleteWebhookRoute = createRoute({
  method: "delete",
  path: "/{id}",
  summary: "Remove a webhook endpoint",
  description: "The endpoint and its deliveries go; nothing more is sent to it.",
  tags,
  ...authenticated(),
  request: { params: endpointParams },
  responses: { 204: { description: "Removed." }, ...errorResponses(400, 401, 404, 503) },
});

const rotateWebhookRoute = createRoute({
  method: "post",
  path: "/{id}/rotate",
  summary: "Rotate a webhook endpoint's secret",
  description:
    "A new secret, shown in this answer only. For 24 hours every delivery is signed with both the new and the " +
    "previous secret, so the receiver can switch over without missing one.",
  tags,
  ...authenticated(),
  request: { params: endpointParams },
  responses: {
    200: json("The endpoint, with its new secret.", webhookWithSecretSchema),
    ...errorResponses(400, 401, 404, 503),
  },
});

const testWebhookRoute = createRoute({
  method: "post",
  path: "/{id}/test",
  summary: "Send a test event",
  description: "Delivers a `webhook.test` event to the endpoint, signed and retried like any other.",
  tags,
  ...authenticated(),
  request: { params: endpointParams },
  responses: { 202: json("The delivery, on its way.", webhookDeliverySchema), ...errorResponses(400, 401, 404, 503) },
});

const listDeliveriesRoute = createRoute({
  method: "get",
  path: "/{id}/deliveries",
  summary: "List an endpoint's deliveries",
  description: "Newest first, each with its attempts so far, the last answer and when the next attempt is due.",
  tags,
  ...authenticated(),
  request: { params: endpointParams, query: deliveriesQuery },
  responses: {
    200: json("One page of deliveries.", webhookDeliveriesPageSchema),
    ...errorResponses(400, 401, 404, 503),
  },
});

const replayDeliveryRoute = createRoute({
  method: "post",
  path: "/{id}/deliveries/{deliveryId}/replay",
  summary: "Deliver again",
  description: "Sends the same message again, with the same `webhook-id`, and retries it as a new delivery would be.",
  tags,
  ...authenticated(),
  request: { params: deliveryParams },
  responses: {
    202: json("The delivery, on its way again.", webhookDeliverySchema),
    ...errorResponses(400, 401, 404, 503),
  },
});

/**
 * `/v1/webhooks`: endpoints that hear of every stage change (create, list, get, delete, rotate,
 * test), and their deliveries (list, replay). The webhooks object keeps them (`WebhooksObject`).
 */
export const webhooksRoute = newRouter()
  .openapi(createWebhookRoute, async (c) => {
    const input = c.req.valid("json");
    const problem = endpointAddressProblem(input.url, c.var.config.webhooks.allowPrivate);
    if (problem) throw new ApiError(400, "invalid_webhook_url", `url ${problem}`);
    const created = await webhooksStub(c.env.WEBHOOKS).create(input, Date.now());
    if (!created) {
      throw new ApiError(
        409,
        "too_many_webhooks",
        `a collector has at most ${MAX_WEBHOOK_ENDPOINTS} webhook endpoints; delete one to add another`,
      );
    }
    return c.json(created, 201);
  })
  .openapi(listWebhooksRoute, async (c) => c.json({ items: await webhooksStub(c.env.WEBHOOKS).list() }, 200))
  .openapi(getWebhookRoute, async (c) => {
    const { id } = c.req.valid("param");
    const endpoint = await webhooksStub(c.env.WEBHOOKS).get(id);
    if (!endpoint) throw notFound(id);
    return c.json(endpoint, 200);
  })
  .openapi(deleteWebhookRoute, async (c) => {
    const { id } = c.req.valid("param");
    if (!(await webhooksStub(c.env.WEBHOOKS).remove(id))) throw notFound(id);
    return c.body(null, 204);
  })
  .openapi(rotateWebhookRoute, async (c) => {
    const { id } = c.req.valid("param");
    const rotated = await webhooksStub(c.env.WEBHOOKS).rotate(id, Date.now());
    if (!rotated) throw notFound(id);
    return c.json(rotated, 200);
  })
  .openapi(testWebhookRoute, async (c) => {
    const { id } = c.req.valid("param");
    const delivery = await webhooksStub(c.env.WEBHOOKS).sendTest(id, Date.now());
    if (!delivery) throw notFound(id);
    return c.json(delivery, 202);
  })
  .openapi(listDeliveriesRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { cursor, status, limit } = c.req.valid("query");
    const page = await webhooksStub(c.env.WEBHOOKS).deliveries(id, {
      limit,
      ...(status ? { status } : {}),
      ...(cursor ? { after: decodeCursor(cursor) } : {}),
    });
    if (!page) throw notFound(id);
    return c.json(pageAnswer(page), 200);
  })
  .openapi(replayDeliveryRoute, async (c) => {
    const { id, deliveryId } = c.req.valid("param");
    const delivery = await webhooksStub(c.env.WEBHOOKS).replay(id, deliveryId, Date.now());
    if (!delivery) throw new ApiError(404, "delivery_not_found", `no delivery ${deliveryId} of webhook ${id}`);
    return c.json(delivery, 202);
  });
