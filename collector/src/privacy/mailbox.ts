/**
 * The mailbox an email address reaches: what suppression must recognise however the address is
 * spelt. A person erased as `Ana.Bel+news@gmail.com` must not come back as `anabel@googlemail.com`.
 *
 * - Case: addresses arrive normalized (trimmed, lower-cased: `normalizeEmail`).
 * - Plus tags: `ana+news@acme.com` reaches `ana@acme.com` at Gmail, Outlook, Fastmail, iCloud and
 *   most business mail servers, so the tag is dropped for every domain. (A server that delivers
 *   `ana+x` elsewhere is rare enough that refusing it after an erasure is the safe side.)
 * - Gmail ignores dots in the local part, and `googlemail.com` is the same service.
 *
 * Only suppression uses it: people are still keyed by the address as given.
 */
export function mailboxOf(email: string): string {
  const at = email.lastIndexOf("@");
  if (at <= 0) return email;
  let local = email.slice(0, at);
  let domain = email.slice(at + 1);
  const plus = local.indexOf("+");
  if (plus > 0) local = local.slice(0, plus);
  if (GMAIL_DOMAINS.has(domain)) {
    local = local.replaceAll(".", "");
    domain = "gmail.com";
  }
  return `${local}@${domain}`;
}

/** The domains of Google's consumer mail, which ignores dots in the local part. */
const GMAIL_DOMAINS = new Set(["gmail.com", "googlemail.com"]);
