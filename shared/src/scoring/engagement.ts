/**
 * Engagement (shared/README.md, "The model"): what a visitor did, weighted by content stage, capped, and decayed.
 *
 * {@link EngagementLedger} reads tracked events in time order and writes one receipt per event that
 * earned or lost points. Caps are applied as events arrive, so each event costs O(1) and the
 * state it keeps is bounded by one day of views, the distinct files and the distinct forms.
 */
import type { ContentStage } from "../limits.ts";
import { DAY, MINUTE } from "../time.ts";
import type { TrackedEvent } from "../wire.ts";
import { DecayingSum } from "./decay.ts";
import type { ScoringModel } from "./model.ts";
import type { PreparedEvent } from "./prepared.ts";
import type { EngagementCounts } from "./qualification.ts";

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
  /** `ts` as an ISO 8601 string, as answers show it. */
  at: string;
  /** What happened, for people: "view /blog/abm (awareness ×1)". */
  note: string;
}

/** A tracked event, prepared: what the ledger reads. */
type Tracked<E extends TrackedEvent = TrackedEvent> = PreparedEvent<E>;

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
  /** The first event of the latest session, or null before any. */
  sessionStart: Tracked | null = null;
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
  add(prepared: Tracked): number {
    const before = this.receipts.length;
    this.trackSession(prepared);
    switch (prepared.type) {
      case "content_view":
        this.contentView(prepared);
        break;
      case "pricing_view":
        this.pricingView(prepared);
        break;
      case "download":
        this.download(prepared as Tracked<Extract<TrackedEvent, { type: "download" }>>);
        break;
      case "form_submit":
        this.formSubmit(prepared as Tracked<Extract<TrackedEvent, { type: "form_submit" }>>);
        break;
      case "custom":
        this.custom(prepared as Tracked<Extract<TrackedEvent, { type: "custom" }>>);
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

  private weight(stage: ContentStage | null): number {
    return this.model.engagement.stageWeights[stage ?? "untagged"];
  }

  private trackSession(prepared: Tracked): void {
    const previous = this.lastActivityAt;
    this.lastActivityAt = prepared.ts;
    if (previous !== null && prepared.ts - previous <= this.sessionTimeout) return;
    this.counts.sessions++;
    this.sessionStart = prepared;
    // A return visit is a new session on a later UTC day than the previous one, hence once a day.
    if (previous !== null && utcDay(prepared.ts) > utcDay(previous)) {
      this.earn({
        rule: "return_visit",
        basePoints: this.model.engagement.returnVisit.points,
        stage: null,
        eventId: prepared.id,
        ts: prepared.ts,
        at: prepared.at,
        note: "came back on a later day",
      });
    }
  }

  private contentView(prepared: Tracked): void {
    const page = prepared.page!;
    const careers = this.model.engagement.careersPage;
    const careersMatch = prepared.careersMatch;
    if (careersMatch !== null) {
      // A job seeker is not a buyer: the page costs points and is not content interest.
      if (this.careersPenalties < careers.times) {
        this.careersPenalties++;
        prepared.note ??= `careers page ${page.sentPath} (matches ${careersMatch})`;
        this.earn({
          rule: "careers_page",
          basePoints: careers.points,
          stage: null,
          eventId: prepared.id,
          ts: prepared.ts,
          at: prepared.at,
          note: prepared.note,
        });
      }
      return;
    }
    const day = utcDay(prepared.ts);
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
    const stage = prepared.contentStage;
    const weight = this.weight(stage);
    prepared.note ??= `view ${page.sentPath} (${stage ?? "untagged"} ×${weight})`;
    this.earn({
      rule: "content_view",
      basePoints: rule.points * weight,
      stage,
      eventId: prepared.id,
      ts: prepared.ts,
      at: prepared.at,
      note: prepared.note,
    });
  }

  private pricingView(prepared: Tracked): void {
    this.counts.pricingViews++;
    this.lastPricingViewAt = prepared.ts;
    const rule = this.model.engagement.pricingView;
    const windowMs = rule.windowDays * DAY;
    while (this.scoredPricingViews.length > 0 && prepared.ts - this.scoredPricingViews[0]! >= windowMs) {
      this.scoredPricingViews.shift();
    }
    if (this.scoredPricingViews.length >= rule.perWindow) return;
    this.scoredPricingViews.push(prepared.ts);
    prepared.note ??= `pricing page ${prepared.page!.sentPath}`;
    this.earn({
      rule: "pricing_view",
      basePoints: rule.points,
      stage: "decision",
      eventId: prepared.id,
      ts: prepared.ts,
      at: prepared.at,
      note: prepared.note,
    });
  }

  private download(prepared: Tracked<Extract<TrackedEvent, { type: "download" }>>): void {
    const rule = this.model.engagement.download;
    const href = prepared.file!;
    const file = href.key;
    const times = this.downloadsByFile.get(file) ?? 0;
    if (times >= rule.perFile) return;
    this.downloadsByFile.set(file, times + 1);
    if (times === 0) this.counts.downloads++;
    // The link's own stage, else the file's path, else the page it was linked from.
    const stage = prepared.contentStage;
    const weight = this.weight(stage);
    prepared.note ??= `download ${fileName(href.sentPath)} (${stage ?? "untagged"} ×${weight})`;
    this.earn({
      rule: "download",
      basePoints: rule.points * weight,
      stage,
      eventId: prepared.id,
      ts: prepared.ts,
      at: prepared.at,
      note: prepared.note,
    });
  }

  private formSubmit(prepared: Tracked<Extract<TrackedEvent, { type: "form_submit" }>>): void {
    const { event } = prepared;
    this.counts.forms++;
    const rule = this.model.engagement.formSubmit;
    const times = this.submitsByForm.get(event.formId) ?? 0;
    this.submitsByForm.set(event.formId, times + 1);
    const handRaise = event.intent !== undefined && this.model.handRaise.formIntents.includes(event.intent);
    const what = `form_submit ${event.intent ?? event.formId}`;
    if (handRaise) this.lastHandRaise = { at: prepared.ts, eventId: prepared.id, what };
    // Hand-raises are decision-stage intent wherever the form sits; other forms take their page's stage.
    const stage = handRaise ? "decision" : prepared.contentStage;
    this.earn({
      rule: "form_submit",
      basePoints: times === 0 ? rule.firstPoints : rule.repeatPoints,
      stage,
      eventId: prepared.id,
      ts: prepared.ts,
      at: prepared.at,
      note: `${what}${times === 0 ? "" : ` (submit #${times + 1})`}`,
    });
  }

  private custom(prepared: Tracked<Extract<TrackedEvent, { type: "custom" }>>): void {
    const { event } = prepared;
    const table = this.model.engagement.customEvents;
    const rule = Object.hasOwn(table, event.name) ? table[event.name] : undefined;
    const handRaise = this.model.handRaise.customEvents.includes(event.name);
    if (handRaise) this.lastHandRaise = { at: prepared.ts, eventId: prepared.id, what: event.name };
    if (!rule) return;
    const stage = rule.stage ?? (handRaise ? "decision" : prepared.contentStage);
    this.earn({
      rule: `custom:${event.name}`,
      basePoints: rule.points,
      stage,
      eventId: prepared.id,
      ts: prepared.ts,
      at: prepared.at,
      note: event.name,
    });
  }
}
