import { ApiError } from "../errors.ts";
import { mailboxOf } from "./mailbox.ts";

const encoder = new TextEncoder();

/** Keys imported once per isolate and secret: an HMAC key is costly to import on every event. */
const imported = new Map<string, Promise<CryptoKey>>();

/** HMAC-SHA-256 of `text` under `secret`, in hex: what the collector keeps instead of an email or an address. */
export async function keyedHash(secret: string, text: string): Promise<string> {
  let key = imported.get(secret);
  if (!key) {
    key = crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    imported.set(secret, key);
  }
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", await key, encoder.encode(text)));
  return Array.from(mac, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/**
 * The suppression list's name for an email: its keyed hash under `EMBUDO_HASH_KEY`. Keyed, so the
 * list cannot be reversed by hashing a directory of addresses without the secret; one secret for
 * the deployment's life, since a new one would make every suppressed email unrecognisable.
 */
function emailHash(secret: string, email: string): Promise<string> {
  return keyedHash(secret, email);
}

/**
 * The suppression list's names for an email: the hash of the mailbox it reaches (`mailboxOf`),
 * so another spelling of an erased address is refused too, and of the address as given, which is
 * what erasures made before mailboxes were hashed stored.
 */
export async function suppressionHashes(secret: string, email: string): Promise<string[]> {
  const mailbox = mailboxOf(email);
  const hashes = [await emailHash(secret, mailbox)];
  if (mailbox !== email) hashes.push(await emailHash(secret, email));
  return hashes;
}

/**
 * The hash key, or a 503 `misconfigured` for the routes that cannot work without it (erasure):
 * an erasure that could not suppress the email would let the person come straight back.
 */
export function requireHashKey(env: Env): string {
  const key = env.EMBUDO_HASH_KEY;
  if (!key) {
    throw new ApiError(
      503,
      "misconfigured",
      "the collector has no EMBUDO_HASH_KEY: erasure needs it to keep erased emails suppressed",
      { "Retry-After": "60" },
    );
  }
  return key;
}
