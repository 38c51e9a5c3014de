/**
 * A small builder of visitor journeys for tests and the benchmark: each step is an event one
 * minute (or a chosen gap) after the previous one, with valid ULIDs, so a journey reads like the
 * articles' examples ("three articles, then the newsletter form").
 */
import type { ContentStage } from "../limits.ts";
import { DAY, HOUR, MINUTE } from "../time.ts";
import type { TrackedEvent, Traits } from "../wire.ts";
import type { SalesFeedbackEvent, SalesOutcome, ScoringEvent } from "./events.ts";

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A valid ULID made from a number: deterministic ids whose order follows `n`. */
export function ulidFrom(n: number, prefix = "01JD"): string {
  let body = "";
  let rest = n;
  for (let i = 0; i < 26 - prefix.length; i++) {
    body = CROCKFORD[rest % 32]! + body;
    rest = Math.floor(rest / 32);
  }
  return prefix + body;
}

interface StepOptions {
  /** Minutes since the previous event (default 1). */
  after?: number;
  stage?: ContentStage;
  /** Where the page was reached from: a full URL. */
  referrer?: string;
}

/** Builds one visitor's events. */
export class Journey {
  readonly events: ScoringEvent[] = [];
  readonly visitorId: string;
  /** Time of the latest event. */
  now: number;
  private next: number;
  private readonly site: string;
  private readonly network: string;

  /**
   * @param options.network the tag of the network the browser is on (see `claims.ts`): journeys
   *   share one unless told, as a buyer's phone and laptop at home do; a stranger's is another.
   */
  constructor(options: { start?: number; visitor?: number; site?: string; firstId?: number; network?: string } = {}) {
    this.now = options.start ?? Date.UTC(2026, 2, 2, 9, 0);
    this.visitorId = ulidFrom(options.visitor ?? 1, "01JC");
    this.next = options.firstId ?? 1;
    this.site = options.site ?? "https://acme.test";
    this.network = options.network ?? "home";
  }

  /** Moves the clock without an event. */
  wait(days: number, hours = 0): this {
    this.now += days * DAY + hours * HOUR;
    return this;
  }

  private push<E extends ScoringEvent>(
    build: (common: { id: string; visitorId: string; ts: number }) => E,
    after = 1,
  ): E {
    this.now += after * MINUTE;
    const event = build({ id: ulidFrom(this.next++), visitorId: this.visitorId, ts: this.now });
    // What the collector adds on arrival: the journey's events arrive as they happen.
    if (event.type !== "sales_feedback") Object.assign(event, { network: this.network, receivedAt: this.now });
    this.events.push(event);
    return event;
  }

  private tracked(path: string, options: StepOptions) {
    return (common: { id: string; visitorId: string; ts: number }) => ({
      ...common,
      sessionId: this.visitorId,
      url: `${this.site}${path}`,
      ...(options.stage ? { stage: options.stage } : {}),
      ...(options.referrer ? { referrer: options.referrer } : {}),
    });
  }

  view(path: string, options: StepOptions = {}): TrackedEvent {
    return this.push((c) => ({ ...this.tracked(path, options)(c), type: "content_view" as const }), options.after);
  }

  pricing(path = "/pricing", options: StepOptions = {}): TrackedEvent {
    return this.push((c) => ({ ...this.tracked(path, options)(c), type: "pricing_view" as const }), options.after);
  }

  download(file: string, options: StepOptions & { from?: string } = {}): TrackedEvent {
    return this.push(
      (c) => ({
        ...this.tracked(options.from ?? "/", options)(c),
        type: "download" as const,
        href: `${this.site}${file}`,
      }),
      options.after,
    );
  }

  form(formId: string, options: StepOptions & { intent?: string; traits?: Traits; page?: string } = {}): TrackedEvent {
    return this.push(
      (c) => ({
        ...this.tracked(options.page ?? "/", options)(c),
        type: "form_submit" as const,
        formId,
        ...(options.intent ? { intent: options.intent } : {}),
        traits: options.traits ?? {},
      }),
      options.after,
    );
  }

  identify(traits: Traits & { email: string }, options: StepOptions = {}): TrackedEvent {
    return this.push((c) => ({ ...this.tracked("/", options)(c), type: "identify" as const, traits }), options.after);
  }

  custom(name: string, options: StepOptions & { page?: string } = {}): TrackedEvent {
    return this.push(
      (c) => ({ ...this.tracked(options.page ?? "/", options)(c), type: "custom" as const, name }),
      options.after,
    );
  }

  sales(outcome: SalesOutcome, reason?: string, options: { after?: number } = {}): SalesFeedbackEvent {
    return this.push(
      (c) => ({ ...c, type: "sales_feedback" as const, outcome, ...(reason ? { reason } : {}) }),
      options.after,
    );
  }
}
