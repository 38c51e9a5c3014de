/**
 * One attempt of a delivery: the request to the receiver, signed, with a 15 s limit and no
 * redirects followed, and what it answered. The webhooks object makes each attempt (`#attempt`)
 * and decides what follows.
 */
import { errorMessage } from "../errors.ts";
import { endpointAddressProblem } from "./address.ts";
import type { AttemptJob, AttemptOutcome } from "./messages.ts";
import { retryAfterSeconds } from "./retry-schedule.ts";
import { signedHeaders } from "./signing.ts";

/** How long a receiver has to answer an attempt. */
export const ATTEMPT_TIMEOUT_MS = 15_000;

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
