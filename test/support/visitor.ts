/**
 * The journeys' one helper: a visitor is a browser context with one page, the log of the
 * events its tracker sends, and the qualification API's answer about it. Steps drive the
 * page and assert on the events sent; `expectQualification` asserts on the API's answer.
 */

import { createEmbudoClient, type EmbudoClient, type Schema } from "@embudo/collector/client";
import type { WireEvent } from "@embudo/shared";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { expect } from "vitest";
import { EventLog } from "./event-log.ts";
import type { StackInfo } from "./stack.ts";

type Qualification = Schema<"Qualification">;
type Reason = Qualification["reasons"][number];

/** What the API must answer; `counts` and `identity` are matched partially. */
export interface ExpectedQualification {
  stage: Qualification["stage"];
  intent?: Qualification["intent"];
  counts?: Partial<Qualification["counts"]>;
  identity?: Record<string, unknown>;
  /** The person's primary visitor, and all its visitors in order. */
  visitorId?: string;
  visitorIds?: string[];
}

/** The event types that are a view of a page. */
const isView = (event: WireEvent) => event.type === "content_view" || event.type === "pricing_view";

export class Visitor {
  /** The collector's API, through the client typed from its OpenAPI document. */
  readonly api: EmbudoClient;

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly sent: EventLog,
    stack: StackInfo,
  ) {
    this.api = createEmbudoClient({ baseUrl: stack.collectorUrl, apiKey: stack.apiKey });
  }

  /** A new visitor: a fresh browser context (its own storage, so its own visitor id). */
  static async open(browser: Browser, stack: StackInfo): Promise<Visitor> {
    const context = await browser.newContext();
    const sent = new EventLog(context, stack.collectorUrl);
    return new Visitor(context, await context.newPage(), sent, stack);
  }

  /** Opens `url` and waits until the tracker has sent its view; returns that event. */
  async visit(url: string): Promise<WireEvent> {
    await this.page.goto(url);
    return this.sent.waitFor(`view of ${url}`, (event) => isView(event) && event.url === url);
  }

  /** Fills the fields of `formSelector` by name, submits it and returns the `form_submit` sent. */
  async submitForm(formSelector: string, values: Record<string, string>): Promise<WireEvent> {
    const form = this.page.locator(formSelector);
    for (const [name, value] of Object.entries(values)) await form.locator(`[name="${name}"]`).fill(value);
    const before = new Set(this.sent.events.map((event) => event.id));
    await form.locator('[type="submit"]').click();
    return this.sent.waitFor(
      `form_submit of ${formSelector}`,
      (event) => event.type === "form_submit" && !before.has(event.id),
    );
  }

  /** The visitor id every event carried so far (they must all agree). */
  visitorId(): string {
    const ids = new Set(this.sent.events.map((event) => event.visitorId));
    expect(ids.size, "events sent by one browser carry one visitor id").toBe(1);
    return [...ids][0]!;
  }

  /**
   * Polls the API (events are stored a moment after they are sent) until the answer matches
   * `expected`, and returns it; after `timeoutMs` fails with the last answer and the events sent.
   */
  async expectQualification(expected: ExpectedQualification, timeoutMs = 15_000): Promise<Qualification> {
    const visitorId = this.visitorId();
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const {
        data: answer,
        error,
        response,
      } = await this.api.GET("/v1/visitors/{visitorId}", {
        params: { path: { visitorId } },
      });
      // 404 means "not stored yet"; anything else is a failure to report now, not to wait out.
      if (error && response.status !== 404) {
        throw new Error(`GET /v1/visitors/${visitorId} answered ${response.status}: ${JSON.stringify(error)}`);
      }
      try {
        expect(answer).toMatchObject(expected);
        return answer!;
      } catch (error) {
        if (Date.now() > deadline) {
          (error as Error).message =
            `GET /v1/visitors/${visitorId} did not match within ${timeoutMs} ms: ${(error as Error).message}\n` +
            `events sent:\n${this.sent.describe()}\nlast answer: ${JSON.stringify(answer, null, 2)}`;
          throw error;
        }
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  close(): Promise<void> {
    return this.context.close();
  }
}

/**
 * Asserts that `qualification` explains itself with `event`: a reason points at the event's id,
 * its rule name matches `rule` (names may vary; what they mean may not) and it gave points.
 */
export function expectReasonFor(qualification: Qualification, event: WireEvent, rule: RegExp): Reason {
  const reason = qualification.reasons.find((candidate) => candidate.eventId === event.id && rule.test(candidate.rule));
  const summary = qualification.reasons.map((r) => `${r.rule} ${r.points} ${r.eventId ?? "-"}`).join("\n  ");
  expect(reason, `a reason matching ${rule} for the ${event.type} ${event.id}, among:\n  ${summary}`).toBeDefined();
  expect(reason!.points).toBeGreaterThan(0);
  return reason!;
}
