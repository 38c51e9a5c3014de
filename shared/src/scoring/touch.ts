/**
 * Where a visit came from: a touch, read from the first event of a visit (its page's `utm_*`
 * tags and click ids, and its referrer) and sorted into one marketing channel by the first rule
 * that matches, in this order:
 *
 * 1. `paid_search`: a search ad's click id (`gclid`, `gbraid`, `wbraid`, `msclkid`), or a
 *    `utm_medium` of cpc, ppc, paid_search, paidsearch or sem;
 * 2. `paid_social`: a `utm_medium` of paid_social, paidsocial, social_paid or social-paid, or one
 *    containing "paid" with a social network's `utm_source`;
 * 3. `email`: a `utm_medium` of email or e-mail, or a `utm_source` containing "email" or "newsletter";
 * 4. `organic_social`: a `utm_medium` of social, social-network, social-media or sm, or a social
 *    network's referrer;
 * 5. `other_campaign`: any other `utm_*` tag;
 * 6. `organic_search`: a search engine's referrer;
 * 7. `referral`: a referrer on another host;
 * 8. `direct`: anything else. A referrer on the page's own host (`www.` aside) is navigation
 *    inside the site, not where the visit came from.
 *
 * `channels.ts` lists the channels in this order, apart from these rules, so the schemas that
 * name them need not import the rules.
 *
 * `utm_*` values are compared and answered trimmed and lower-cased, so "LinkedIn" and "linkedin"
 * are one source in reports and in spend. Referrers are recognised by their site's name in front
 * of its public suffix (`tldts`): `www.google.co.uk` and `google.es` are both "google".
 */
import { getDomain, getDomainWithoutSuffix } from "tldts";
import type { Channel } from "./channels.ts";
import type { Touch } from "./qualification.ts";

/** What of an event a touch reads. */
export interface TouchSource {
  /** The page's address, with its attribution parameters. */
  url: string;
  /** Where the browser came from, if it said. */
  referrer?: string | undefined;
  /** The page's path as receipts show it. */
  landingPage: string;
  /** The event's time, ISO 8601. */
  at: string;
}

const SEARCH_CLICK_IDS = ["gclid", "gbraid", "wbraid", "msclkid"];
const PAID_SEARCH_MEDIA = new Set(["cpc", "ppc", "paid_search", "paidsearch", "sem"]);
const PAID_SOCIAL_MEDIA = new Set(["paid_social", "paidsocial", "social_paid", "social-paid"]);
const EMAIL_MEDIA = new Set(["email", "e-mail"]);
const SOCIAL_MEDIA = new Set(["social", "social-network", "social-media", "sm"]);

/** Social networks by the name in front of their public suffix, as referrers and as `utm_source` words. */
const SOCIAL_NAMES = new Set([
  "linkedin",
  "lnkd",
  "facebook",
  "fb",
  "instagram",
  "twitter",
  "youtube",
  "youtu",
  "reddit",
  "xing",
  "tiktok",
]);
/** Social networks whose name alone is too short to recognise safely. */
const SOCIAL_DOMAINS = new Set(["x.com", "t.co"]);
/** `utm_source` words that name a social network besides {@link SOCIAL_NAMES}. */
const SOCIAL_SOURCE_WORDS = new Set([...SOCIAL_NAMES, "x", "ig", "meta"]);
const SEARCH_NAMES = new Set(["google", "bing", "duckduckgo", "yahoo", "ecosia", "baidu", "yandex", "qwant", "brave"]);

/** The attribution tags of a page's address, names and values lower-cased; null when it has none. */
function attributionTags(url: string): Map<string, string> | null {
  const start = url.indexOf("?");
  if (start < 0) return null;
  const end = url.indexOf("#", start);
  const query = url.slice(start + 1, end < 0 ? undefined : end);
  const tags = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(query)) {
    const key = name.toLowerCase();
    // The first value of a tag given twice, as analytics tools read it.
    if (!tags.has(key)) tags.set(key, value.trim().toLowerCase());
  }
  return tags.size > 0 ? tags : null;
}

function hostOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.toLowerCase() || null;
  } catch {
    return null;
  }
}

const withoutWww = (host: string) => (host.startsWith("www.") ? host.slice(4) : host);

function isSocialHost(host: string): boolean {
  const domain = getDomain(host);
  if (domain && SOCIAL_DOMAINS.has(domain)) return true;
  const name = getDomainWithoutSuffix(host);
  return name !== null && SOCIAL_NAMES.has(name);
}

function isSearchHost(host: string): boolean {
  // Webmail lives on search engines' domains (mail.google.com, mail.yahoo.com): a link in an email.
  if (host.startsWith("mail.")) return false;
  const name = getDomainWithoutSuffix(host);
  return name !== null && SEARCH_NAMES.has(name);
}

/** Whether a `utm_source` names a social network: one of its words ("linkedin_ads", "x.com") does. */
function isSocialSource(source: string): boolean {
  return source.split(/[^a-z0-9]+/).some((word) => SOCIAL_SOURCE_WORDS.has(word));
}

/** The channel of a visit, by the rules above. */
function channelOf(tags: Map<string, string> | null, referrerHost: string | null): Channel {
  const medium = tags?.get("utm_medium") ?? "";
  const source = tags?.get("utm_source") ?? "";
  if (SEARCH_CLICK_IDS.some((id) => tags?.has(id)) || PAID_SEARCH_MEDIA.has(medium)) return "paid_search";
  if (PAID_SOCIAL_MEDIA.has(medium) || (medium.includes("paid") && isSocialSource(source))) return "paid_social";
  if (EMAIL_MEDIA.has(medium) || source.includes("email") || source.includes("newsletter")) return "email";
  if (SOCIAL_MEDIA.has(medium) || (referrerHost !== null && isSocialHost(referrerHost))) return "organic_social";
  if (tags && [...tags.keys()].some((name) => name.startsWith("utm_"))) return "other_campaign";
  if (referrerHost === null) return "direct";
  return isSearchHost(referrerHost) ? "organic_search" : "referral";
}

/** The touch of the event that started a visit. */
export function touchOf(event: TouchSource): Touch {
  const tags = attributionTags(event.url);
  let referrerHost = hostOf(event.referrer);
  const pageHost = hostOf(event.url);
  if (referrerHost !== null && pageHost !== null && withoutWww(referrerHost) === withoutWww(pageHost)) {
    referrerHost = null;
  }
  const tag = (name: string) => tags?.get(name) || null;
  return {
    channel: channelOf(tags, referrerHost),
    source: tag("utm_source") ?? referrerHost,
    medium: tag("utm_medium"),
    campaign: tag("utm_campaign"),
    landingPage: event.landingPage,
    referrer: referrerHost === null ? null : (event.referrer ?? null),
    at: event.at,
  };
}
