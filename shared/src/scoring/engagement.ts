/**
 * Engagement (shared/README.md, "The model"): what a visitor did, weighted by content stage, capped, and decayed.
 *
 * {@link EngagementLedger} reads tracked events in time order and writes one receipt per event that
 * earned or lost points. Caps are applied as events arrive, so each event costs O(1) and the
 * state it keeps is bounded by one day of views, the distinct files and the distinct forms.
 */
import type { ContentStage } from "../limits.ts";
import type { TrackedEvent } from "../wire.ts";
import { DecayingSum } from "./decay.ts";
import { firstPathMatch, shownPath, stageFromPath, urlParts, urlPath } from "./match.ts";
import type { ScoringModel } from "./model.ts";
import type { EngagementCounts } from "./qualification.ts";

const MINUTE = 60_000;
/** One day in milliseconds. */
export const DAY = 86_400_000;

/** The points one event earned before decay. */
export interface EngagementReceipt {
  /** `content_view`, `download`, `pricing_view`, `form_submit`, `return_visit`, `careers_page` or `custom:NAME`. */
  rule: string;
  /** Points after stage weight and caps, before decay. */
  basePoints: number;
  /** Content stage the points count toward (null: untagged content, return visits, careers pages). */
  stage: ContentStage | null;
  eventId: string;
  ts: number;
  /** What happened, for people: "view /blog/abm (awareness ×1)". */
  note: string;
}

const utcDay = (ts: number) => Math.floor(ts / DAY);

/** Last segment of a path: "whitepaper.pdf". */
function fileName(path: string): string {
  const trimmed = path.replace(/\/+$/, "");
  return trimmed.slice(trimmed.lastIndexOf("/") + 1) || path;
}

/** Applies the engagement rules of a model to one visitor's events, in time order. */
export class EngagementLedger {
  readonly counts: EngagementCounts = { sessions: 0, contentViews: 0, downloads: 0, pricingViews: 0, forms: 0 };
  /** Every receipt so far, in event order. */
  readonly receipts: EngagementReceipt[] = [];
  /** Raw (unclamped) decayed engagement. */
  readonly total: DecayingSum;
  /** Time of the latest pricing view, or null. */
  lastPricingViewAt: number | null = null;
  /** The latest hand-raise (a hand-raise form or custom event), or null. */
  lastHandRaise: { at: number; eventId: string; what: string } | null = null;

  private readonly sessionTimeout: number;
  private lastActivityAt: number | null = null;
  private viewDay = Number.NaN;
  private viewsToday = 0;
  private readonly viewsTodayByUrl = new Map<string, number>();
  private readonly downloadsByFile = new Map<string, number>();
  private readonly submitsByForm = new Map<string, number>();
  /** Times of the pricing views that earned points and may still be inside the cap window. */
  private readonly scoredPricingViews: number[] = [];
  private careersPenalties = 0;

  constructor(private readonly model: ScoringModel) {
    this.total = new DecayingSum(model.engagement.halfLifeDays * DAY);
    this.sessionTimeout = model.engagement.sessionTimeoutMinutes * MINUTE;
  }

  /** Reads the next event (in time order) and returns how many receipts it added. */
  add(event: TrackedEvent): number {
    const before = this.receipts.length;
    this.trackSession(event);
    switch (event.type) {
      case "content_view":
        this.contentView(event);
        break;
      case "pricing_view":
        this.pricingView(event);
        break;
      case "download":
        this.download(event);
        break;
      case "form_submit":
        this.formSubmit(event);
        break;
      case "custom":
        this.custom(event);
        break;
      case "identify":
        // Identity is fit's business (fit.ts); identifying earns no engagement by itself.
        break;
    }
    return this.receipts.length - before;
  }

  private earn(receipt: EngagementReceipt): void {
    if (receipt.basePoints === 0) return;
    this.receipts.push(receipt);
    this.total.add(receipt.basePoints, receipt.ts);
  }

  /** The page's declared stage, else the model's URL rules on each path in turn; null when none says. */
  private stageOf(event: TrackedEvent, ...paths: string[]): ContentStage | null {
    if (event.stage) return event.stage;
    for (const path of paths) {
      const stage = stageFromPath(path, this.model);
      if (stage) return stage;
    }
    return null;
  }

  private weight(stage: ContentStage | null): number {
    return this.model.engagement.stageWeights[stage ?? "untagged"];
  }

  private trackSession(event: TrackedEvent): void {
    const previous = this.lastActivityAt;
    this.lastActivityAt = event.ts;
    if (previous !== null && event.ts - previous <= this.sessionTimeout) return;
    this.counts.sessions++;
    // A return visit is a new session on a later UTC day than the previous one, hence once a day.
    if (previous !== null && utcDay(event.ts) > utcDay(previous)) {
      this.earn({
        rule: "return_visit",
        basePoints: this.model.engagement.returnVisit.points,
        stage: null,
        eventId: event.id,
        ts: event.ts,
        note: "came back on a later day",
      });
    }
  }

  private contentView(event: TrackedEvent): void {
    const page = urlParts(event.url);
    const careers = this.model.engagement.careersPage;
    const careersMatch = firstPathMatch(page.path, careers.urlPatterns);
    if (careersMatch !== null) {
      // A job seeker is not a buyer: the page costs points and is not content interest.
      if (this.careersPenalties < careers.times) {
        this.careersPenalties++;
        this.earn({
          rule: "careers_page",
          basePoints: careers.points,
          stage: null,
          eventId: event.id,
          ts: event.ts,
          note: `careers page ${page.sentPath} (matches ${careersMatch})`,
        });
      }
      return;
    }
    const day = utcDay(event.ts);
    if (day !== this.viewDay) {
      this.viewDay = day;
      this.viewsToday = 0;
      this.viewsTodayByUrl.clear();
    }
    const rule = this.model.engagement.contentView;
    const url = page.key;
    const viewsOfUrl = this.viewsTodayByUrl.get(url) ?? 0;
    if (this.viewsToday >= rule.perDay || viewsOfUrl >= rule.sameUrlPerDay) return;
    this.viewsToday++;
    this.viewsTodayByUrl.set(url, viewsOfUrl + 1);
    this.counts.contentViews++;
    const stage = this.stageOf(event, page.path);
    const weight = this.weight(stage);
    this.earn({
      rule: "content_view",
      basePoints: rule.points * weight,
      stage,
      eventId: event.id,
      ts: event.ts,
      note: `view ${page.sentPath} (${stage ?? "untagged"} ×${weight})`,
    });
  }

  private pricingView(event: TrackedEvent): void {
    this.counts.pricingViews++;
    this.lastPricingViewAt = event.ts;
    const rule = this.model.engagement.pricingView;
    const windowMs = rule.windowDays * DAY;
    while (this.scoredPricingViews.length > 0 && event.ts - this.scoredPricingViews[0]! >= windowMs) {
      this.scoredPricingViews.shift();
    }
    if (this.scoredPricingViews.length >= rule.perWindow) return;
    this.scoredPricingViews.push(event.ts);
    this.earn({
      rule: "pricing_view",
      basePoints: rule.points,
      stage: "decision",
      eventId: event.id,
      ts: event.ts,
      note: `pricing page ${shownPath(event.url)}`,
    });
  }

  private download(event: Extract<TrackedEvent, { type: "download" }>): void {
    const rule = this.model.engagement.download;
    const href = urlParts(event.href);
    const file = href.key;
    const times = this.downloadsByFile.get(file) ?? 0;
    if (times >= rule.perFile) return;
    this.downloadsByFile.set(file, times + 1);
    if (times === 0) this.counts.downloads++;
    // The link's own stage, else the file's path, else the page it was linked from.
    const stage = this.stageOf(event, href.path, urlPath(event.url));
    const weight = this.weight(stage);
    this.earn({
      rule: "download",
      basePoints: rule.points * weight,
      stage,
      eventId: event.id,
      ts: event.ts,
      note: `download ${fileName(href.sentPath)} (${stage ?? "untagged"} ×${weight})`,
    });
  }

  private formSubmit(event: Extract<TrackedEvent, { type: "form_submit" }>): void {
    this.counts.forms++;
    const rule = this.model.engagement.formSubmit;
    const times = this.submitsByForm.get(event.formId) ?? 0;
    this.submitsByForm.set(event.formId, times + 1);
    const handRaise = event.intent !== undefined && this.model.handRaise.formIntents.includes(event.intent);
    const what = `form_submit ${event.intent ?? event.formId}`;
    if (handRaise) this.lastHandRaise = { at: event.ts, eventId: event.id, what };
    // Hand-raises are decision-stage intent wherever the form sits; other forms take their page's stage.
    const stage = handRaise ? "decision" : this.stageOf(event, urlPath(event.url));
    this.earn({
      rule: "form_submit",
      basePoints: times === 0 ? rule.firstPoints : rule.repeatPoints,
      stage,
      eventId: event.id,
      ts: event.ts,
      note: `${what}${times === 0 ? "" : ` (submit #${times + 1})`}`,
    });
  }

  private custom(event: Extract<TrackedEvent, { type: "custom" }>): void {
    const table = this.model.engagement.customEvents;
    const rule = Object.hasOwn(table, event.name) ? table[event.name] : undefined;
    const handRaise = this.model.handRaise.customEvents.includes(event.name);
    if (handRaise) this.lastHandRaise = { at: event.ts, eventId: event.id, what: event.name };
    if (!rule) return;
    const stage = rule.stage ?? (handRaise ? "decision" : this.stageOf(event, urlPath(event.url)));
    this.earn({
      rule: `custom:${event.name}`,
      basePoints: rule.points,
      stage,
      eventId: event.id,
      ts: event.ts,
      note: event.name,
    });
  }
}
