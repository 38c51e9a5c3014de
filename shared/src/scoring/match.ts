/**
 * The small matchers the model's rules use. The model holds plain strings rather than regular
 * expressions so marketing ops can edit it safely (no ReDoS, no escaping) and the JSON Schema stays readable.
 */
import type { ContentStage } from "../limits.ts";
import type { ScoringModel } from "./model.ts";

/** The parts of a URL the rules read. */
export interface UrlParts {
  /** Lower-case host and path without query, fragment or trailing slash: one page or file for caps. */
  key: string;
  /** Lower-case, decoded path: "/blog/abm". What rules match on. */
  path: string;
  /**
   * Lower-case path as sent, still percent-encoded: what receipts show. Decoding is for matching
   * only, or `/%3Cimg%20onerror=…%3E` would come back from the API as markup.
   */
  sentPath: string;
}

/**
 * Splits a URL by hand: `new URL()` was the largest cost of scoring a view, and the wire
 * schema has already checked that every URL is absolute http(s).
 */
export function urlParts(url: string): UrlParts {
  const scheme = url.indexOf("://");
  const hostStart = scheme < 0 ? 0 : scheme + 3;
  let end = url.length;
  const query = url.indexOf("?", hostStart);
  if (query >= 0) end = query;
  const hash = url.indexOf("#", hostStart);
  if (hash >= 0 && hash < end) end = hash;
  while (end > hostStart + 1 && url.charCodeAt(end - 1) === 47 /* "/" */ && url.charCodeAt(end - 2) !== 47) end--;
  const lower = url.slice(hostStart, end).toLowerCase();
  const slash = lower.indexOf("/");
  const sentPath = slash < 0 ? "/" : lower.slice(slash);
  let path = sentPath;
  if (path.includes("%")) {
    try {
      path = decodeURIComponent(path);
    } catch {
      // A malformed escape: match on the raw path rather than fail the visitor's score.
    }
  }
  return { key: lower, path, sentPath };
}

/** Fragments lower-cased once per model rather than once per event. */
const fragmentCache = new WeakMap<readonly string[], string[]>();
function lowerCased(fragments: readonly string[]): string[] {
  let lower = fragmentCache.get(fragments);
  if (!lower) {
    lower = fragments.map((fragment) => fragment.toLowerCase());
    fragmentCache.set(fragments, lower);
  }
  return lower;
}
const ruleFragments = new WeakMap<ScoringModel, string[]>();

/** The model's content stage for a lower-case path (first matching rule), or null when no rule matches. */
export function stageFromPath(path: string, model: ScoringModel): ContentStage | null {
  let fragments = ruleFragments.get(model);
  if (!fragments) {
    fragments = model.contentStages.urlRules.map((rule) => rule.pathContains.toLowerCase());
    ruleFragments.set(model, fragments);
  }
  const haystack = `${path}/`;
  const index = fragments.findIndex((fragment) => haystack.includes(fragment));
  return index < 0 ? null : model.contentStages.urlRules[index]!.stage;
}

/** The first fragment of `fragments` that a lower-case path matches, or null. */
export function firstPathMatch(path: string, fragments: readonly string[]): string | null {
  const haystack = `${path}/`;
  const index = lowerCased(fragments).findIndex((fragment) => haystack.includes(fragment));
  return index < 0 ? null : fragments[index]!;
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
  let haystack = titleWords.get(title);
  if (haystack === undefined) {
    // A lead's title is matched again at every change of its identity: normalize it once.
    if (titleWords.size >= 1_000) titleWords.clear();
    haystack = words(title);
    titleWords.set(title, haystack);
  }
  const normalized = normalizedPhrases(phrases);
  const index = normalized.findIndex((phrase) => haystack.includes(phrase));
  return index < 0 ? null : phrases[index]!;
}

/** Titles as {@link words} normalized them, by title; cleared when it grows past 1,000. */
const titleWords = new Map<string, string>();

/** Phrases normalized once per model, not once per title. */
const phraseCache = new WeakMap<readonly string[], string[]>();
function normalizedPhrases(phrases: readonly string[]): string[] {
  let normalized = phraseCache.get(phrases);
  if (!normalized) {
    normalized = phrases.map(words);
    phraseCache.set(phrases, normalized);
  }
  return normalized;
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
 * "500 empleados" → 500, "2.5k" → 2500. An upper bound alone ("< 50", "under 50", "hasta 50")
 * says at least 1. Null when it holds no number. The lower bound keeps "11-50" out of "≥ 50".
 */
export function minimumEmployees(size: string | number): number | null {
  if (typeof size === "number") return Number.isFinite(size) ? size : null;
  const text = size.toLowerCase().replace(/(\d)[.,\s](?=\d{3}\b)/g, "$1");
  const match = /(\d+(?:[.,]\d+)?)\s*(k\b|mil\b|thousand)?/.exec(text);
  if (!match) return null;
  if (/^\s*(<|≤|under|below|less than|fewer than|up to|menos de|hasta)/.test(text)) return 1;
  return Math.floor(Number(match[1]!.replace(",", ".")) * (match[2] ? 1000 : 1));
}
