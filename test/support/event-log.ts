/**
 * Records every event the tracker sends from a browser context, by watching its requests to
 * `POST /v1/events`: what was sent is then asserted on directly, and its ids are matched
 * against the reasons the qualification API gives.
 */
import type { WireBatch, WireEvent } from "@embudo/shared";
import type { BrowserContext, Request } from "playwright-core";

/** An event as the tracker sent it, with how its requests went. */
export interface SentEvent {
  event: WireEvent;
  /** Requests that carried it (a retry after an outage carries it again, same id). */
  attempts: number;
  /** Of those, requests that failed at the network level (collector down). */
  failures: number;
}

export class EventLog {
  readonly #sent = new Map<string, SentEvent>();
  readonly #requestEvents = new WeakMap<Request, WireEvent[]>();

  /** Watches `context` for batches sent to the collector at `collectorUrl`. */
  constructor(context: BrowserContext, collectorUrl: string) {
    const endpoint = `${collectorUrl}/v1/events`;
    context.on("request", (request) => {
      if (request.method() !== "POST" || request.url() !== endpoint) return;
      const batch = JSON.parse(request.postData() ?? "{}") as WireBatch;
      this.#requestEvents.set(request, batch.events);
      for (const event of batch.events) {
        const seen = this.#sent.get(event.id) ?? { event, attempts: 0, failures: 0 };
        seen.attempts++;
        this.#sent.set(event.id, seen);
      }
    });
    context.on("requestfailed", (request) => {
      for (const event of this.#requestEvents.get(request) ?? []) this.#sent.get(event.id)!.failures++;
    });
  }

  /** Every distinct event sent so far, in the order first sent. */
  get events(): WireEvent[] {
    return [...this.#sent.values()].map((sent) => sent.event);
  }

  /** How the requests carrying event `id` went. */
  delivery(id: string): SentEvent | undefined {
    return this.#sent.get(id);
  }

  /** One line per event sent, for failure messages. */
  describe(): string {
    return [...this.#sent.values()]
      .map(
        ({ event, attempts, failures }) => `  ${event.type} ${event.url} (${attempts} attempt(s), ${failures} failed)`,
      )
      .join("\n");
  }

  /**
   * Waits until an event matching `predicate` has been sent and returns it: a view is sent
   * about half a second after the page loads, a form at once on the next flush.
   */
  async waitFor(what: string, predicate: (event: WireEvent) => boolean, timeoutMs = 10_000): Promise<WireEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find(predicate);
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(`no ${what} was sent within ${timeoutMs} ms; sent so far:\n${this.describe() || "  nothing"}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Waits until the event with `id` has been attempted `failures` times without success. */
  async waitForFailures(id: string, failures = 1, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((this.#sent.get(id)?.failures ?? 0) < failures) {
      if (Date.now() > deadline)
        throw new Error(`event ${id} did not fail ${failures} time(s) within ${timeoutMs} ms:\n${this.describe()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
