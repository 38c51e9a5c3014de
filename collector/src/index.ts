/**
 * The Embudo collector Worker: the HTTP app (`app.ts`, which wires every route), the consumers
 * of its two queues and the Durable Object classes, exported as wrangler.jsonc binds them.
 */
import { app } from "./app.ts";
import { consumeIndexWrites } from "./index-projection/consumer.ts";
import type { IndexMessage } from "./index-projection/messages.ts";
import { consumeWebhookAttempts } from "./webhooks/consumer.ts";
import type { AttemptMessage } from "./webhooks/messages.ts";

export { AccountObject } from "./objects/account/account-object.ts";
export { NetworkBudgetObject } from "./objects/network/network-budget-object.ts";
export { PersonObject } from "./objects/person/person-object.ts";
export { VisitorObject } from "./objects/visitor/visitor-object.ts";
export { WebhooksObject } from "./webhooks/webhooks-object.ts";

export default {
  fetch: app.fetch,
  /**
   * Each queue's batches go to its consumer (wrangler.jsonc, `queues.consumers`), told apart by
   * what they carry rather than by queue names, which a deployment may change.
   */
  async queue(batch, env) {
    const first = batch.messages[0]?.body;
    if (first && "deliveryId" in first) await consumeWebhookAttempts(batch as MessageBatch<AttemptMessage>, env);
    else await consumeIndexWrites(batch as MessageBatch<IndexMessage>, env);
  },
} satisfies ExportedHandler<Env, IndexMessage | AttemptMessage>;
