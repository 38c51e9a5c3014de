import { Webhook } from "standardwebhooks";

/**
 * Standard Webhooks signatures (the `standardwebhooks` library, which any receiver can verify
 * with): `webhook-signature` is `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` for each secret
 * in use, space-separated, so a receiver still holding the previous secret after a rotation
 * verifies too.
 */

/** A new signing secret: `whsec_` and 24 random bytes in base64, as Standard Webhooks writes them. */
export function newWebhookSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return `whsec_${btoa(String.fromCharCode(...bytes))}`;
}

/** The three headers of one attempt: the message id, the attempt's time, and the signatures. */
export function signedHeaders(
  messageId: string,
  at: Date,
  body: string,
  secrets: readonly string[],
): Record<"webhook-id" | "webhook-timestamp" | "webhook-signature", string> {
  return {
    "webhook-id": messageId,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": secrets.map((secret) => new Webhook(secret).sign(messageId, at, body)).join(" "),
  };
}
