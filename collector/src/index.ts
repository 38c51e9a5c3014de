/**
 * The Embudo collector Worker: the HTTP app (`app.ts`, which wires every route), the consumer of
 * its index queue and the Durable Object classes, exported as wrangler.jsonc binds them.
 */
import { app } from "./app.ts";
import { consumeIndexWrites } from "./index-projection/consumer.ts";
import type { IndexMessage } from "./index-projection/messages.ts";

export { AccountObject } from "./objects/account/account-object.ts";
export { NetworkBudgetObject } from "./objects/network/network-budget-object.ts";
export { PersonObject } from "./objects/person/person-object.ts";
export { VisitorObject } from "./objects/visitor/visitor-object.ts";
export { WebhooksObject } from "./webhooks/webhooks-object.ts";

export default {
  fetch: app.fetch,
  /** The index queue's batches (wrangler.jsonc, `queues.consumers`). */
  async queue(batch, env) {
    await consumeIndexWrites(batch, env);
  },
} satisfies ExportedHandler<Env, IndexMessage>;
