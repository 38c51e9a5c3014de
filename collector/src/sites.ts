import { z } from "zod";
import { ApiError } from "./errors.ts";

/** How long a site keeps events unless it says otherwise. */
export const DEFAULT_RETENTION_DAYS = 395;

/** What the collector knows about one site that may send events. */
export const siteConfigSchema = z.object({
  /**
   * Origins allowed to send from the browser. `*` may stand for any port, the default included (`http://localhost:*`),
   * or for one leading subdomain label (`https://*.acme.com`).
   */
  origins: z.array(z.string().min(1)).default([]),
  /** Score events from automated browsers (webdriver, headless). Off for real sites. */
  scoreAutomation: z.boolean().default(false),
  /**
   * How many days an event is kept, by its time: older ones are deleted by its visitor's alarm
   * and the lead re-scored without them; a lead left with none is erased. 395 days (13 months)
   * keeps a year of history with a month to compare it with.
   */
  retentionDays: z.number().int().min(1).max(3650).default(DEFAULT_RETENTION_DAYS),
  /**
   * The people space the site shares with other sites. Sites are separate spaces by default: one
   * email on two sites is two people, each scored only with its own site's browsers, with its own
   * accounts. Sites that name one group (the same company's sites, say) are one space.
   */
  group: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, "must be 1 to 64 letters, digits, '.', '_' or '-'")
    .optional(),
});
export type SiteConfig = z.infer<typeof siteConfigSchema>;

/** `EMBUDO_SITES`: each public site key and its configuration. Parsed by `loadConfig`. */
export const sitesConfigSchema = z.record(z.string().min(1), siteConfigSchema);
export type SitesConfig = z.infer<typeof sitesConfigSchema>;

/** Finds the site for a public site key, or refuses the request with 401. */
export function requireSite(sites: SitesConfig, key: string): SiteConfig {
  const site = Object.hasOwn(sites, key) ? sites[key] : undefined;
  if (!site) throw new ApiError(401, "unknown_site", `no site is configured with the key "${key}"`);
  return site;
}

/** Whether `origin` (an Origin header) matches one of the site's patterns. */
export function originAllowed(site: SiteConfig, origin: string): boolean {
  return site.origins.some((pattern) => originMatches(pattern, origin));
}

/** Whether any configured site allows `origin`: enough to answer a CORS preflight. */
export function anySiteAllows(sites: SitesConfig, origin: string): boolean {
  return Object.values(sites).some((site) => originAllowed(site, origin));
}

function originMatches(pattern: string, origin: string): boolean {
  if (pattern === origin) return true;
  if (!pattern.includes("*")) return false;
  const [patternHost, patternPort] = splitOrigin(pattern);
  const [originHost, originPort] = splitOrigin(origin);
  if (patternPort !== "*" && patternPort !== originPort) return false;
  if (patternHost === originHost) return true;
  const wildcard = patternHost.indexOf("://*.");
  if (wildcard === -1) return false;
  const scheme = patternHost.slice(0, wildcard + 3);
  const suffix = patternHost.slice(wildcard + 4); // ".acme.com"
  if (!originHost.startsWith(scheme) || !originHost.endsWith(suffix)) return false;
  const label = originHost.slice(scheme.length, originHost.length - suffix.length);
  return /^[a-z0-9-]+$/i.test(label);
}

/** `http://localhost:5173` → [`http://localhost`, `5173`]; without a port → [origin, ""]. */
function splitOrigin(origin: string): [string, string] {
  // The lazy host stops at the last `:port`, so bracketed IPv6 hosts keep their colons.
  const match = /^(.*?)(?::(\d+|\*))?$/.exec(origin);
  return [match?.[1] ?? origin, match?.[2] ?? ""];
}
