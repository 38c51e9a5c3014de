import { errorMessage } from "../errors.ts";
import type { IndexMessage } from "./messages.ts";
import { applyIndexWrites, indexTarget } from "./writes.ts";

/** How long the queue waits before it delivers a batch again after D1 failed. */
const RETRY_DELAY_SECONDS = 5;

/**
 * The index queue's consumer: applies a batch of messages (up to 100, from any objects) to D1 in
 * one batch, each write only while it is the newest of its key, so batches may arrive in any
 * order and more than once. When D1 fails, the queue delivers the batch again; past its retries
 * it drops it, and each object's sweep writes what never landed (`IndexOutbox`).
 */
export async function consumeIndexWrites(batch: MessageBatch<IndexMessage>, env: Env): Promise<void> {
  try {
    await applyIndexWrites(
      indexTarget(env),
      // A message without writes is one of the webhook queue of earlier versions, whose consumer
      // a deployment stays until it is removed: the webhooks object makes those attempts again
      // by itself, so it is acknowledged with the rest, not retried.
      batch.messages.flatMap((message) => (Array.isArray(message.body.writes) ? message.body.writes : [])),
    );
    batch.ackAll();
  } catch (error) {
    console.error("index batch failed; the queue retries it", errorMessage(error));
    batch.retryAll({ delaySeconds: RETRY_DELAY_SECONDS });
  }
}
