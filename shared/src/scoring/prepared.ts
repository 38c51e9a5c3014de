/**
 * Each event read once: what every rule and report needs of an event that depends only on the
 * event and the model (its page's parts, its file's, its content stage, the careers pattern it
 * matches, its ISO time, its notes) is worked out the first time a rule asks, then kept with the
 * event. The collector keeps a visitor's events in memory and re-scores them on every ingestion,
 * with a {@link PreparedCache} beside them, so a page is parsed once in the object's life, not
 * once per re-score and per rule.
 */
import type { ContentStage } from "../limits.ts";
import type { ScoringEvent } from "./events.ts";
import { isoString } from "./iso.ts";
import { firstPathMatch, stageFromPath, type UrlParts, urlParts } from "./match.ts";
import type { ScoringModel } from "./model.ts";
import type { Touch } from "./qualification.ts";
import { touchOf } from "./touch.ts";

/** Not worked out yet (null is an answer: no stage, no match). */
const UNSET = Symbol("unset");

/**
 * An event and what the model's rules read of it, each part worked out on first use. Get them
 * through {@link prepareEvents}.
 */
export class PreparedEvent<E extends ScoringEvent = ScoringEvent> {
  #page: UrlParts | null | typeof UNSET = UNSET;
  #file: UrlParts | null | typeof UNSET = UNSET;
  #stage: ContentStage | null | typeof UNSET = UNSET;
  #careers: string | null | typeof UNSET = UNSET;
  #at: string | null = null;
  #touch: Touch | null | typeof UNSET = UNSET;
  /**
   * The note of the receipt this event earns, when it depends on nothing but the event and the
   * model (a view's, a download's): written by the first replay, read by the next.
   */
  note: string | null = null;

  /**
   * The event's id, time, type and visitor, copied: events come in many shapes (each type, with
   * and without optional fields), and reading these through one class instead keeps the
   * engine's hottest property reads monomorphic.
   */
  readonly id: string;
  readonly ts: number;
  readonly type: E["type"];
  readonly visitorId: string;

  constructor(
    readonly event: E,
    readonly model: ScoringModel,
  ) {
    this.id = event.id;
    this.ts = event.ts;
    this.type = event.type;
    this.visitorId = event.visitorId;
  }

  /** The page's URL parts; null for sales feedback, which has no page. */
  get page(): UrlParts | null {
    if (this.#page === UNSET) this.#page = "url" in this.event ? urlParts(this.event.url) : null;
    return this.#page;
  }

  /** The downloaded file's URL parts; null for anything but a download. */
  get file(): UrlParts | null {
    if (this.#file === UNSET) this.#file = this.event.type === "download" ? urlParts(this.event.href) : null;
    return this.#file;
  }

  /**
   * The content stage: the one the page declared, else the first of the model's URL rules that
   * matches (for a download, the file's path first, then the page's). Null when none says.
   */
  get contentStage(): ContentStage | null {
    if (this.#stage === UNSET) {
      const declared = "stage" in this.event ? this.event.stage : undefined;
      const file = this.file;
      const page = this.page;
      this.#stage =
        declared ??
        (file && stageFromPath(file.path, this.model)) ??
        (page && stageFromPath(page.path, this.model)) ??
        null;
    }
    return this.#stage;
  }

  /** The model's careers pattern the page's path matches, or null. */
  get careersMatch(): string | null {
    if (this.#careers === UNSET) {
      const page = this.page;
      this.#careers = page && firstPathMatch(page.path, this.model.engagement.careersPage.urlPatterns);
    }
    return this.#careers;
  }

  /**
   * Where the visit came from, were this event the first of a visit (`touch.ts`); null for sales
   * feedback. Read for a lead's first event and the start of its latest session only.
   */
  get touch(): Touch | null {
    if (this.#touch === UNSET) {
      const { event } = this;
      const page = this.page;
      this.#touch =
        page && "url" in event
          ? touchOf({ url: event.url, referrer: event.referrer, landingPage: page.sentPath, at: this.at })
          : null;
    }
    return this.#touch;
  }

  /** The event's time as an ISO 8601 string, as answers show it. */
  get at(): string {
    this.#at ??= isoString(this.ts);
    return this.#at;
  }
}

/**
 * The events one lead's last score prepared, kept for its next (a visitor's or a person's object
 * keeps one beside its events): an event object seen then is not prepared again. A re-score sees
 * the same objects in the same order plus a few new ones, so they are matched by walking both
 * lists in step; only when that falls out of step (an event removed from the middle, a span
 * replaced) is a lookup table built. A change of model prepares everything again.
 */
export class PreparedCache {
  #model: ScoringModel | null = null;
  #last: PreparedEvent[] = [];

  /** The events prepared for `model`, in the order given; see {@link prepareEvents}. */
  prepare<E extends ScoringEvent>(events: readonly E[], model: ScoringModel): PreparedEvent<E>[] {
    const last = model === this.#model ? (this.#last as PreparedEvent<E>[]) : [];
    const result = new Array<PreparedEvent<E>>(events.length);
    let j = 0;
    let byEvent: Map<E, PreparedEvent<E>> | null = null;
    for (let i = 0; i < events.length; i++) {
      const event = events[i]!;
      let p: PreparedEvent<E> | undefined;
      if (j < last.length && last[j]!.event === event) p = last[j++];
      else {
        byEvent ??= new Map(last.map((kept) => [kept.event, kept]));
        p = byEvent.get(event) ?? new PreparedEvent(event, model);
      }
      result[i] = p!;
    }
    this.#model = model;
    this.#last = result;
    return result;
  }
}

/**
 * The events prepared for `model`, in the order given: from `cache` when one is given (what a
 * caller that re-scores the same events passes), else fresh.
 */
export function prepareEvents<E extends ScoringEvent>(
  events: readonly E[],
  model: ScoringModel,
  cache?: PreparedCache,
): PreparedEvent<E>[] {
  if (cache) return cache.prepare(events, model);
  const result = new Array<PreparedEvent<E>>(events.length);
  for (let i = 0; i < events.length; i++) result[i] = new PreparedEvent(events[i]!, model);
  return result;
}
