/**
 * What the funnel, content and sources reports need of one lead, worked out from its events and
 * its full stage history: when it first reached each stage, where it first came from, and which
 * pages it viewed, when first and how often. Reports add these facts up over a cohort; each lead's
 * are a pure function of its events, so a model change or a late event rewrites them exactly.
 */
import type { ContentStage } from "../limits.ts";
import type { ScoringEvent } from "./events.ts";
import type { ScoringModel } from "./model.ts";
import { type PreparedCache, prepareEvents } from "./prepared.ts";
import type { Qualification, Touch } from "./qualification.ts";
import { FUNNEL_STAGES, type FunnelStage, STAGE_RANK } from "./stage-names.ts";
import { RECYCLED_RULE } from "./stages.ts";

/**
 * The most pages one lead's facts keep, in order of first view: a visitor's quota allows
 * thousands of distinct pages, each report reads every lead's facts, and the pages that led
 * somewhere come first. Views of further pages are left out of the facts altogether.
 */
export const FACT_PAGES_LIMIT = 200;

/** One page a lead viewed. */
export interface PageFacts {
  /** Lower-case path without query, fragment or trailing slash: one page however it was linked. */
  path: string;
  /** The latest title the page had, or null. */
  title: string | null;
  /** The page's content stage (pricing pages: decision), or null when untagged. */
  stage: ContentStage | null;
  /** Every view of it (content and pricing views, before any cap). */
  views: number;
  firstViewAt: number;
  lastViewAt: number;
}

/** The facts of one lead: what the reports add up (`shared/src/reports/`). */
export interface LeadFacts {
  /** Its earliest tracked event. */
  firstSeen: number;
  /** When it first reached each stage or a later one (disqualified spells reach nothing); null if never. */
  reached: Record<FunnelStage, number | null>;
  /**
   * The page it viewed last at or before first reaching each stage (null: none, or never reached):
   * what last-touch attribution credits. First-touch and linear credit follow from `pages`.
   */
  lastPageBefore: Record<FunnelStage, string | null>;
  /** Whether it was ever disqualified. */
  disqualified: boolean;
  /** Whether sales ever sent it back from SQL to MQL. */
  recycled: boolean;
  /** Where it first came from (the qualification's `source.first`). */
  firstTouch: Touch | null;
  /** Every page it viewed, in order of first view; at most {@link FACT_PAGES_LIMIT}. */
  pages: PageFacts[];
}

/**
 * The report facts of a lead.
 *
 * @param events the events its qualification was scored from, in scoring order (for a person,
 *   the union each event once: what `assessPerson` scored).
 * @param qualification its qualification with its whole stage history (not an answer's bounded one).
 * @param cache the lead's prepared events, so nothing is parsed again.
 */
export function leadFacts(
  events: readonly ScoringEvent[],
  qualification: Qualification,
  model: ScoringModel,
  cache?: PreparedCache,
): LeadFacts {
  const reached: Record<FunnelStage, number | null> = { iql: null, mql: null, sql: null };
  let disqualified = false;
  let recycled = false;
  let previous = "anonymous";
  for (const change of qualification.stageHistory) {
    const at = Date.parse(change.at);
    const rank = STAGE_RANK[change.stage];
    for (const stage of FUNNEL_STAGES) {
      if (reached[stage] === null && rank >= STAGE_RANK[stage]) reached[stage] = at;
    }
    if (change.stage === "disqualified") disqualified = true;
    if (previous === "sql" && change.stage === "mql" && change.rule.startsWith(RECYCLED_RULE)) recycled = true;
    previous = change.stage;
  }

  const pages = new Map<string, PageFacts>();
  const lastPageBefore: Record<FunnelStage, string | null> = { iql: null, mql: null, sql: null };
  for (const p of prepareEvents(events, model, cache)) {
    if (p.type !== "content_view" && p.type !== "pricing_view") continue;
    const path = p.page!.sentPath;
    const event = p.event as Extract<ScoringEvent, { type: "content_view" | "pricing_view" }>;
    let page = pages.get(path);
    if (!page) {
      // Past the limit, a new page is left out entirely, so every path the facts name is in them.
      if (pages.size >= FACT_PAGES_LIMIT) continue;
      page = { path, title: null, stage: null, views: 0, firstViewAt: p.ts, lastViewAt: p.ts };
      pages.set(path, page);
    }
    page.views++;
    page.lastViewAt = p.ts;
    if (event.title) page.title = event.title;
    page.stage = p.type === "pricing_view" ? "decision" : (p.contentStage ?? page.stage);
    for (const stage of FUNNEL_STAGES) {
      const at = reached[stage];
      if (at !== null && p.ts <= at) lastPageBefore[stage] = path;
    }
  }

  return {
    firstSeen: Date.parse(qualification.firstSeen),
    reached,
    lastPageBefore,
    disqualified,
    recycled,
    firstTouch: qualification.source?.first ?? null,
    pages: [...pages.values()],
  };
}
