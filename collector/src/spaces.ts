/**
 * People spaces. A site's browsers form people only with the browsers of its own space: its
 * group's sites (`group` in `EMBUDO_SITES`), or else the site alone. So one email on two sites of
 * different spaces is two people, two leads, in two accounts, and a site key can neither join nor
 * steer a person of another space. Suppression (erasure) is the one thing that spans them: it is
 * about a mailbox, not a lead.
 */
import type { SitesConfig } from "./sites.ts";

/** A person: one email (normalized) in one people space. */
export interface PersonKey {
  space: string;
  email: string;
}

/** An account: one business domain in one people space. */
export interface AccountKey {
  space: string;
  domain: string;
}

/**
 * The space of a deployment from before spaces. Its people and accounts keep the names they had
 * (no space in them) until their visitors move their events into their site's space
 * (`SpanSharing`); site keys and groups are never empty, so no site falls into it.
 */
export const UNSPACED = "";

/**
 * The people space of `siteKey`: its group, or else the site itself. A group named like a site key
 * is that site's space: the site is in the group. (A site not configured is a space of its own.)
 */
export function spaceOf(sites: SitesConfig, siteKey: string): string {
  const site = Object.hasOwn(sites, siteKey) ? sites[siteKey] : undefined;
  return site?.group ?? siteKey;
}

/** Every people space the configured sites make, each once. */
export function configuredSpaces(sites: SitesConfig): string[] {
  return [...new Set(Object.keys(sites).map((key) => spaceOf(sites, key)))];
}

/**
 * `name` qualified by its space, as object names, lead ids and index keys spell it:
 * `<space>:<name>`, or `name` alone in {@link UNSPACED}. Emails and domains hold no `:`, so the
 * last part is always the name.
 */
export function inSpace(space: string, name: string): string {
  return space === UNSPACED ? name : `${space}:${name}`;
}
