/**
 * The small matchers the model's rules use. The model holds plain strings rather than regular
 * expressions so marketing ops can edit it safely (no ReDoS, no escaping) and the JSON Schema stays readable.
 */
import type { ContentStage } from "../wire.ts";
import type { ScoringModel } from "./model.ts";

/** Lower-case path of a URL, or "" when it cannot be parsed. */
export function urlPath(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname).toLowerCase();
  } catch {
    return "";
  }
}

/**
 * A URL without query string, fragment or trailing slash: the identity of a page or file for caps,
 * so `?utm_source=…` or `#section` never turn one article into two.
 */
export function canonicalUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const path = parsed.pathname.length > 1 ? parsed.pathname.replace(/\/+$/, "") : parsed.pathname;
    return `${parsed.host.toLowerCase()}${path}`;
  } catch {
    return url;
  }
}

/** True when `path + "/"` contains the fragment: "/careers/" matches /careers, /careers/x and /es/careers. */
export function pathMatches(path: string, fragment: string): boolean {
  return `${path}/`.includes(fragment.toLowerCase());
}

/** The model's content stage for a URL (first matching rule), or null when no rule matches. */
export function stageFromUrl(url: string, model: ScoringModel): ContentStage | null {
  const path = urlPath(url);
  if (!path) return null;
  for (const rule of model.contentStages.urlRules) {
    if (pathMatches(path, rule.pathContains)) return rule.stage;
  }
  return null;
}

/** The first fragment of `fragments` that a URL's path matches, or null. */
export function firstPathMatch(url: string, fragments: readonly string[]): string | null {
  const path = urlPath(url);
  if (!path) return null;
  return fragments.find((fragment) => pathMatches(path, fragment)) ?? null;
}

/** Lower case, no accents, words separated by single spaces and padded: " head of marketing ". */
function words(text: string): string {
  const plain = text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
  return ` ${plain} `;
}

/**
 * The first phrase that occurs in a job title as whole words, ignoring case and accents:
 * "vp" matches "VP, Marketing" but "intern" does not match "International Sales Director".
 */
export function firstTitleMatch(title: string, phrases: readonly string[]): string | null {
  const haystack = words(title);
  return phrases.find((phrase) => haystack.includes(words(phrase))) ?? null;
}

/** The domain of an email address, lower case, or null. */
export function emailDomain(email: string): string | null {
  const at = email.lastIndexOf("@");
  return at > 0 ? email.slice(at + 1).toLowerCase() : null;
}

/** True when the domain is one of `domains` or a subdomain of one. */
export function domainIn(domain: string, domains: readonly string[]): boolean {
  return domains.some((listed) => domain === listed || domain.endsWith(`.${listed}`));
}

/**
 * The smallest number of employees a company size says: 200 → 200, "51-200" → 51, "1.000+" → 1000,
 * "500 empleados" → 500. Null when it holds no number. The lower bound keeps "11-50" out of "≥ 50".
 */
export function minimumEmployees(size: string | number): number | null {
  if (typeof size === "number") return Number.isFinite(size) ? size : null;
  const digits = size.replace(/(\d)[.,\s](?=\d{3}\b)/g, "$1");
  const match = /\d+/.exec(digits);
  return match ? Number(match[0]) : null;
}
