import { loadConfig } from "../config.ts";
import { errorMessage } from "../errors.ts";
import { webhooksStub } from "../objects/object-naming.ts";
import { endpointAddressProblem } from "./address.ts";
import type { AttemptJob, AttemptMessage, AttemptOutcome } from "./messages.ts";
import { retryAfterSeconds } from "./retry-schedule.ts";
import { signedHeaders } from "./signing.ts";

/** How long a receiver has to answer an attempt. */
export const ATTEMPT_TIMEOUT_MS = 15_000;

/**
 * The webhook queue's consumer: makes each attempt the webhooks object sent (signed, with a 15 s
 * limit, redirects not followed) and reports how it went; the object decides what follows. An
 * attempt the object no longer wants (made already, the delivery ended) is dropped. When the
 * object cannot be reached, the queue delivers the message again.
 */
export async function consumeWebhookAttempts(batch: MessageBatch<AttemptMessage>, env: Env): Promise<void> {
  const webhooks = webhooksStub(env.WEBHOOKS);
  const { allowPrivate } = loadConfig(env).webhooks;
  await Promise.all(
    batch.messages.map(async (message) => {
      const { deliveryId, attempt } = message.body;
      try {
        const job = await webhooks.attempt(deliveryId, attempt);
        if (job) await webhooks.recordAttempt(deliveryId, attempt, await deliver(job, allowPrivate));
        message.ack();
      } catch (error) {
        console.error(`webhook attempt ${attempt} of ${deliveryId} failed; the queue retries it`, errorMessage(error));
        message.retry({ delaySeconds: 5 });
      }
    }),
  );
}

/** Makes one attempt: POSTs the body, signed, to the endpoint; what the receiver answered, if it did. */
export async function deliver(job: AttemptJob, allowPrivate: boolean, now = new Date()): Promise<AttemptOutcome> {
  // Checked again at each attempt: the flag may have been turned off since the endpoint was made.
  const problem = endpointAddressProblem(job.url, allowPrivate);
  if (problem) return { status: null, retryAfterSeconds: null, error: `not sent: the address ${problem}` };
  try {
    const response = await fetch(job.url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "User-Agent": "Embudo-Webhooks/1",
        ...signedHeaders(job.messageId, now, job.body, job.secrets),
      },
      body: job.body,
      redirect: "manual",
      signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
    });
    await response.body?.cancel();
    return {
      status: response.status,
      retryAfterSeconds: retryAfterSeconds(response.headers.get("Retry-After"), Date.now()),
    };
  } catch (error) {
    return { status: null, retryAfterSeconds: null, error: `no answer: ${errorMessage(error)}` };
  }
}
