/**
 * Marketing ops read a lead in the dashboard (`/dashboard`: server-rendered pages, no script) and
 * sales send it back. A reader becomes an SQL on the demo site (a blog post, pricing, a demo
 * request by a VP at a 200-person company); in another browser the dashboard asks for the API
 * key, refuses a wrong one and trades the right one for a strict session cookie; the funnel of a
 * period covering today counts the reader among the SQLs; the leads view finds it by stage and
 * email; the lead view says why, with the reasons the API gives for the pricing view and the demo
 * request; "Reject" recycles it to MQL, and the API agrees. The other views answer with their
 * heading, and no view logs an error or fails a request under its Content-Security-Policy.
 *
 * Every view is saved as a full-page screenshot, 1280 px wide (and the lead at a phone's 390 px),
 * under `test/output/dashboard/` (ignored by git), emptied at the start of each run: look at them
 * after a run. `lead.png` is the picture `docs/dashboard-lead.png` was copied from.
 */
import { mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Schema } from "@embudo/collector/client";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { useBrowser } from "../support/use-browser.ts";
import { expectReasonFor, Visitor } from "../support/visitor.ts";

type Reason = Schema<"QualificationReason">;

const { siteUrl, ...stack } = inject("e2e");
const { collectorUrl, apiKey } = stack;
const browser = useBrowser();
const EMAIL = "lena@wayne-corp.test";
const DASHBOARD = `${collectorUrl}/dashboard`;
/** Where the screenshots go (test/output/dashboard/). */
const SHOTS = resolve(import.meta.dirname, "../output/dashboard");
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

/** The UTC day `offset` days from today, as the period filters take it. */
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** Points and times as the dashboard writes them (`collector/src/dashboard/format.ts`). */
const points = (value: number) => (Math.round(value * 10) / 10).toFixed(1);
const when = (iso: string) => `${new Date(iso).toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** Saves the whole page as `name.png` under {@link SHOTS}. */
const shoot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

/** The `<section>` of a view headed `title`. */
const sectionOf = (page: Page, title: string) =>
  page.locator("section").filter({ has: page.getByRole("heading", { name: title, exact: true }) });

/** The page's `<h1>`. */
const headingOf = (page: Page) => page.getByRole("heading", { level: 1 }).textContent();

/**
 * Reloads `page` until `read` answers what `check` accepts, and returns that answer: the reports
 * and listings read indexes that the index queue writes a moment after a lead changes.
 */
async function reloadUntil<T>(page: Page, read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 250));
    await page.reload();
  }
}

/**
 * Waits until the collector has answered every event the visitor's tracker queued: its queue (in
 * localStorage, under `embudo:q`) is empty. A page left before its answer came leaves its events
 * queued, and the next page's tracker holds back its own new events (the demo request) until the
 * old ones count as abandoned, 10 s later; a reader who reads each page never meets that delay.
 */
const answered = (visitor: Visitor) =>
  visitor.page.waitForFunction(() => !Object.keys(localStorage).some((key) => key.startsWith("embudo:q")), undefined, {
    polling: 50,
    timeout: 10_000,
  });

describe("marketing ops read a lead in the dashboard, and sales send it back", () => {
  let lena: Visitor;
  let visitorId: string;
  let pricingReason: Reason;
  let demoReason: Reason;
  /** The rule of the lead's last stage change, as the API gives it. */
  let sqlRule: string;
  /** The marketing-ops user's browser: a context of its own, 1280 × 900, signed in once. */
  let ops: BrowserContext;
  let page: Page;
  /** Script errors, console errors (a stylesheet or form refused by the policy) and failed requests. */
  const problems: string[] = [];

  beforeAll(async () => {
    rmSync(SHOTS, { recursive: true, force: true });
    mkdirSync(SHOTS, { recursive: true });
    lena = await Visitor.open(browser(), { siteUrl, ...stack });
    ops = await browser().newContext({ viewport: DESKTOP });
    page = await ops.newPage();
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("console", (message) => {
      const { url } = message.location();
      if (message.type() !== "error" || /favicon/.test(url)) return;
      // Chromium logs the refused sign-in's 401 as a console error: that refusal is the point.
      if (url === `${DASHBOARD}/sign-in` && /status of 401/.test(message.text())) return;
      problems.push(`${message.text()} (${url})`);
    });
    page.on("requestfailed", (request) => problems.push(`request failed: ${request.url()}`));
  });
  afterAll(async () => {
    await ops?.close();
    await lena?.close();
  });

  it("a reader becomes an SQL on the demo site: a blog post, pricing and a demo request", async () => {
    await lena.visit(`${siteUrl}/blog/freight-rfp-checklist/`);
    await answered(lena);
    const pricingView = await lena.visit(`${siteUrl}/pricing/`);
    await answered(lena);
    await lena.visit(`${siteUrl}/demo/`);
    await answered(lena);
    const demoRequest = await lena.submitForm("#demo-request", {
      name: "Lena Marsh",
      email: EMAIL,
      company: "Wayne Enterprises",
      jobTitle: "VP Marketing",
      companySize: "200",
    });
    visitorId = lena.visitorId();
    const answer = await lena.expectQualification({
      stage: "sql",
      identity: { email: EMAIL, company: "Wayne Enterprises" },
    });
    // What the lead view must show: the reasons of the pricing view and of the demo request.
    pricingReason = expectReasonFor(answer, pricingView, /pricing/);
    demoReason = expectReasonFor(answer, demoRequest, /demo|hand.?raise|form/);
    expect(pricingReason.note).toMatch(/pricing/);
    expect(demoReason.note).toMatch(/demo/);
    sqlRule = answer.stageHistory.at(-1)!.rule;
    // The leads view reads the leads index, which the index queue writes a moment later.
    await expect
      .poll(
        async () =>
          (await lena.api.GET("/v1/leads", { params: { query: { stage: "sql", email: EMAIL } } })).data?.items.map(
            (lead) => lead.visitorId,
          ),
        { timeout: 10_000 },
      )
      .toEqual([visitorId]);
  });

  it("asks for the API key, refuses a wrong one, and trades the right one for a strict session cookie", async () => {
    await page.goto(DASHBOARD);
    expect(page.url()).toBe(`${DASHBOARD}/sign-in`);
    expect(await headingOf(page)).toBe("Sign in");
    await shoot(page, "sign-in");

    const key = page.locator('input[name="key"]');
    const signIn = page.getByRole("button", { name: "Sign in" });
    await key.fill(`${apiKey}-wrong`);
    const [refused] = await Promise.all([
      page.waitForResponse((response) => response.request().method() === "POST"),
      signIn.click(),
    ]);
    expect(refused.status()).toBe(401);
    await expect.poll(() => page.getByRole("alert").textContent()).toMatch(/not this collector's API key/);
    expect(page.url()).toBe(`${DASHBOARD}/sign-in`);
    expect((await ops.cookies()).map((cookie) => cookie.name)).not.toContain("embudo_session");
    await shoot(page, "sign-in-refused");

    await key.fill(apiKey);
    await Promise.all([page.waitForURL(DASHBOARD), signIn.click()]);
    const session = (await ops.cookies()).find((cookie) => cookie.name === "embudo_session");
    expect(session).toMatchObject({
      name: "embudo_session",
      domain: "127.0.0.1",
      path: "/dashboard",
      httpOnly: true,
      sameSite: "Strict",
      // Secure everywhere but on loopback, where the collector answers over plain http.
      secure: false,
    });
    // It lasts a working day, and carries no key.
    expect(session!.expires * 1000).toBeGreaterThan(Date.now() + 7 * 3_600_000);
    expect(session!.value).not.toContain(apiKey);

    // A browser without the cookie is sent to sign in.
    const stranger = await browser().newContext({ viewport: DESKTOP });
    try {
      const strangerPage = await stranger.newPage();
      const response = await strangerPage.goto(`${DASHBOARD}/leads`);
      expect(response?.request().redirectedFrom()?.url()).toBe(`${DASHBOARD}/leads`);
      // The sign-in page remembers where the link pointed, to go back there after.
      expect(strangerPage.url()).toBe(`${DASHBOARD}/sign-in?next=${encodeURIComponent("/dashboard/leads")}`);
      expect(await headingOf(strangerPage)).toBe("Sign in");
    } finally {
      await stranger.close();
    }
  });

  it("counts the reader among the SQLs of a period that covers today", async () => {
    await page.goto(DASHBOARD);
    const filters = page.locator("form.filters");
    await filters.locator('input[name="from"]').fill(day(-1));
    await filters.locator('input[name="to"]').fill(day(1));
    await Promise.all([page.waitForURL(/\/dashboard\?from=/), filters.getByRole("button", { name: "Show" }).click()]);
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toMatchObject({ from: day(-1), to: day(1) });

    const funnel = sectionOf(page, `Leads first seen from ${day(-1)} to ${day(1)}`);
    const sqlRow = funnel.locator("tbody tr").filter({ has: page.locator("td:first-child", { hasText: /^sql$/ }) });
    const reachedSql = async () => Number(await sqlRow.locator("td").nth(1).textContent());
    expect(await reloadUntil(page, reachedSql, (reached) => reached >= 1)).toBeGreaterThanOrEqual(1);
    await shoot(page, "funnel");
  });

  it("lists the lead among the SQLs by email, and its view says why: the pricing view and the demo request", async () => {
    await page.goto(`${DASHBOARD}/leads`);
    const filters = page.locator("form.filters");
    await filters.locator('select[name="stage"]').selectOption("sql");
    await filters.locator('input[name="email"]').fill(EMAIL);
    await Promise.all([page.waitForURL(/\/dashboard\/leads\?/), filters.getByRole("button", { name: "Show" }).click()]);
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toMatchObject({ stage: "sql", email: EMAIL });
    const rows = page.locator("tbody tr");
    expect(await rows.count()).toBe(1);
    expect(await rows.locator("span.stage").textContent()).toBe("sql");
    await shoot(page, "leads");

    await Promise.all([
      page.waitForURL(`${DASHBOARD}/leads/${visitorId}`),
      rows.getByRole("link", { name: EMAIL }).click(),
    ]);
    expect(await headingOf(page)).toBe(EMAIL);
    const stage = sectionOf(page, "Stage");
    expect(await stage.locator("span.stage").getAttribute("class")).toBe("stage stage-sql");
    expect(await stage.locator("span.stage").textContent()).toBe("sql");
    expect(await stage.locator("p.muted").textContent()).toBe(sqlRule);
    // Each reason in a row of its own: points, rule, what happened, content stage, when.
    const reasons = sectionOf(page, "Why: every reason").locator("tbody tr");
    for (const reason of [pricingReason, demoReason]) {
      expect(await reasons.filter({ hasText: reason.note }).locator("td").allTextContents()).toEqual([
        points(reason.points),
        reason.rule,
        reason.note,
        reason.stage ?? "",
        when(reason.at),
      ]);
    }
    await shoot(page, "lead");

    // The same view on a phone, with the same session: it must render (look at lead-phone.png).
    const phone = await browser().newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    try {
      await phone.addCookies(await ops.cookies());
      const phonePage = await phone.newPage();
      const response = await phonePage.goto(`${DASHBOARD}/leads/${visitorId}`);
      expect(response?.status()).toBe(200);
      expect(await headingOf(phonePage)).toBe(EMAIL);
      await shoot(phonePage, "lead-phone");
    } finally {
      await phone.close();
    }
  });

  it("recycles the lead to MQL when sales press Reject, and the API agrees", async () => {
    await Promise.all([
      page.waitForURL(`${DASHBOARD}/leads/${visitorId}?done=rejected`),
      page.getByRole("button", { name: "Reject" }).click(),
    ]);
    expect(await page.getByRole("status").textContent()).toBe("Recorded: sales rejected the lead (not ready).");
    const badge = sectionOf(page, "Stage").locator("span.stage");
    expect(await badge.getAttribute("class")).toBe("stage stage-mql");
    expect(await badge.textContent()).toBe("mql");
    await shoot(page, "lead-rejected");

    const answer = await lena.expectQualification({ stage: "mql", identity: { email: EMAIL } });
    expect(answer.stageHistory.map((change) => change.stage).slice(-2)).toEqual(["sql", "mql"]);
    expect(await sectionOf(page, "Stage").locator("p.muted").textContent()).toBe(answer.stageHistory.at(-1)!.rule);
  });

  it.each([
    // view, its heading and navigation label, and a text it shows once the indexes have caught up
    ["accounts", "Accounts", "wayne-corp.test"],
    ["reports", "Content & sources", "/pricing"],
    ["webhooks", "Webhooks", "Webhooks"],
    ["model", "Scoring model", "In force:"],
  ])("shows the %s view", async (view, heading, shows) => {
    const response = await page.goto(`${DASHBOARD}/${view}`);
    expect(response?.status()).toBe(200);
    expect(await headingOf(page)).toBe(heading);
    const link = page.getByRole("navigation", { name: "Views" }).getByRole("link", { name: heading, exact: true });
    expect(await link.getAttribute("aria-current")).toBe("page");
    const text = () => page.locator("main").textContent();
    expect(await reloadUntil(page, text, (content) => content?.includes(shows) ?? false)).toContain(shows);
    await shoot(page, view);
  });

  it("logged no error and failed no request on any view", () => {
    expect(problems).toEqual([]);
  });
});
