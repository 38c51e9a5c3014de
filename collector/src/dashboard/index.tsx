/**
 * The dashboard at `/dashboard`: server-rendered pages (Hono's JSX) over the qualification API,
 * for marketing ops and sales. No script runs in them: every view is an HTML page built from one
 * or two API answers, forms post what the buttons do, and the Content-Security-Policy allows
 * nothing but the collector's own stylesheet and forms. The API key is typed once at sign-in and
 * exchanged for a session cookie (`session.ts`); the pages call the API inside the Worker with
 * the key, which never reaches the browser.
 */
import type {
  Account,
  AccountsPage,
  ContentReport,
  CostsPage,
  ErrorResponse,
  EventsPage,
  FunnelReport,
  LeadsPage,
  Qualification,
  SourcesReport,
  WebhookDelivery,
  WebhookEndpoint,
} from "@embudo/shared";
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { csrf } from "hono/csrf";
import type { AppEnv } from "../env.ts";
import { sameSecret } from "../middleware/api-key.ts";
import { withinFailedAuthBudget } from "../middleware/rate-limit.ts";
import { type ApiAnswer, type ApiFetch, callApi, queryString } from "./internal-api.ts";
import { href, Notice, Page, type ViewName } from "./layout.tsx";
import { endSession, requireSession, startSession } from "./session.ts";
import { DASHBOARD_CSS } from "./style.ts";
import { AccountsView, AccountView } from "./views/accounts.tsx";
import { FunnelView } from "./views/funnel.tsx";
import { LeadView } from "./views/lead.tsx";
import { type LeadsQuery, LeadsView } from "./views/leads.tsx";
import { ModelView } from "./views/model.tsx";
import type { PeriodQuery } from "./views/period.tsx";
import { ReportsView } from "./views/reports.tsx";
import { SignInView } from "./views/sign-in.tsx";
import { WebhooksView, WebhookView } from "./views/webhooks.tsx";

/**
 * Scripts, frames, plugins and other origins are all refused; styles come from the collector's
 * stylesheet alone, and forms post to the collector alone.
 */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** A form post is an outcome, a reason, a spend line or a key: a few hundred bytes. */
const FORM_MAX_BYTES = 8 * 1024;

type DashboardContext = Context<AppEnv>;

/** The query values of a report view. */
function periodOf(c: DashboardContext): PeriodQuery {
  const { from, to, site } = c.req.query();
  return { ...(from ? { from } : {}), ...(to ? { to } : {}), ...(site ? { site } : {}) };
}

/**
 * A page of the dashboard to go to after sign-in (the one a link asked for), or undefined for
 * anything else: only `/dashboard/…` paths, never another origin.
 */
function dashboardPath(value: unknown): string | undefined {
  if (typeof value !== "string" || !value.startsWith(`${href("")}/`) || value.startsWith("//")) return undefined;
  return /^[\w\-./?=&%]*$/.test(value) && !value.includes("..") ? value : undefined;
}

/** Whether the API did what was asked (200, or 202 for a delivery sent again). */
function ok(answer: ApiAnswer<unknown>): boolean {
  return answer.status >= 200 && answer.status < 300;
}

/** A page saying what the API refused, with its status: an unknown lead is a 404 here too. */
function refusal(c: DashboardContext, answer: ApiAnswer<unknown>, title: string, active: ViewName) {
  const message = (answer.body as ErrorResponse).error?.message ?? `the API answered ${answer.status}`;
  c.status(answer.status as 400);
  return c.html(
    <Page title={title} active={active}>
      <Notice tone="error">{message}</Notice>
      <p>
        <a href={href("")}>Back to the funnel</a>
      </p>
    </Page>,
  );
}

/**
 * What the last form did, carried through its redirect as a code: the page writes the message
 * itself, so no link can make the dashboard say something of its choosing.
 */
const DONE_MESSAGES: Record<string, string> = {
  accepted: "Recorded: sales accepted the lead.",
  rejected: "Recorded: sales rejected the lead (not ready).",
  disqualified: "Recorded: sales disqualified the lead.",
  spend: "Spend saved.",
  replay: "Delivery sent again.",
};

function flash(c: DashboardContext): string | undefined {
  const done = c.req.query("done");
  return done !== undefined && Object.hasOwn(DONE_MESSAGES, done) ? DONE_MESSAGES[done] : undefined;
}

/**
 * The dashboard's router.
 * @param fetchApi the app's own fetch: every view reads through the qualification API.
 */
export function dashboardRoute(fetchApi: ApiFetch) {
  const api = <T,>(c: DashboardContext, method: "GET" | "POST" | "PUT", path: string, body?: unknown) =>
    callApi<T>(c, fetchApi, method, path, body);
  const dashboard = new Hono<AppEnv>();

  dashboard.use("*", async (c, next) => {
    await next();
    c.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    c.header("X-Content-Type-Options", "nosniff");
    c.header("Referrer-Policy", "no-referrer");
    if (!c.res.headers.has("Cache-Control")) c.header("Cache-Control", "no-store");
  });
  // Form posts must come from the dashboard's own origin. SameSite=Strict keeps other sites'
  // forms from carrying the session, but a sibling subdomain (the tracked marketing site) is the
  // same site: this check is what refuses its forms.
  dashboard.use("*", csrf());
  dashboard.use("*", bodyLimit({ maxSize: FORM_MAX_BYTES, onError: (c) => c.text("Too large.", 413) }));

  dashboard.get("/style.css", (c) => {
    c.header("Cache-Control", "public, max-age=300");
    return c.body(DASHBOARD_CSS, 200, { "Content-Type": "text/css; charset=utf-8" });
  });

  dashboard.get("/sign-in", (c) => c.html(<SignInView next={dashboardPath(c.req.query("next"))} />));

  dashboard.post("/sign-in", async (c) => {
    const expected = c.env.EMBUDO_API_KEY;
    const form = await c.req.parseBody();
    const key = typeof form.key === "string" ? form.key : "";
    const next = dashboardPath(form.next);
    if (!expected || Object.hasOwn(c.var.config.sites, expected)) {
      c.status(401);
      return c.html(
        <SignInView error="This collector has no usable API key (EMBUDO_API_KEY): the dashboard is closed." />,
      );
    }
    // Every attempt counts against the failed-authentication budget, before the key is compared:
    // past it, not even the right key signs in, so guessing cannot go on by watching for a 303.
    // Sign-ins are rare; ten a minute per address leaves people room.
    if (!(await withinFailedAuthBudget(c))) {
      c.status(429);
      return c.html(<SignInView error="Too many sign-ins from here: wait a minute." />);
    }
    if (!(await sameSecret(key, expected))) {
      c.status(401);
      return c.html(<SignInView error="That is not this collector's API key." next={next} />);
    }
    await startSession(c, expected);
    return c.redirect(next ?? href(""), 303);
  });

  dashboard.post("/sign-out", (c) => {
    endSession(c);
    return c.redirect(href("/sign-in"), 303);
  });

  dashboard.use("*", requireSession());

  dashboard.get("/", async (c) => {
    const query = periodOf(c);
    const answer = await api<FunnelReport>(c, "GET", `/v1/reports/funnel${queryString({ ...query })}`);
    if (!ok(answer)) return refusal(c, answer, "Funnel", "funnel");
    return c.html(<FunnelView report={answer.body} query={query} />);
  });

  dashboard.get("/leads", async (c) => {
    const { stage, email, sort, cursor } = c.req.query();
    const query: LeadsQuery = {
      ...(stage ? { stage } : {}),
      ...(email ? { email } : {}),
      ...(sort === "engagement" || sort === "fit" ? { sort } : {}),
      ...(cursor ? { cursor } : {}),
    };
    const answer = await api<LeadsPage>(
      c,
      "GET",
      `/v1/leads${queryString({ stage, email, sort: query.sort, cursor, limit: 100 })}`,
    );
    if (!ok(answer)) return refusal(c, answer, "Leads", "leads");
    return c.html(<LeadsView page={answer.body} query={query} />);
  });

  dashboard.get("/leads/:visitorId{[0-9A-Za-z]{26}}", async (c) => {
    const visitorId = encodeURIComponent(c.req.param("visitorId"));
    const cursor = c.req.query("cursor");
    // Both at once: the page costs what its slower API call costs.
    const [lead, timeline] = await Promise.all([
      api<Qualification>(c, "GET", `/v1/visitors/${visitorId}`),
      api<EventsPage>(c, "GET", `/v1/visitors/${visitorId}/events${queryString({ cursor, limit: 50 })}`),
    ]);
    if (!ok(lead)) return refusal(c, lead, "Lead", "leads");
    if (!ok(timeline)) return refusal(c, timeline, "Lead", "leads");
    return c.html(<LeadView lead={lead.body} timeline={timeline.body} message={flash(c)} />);
  });

  dashboard.post("/leads/:visitorId{[0-9A-Za-z]{26}}/feedback", async (c) => {
    const visitorId = encodeURIComponent(c.req.param("visitorId"));
    const form = await c.req.parseBody();
    const reason = typeof form.reason === "string" && form.reason.trim() ? form.reason.trim() : undefined;
    const answer = await api<Qualification>(c, "POST", `/v1/visitors/${visitorId}/feedback`, {
      outcome: form.outcome,
      ...(reason ? { reason } : {}),
    });
    if (!ok(answer)) return refusal(c, answer, "Sales feedback", "leads");
    return c.redirect(href(`/leads/${visitorId}${queryString({ done: String(form.outcome) })}`), 303);
  });

  dashboard.get("/accounts", async (c) => {
    const { stage, cursor } = c.req.query();
    const answer = await api<AccountsPage>(c, "GET", `/v1/accounts${queryString({ stage, cursor, limit: 100 })}`);
    if (!ok(answer)) return refusal(c, answer, "Accounts", "accounts");
    return c.html(<AccountsView page={answer.body} stage={stage} />);
  });

  dashboard.get("/accounts/:domain", async (c) => {
    const answer = await api<Account>(c, "GET", `/v1/accounts/${encodeURIComponent(c.req.param("domain"))}`);
    if (!ok(answer)) return refusal(c, answer, "Account", "accounts");
    return c.html(<AccountView account={answer.body} />);
  });

  dashboard.get("/reports", async (c) => {
    const query = periodOf(c);
    const [content, sources] = await Promise.all([
      api<ContentReport>(c, "GET", `/v1/reports/content${queryString({ ...query, limit: 50 })}`),
      api<SourcesReport>(c, "GET", `/v1/reports/sources${queryString({ ...query, groupBy: "campaign" })}`),
    ]);
    for (const answer of [content, sources]) {
      if (!ok(answer)) return refusal(c, answer, "Content & sources", "reports");
    }
    // The spend of the months the reports cover, as the API settled the period.
    const months = { from: sources.body.from.slice(0, 7), to: sources.body.to.slice(0, 7) };
    const costs = await api<CostsPage>(c, "GET", `/v1/costs${queryString(months)}`);
    if (!ok(costs)) return refusal(c, costs, "Content & sources", "reports");
    return c.html(
      <ReportsView content={content.body} sources={sources.body} costs={costs.body} query={query} message={flash(c)} />,
    );
  });

  dashboard.post("/costs", async (c) => {
    const form = await c.req.parseBody();
    const text = (name: string) => (typeof form[name] === "string" ? (form[name] as string).trim() : "");
    const item = {
      month: text("month"),
      source: text("source"),
      ...(text("campaign") ? { campaign: text("campaign") } : {}),
      amount: Number(text("amount")),
      currency: text("currency").toUpperCase(),
    };
    const answer = await api<unknown>(c, "PUT", "/v1/costs", { items: [item] });
    if (!ok(answer)) return refusal(c, answer, "Spend", "reports");
    return c.redirect(href(`/reports${queryString({ done: "spend" })}`), 303);
  });

  dashboard.get("/webhooks", async (c) => {
    const answer = await api<{ items: WebhookEndpoint[] }>(c, "GET", "/v1/webhooks");
    if (!ok(answer)) return refusal(c, answer, "Webhooks", "webhooks");
    return c.html(<WebhooksView endpoints={answer.body.items} />);
  });

  dashboard.get("/webhooks/:id", async (c) => {
    const id = encodeURIComponent(c.req.param("id"));
    const cursor = c.req.query("cursor");
    const [endpoint, deliveries] = await Promise.all([
      api<WebhookEndpoint>(c, "GET", `/v1/webhooks/${id}`),
      api<{ items: WebhookDelivery[]; nextCursor: string | null }>(
        c,
        "GET",
        `/v1/webhooks/${id}/deliveries${queryString({ cursor, limit: 50 })}`,
      ),
    ]);
    if (!ok(endpoint)) return refusal(c, endpoint, "Webhook", "webhooks");
    if (!ok(deliveries)) return refusal(c, deliveries, "Webhook", "webhooks");
    return c.html(
      <WebhookView
        endpoint={endpoint.body}
        deliveries={deliveries.body.items}
        nextCursor={deliveries.body.nextCursor}
        message={flash(c)}
      />,
    );
  });

  dashboard.post("/webhooks/:id/deliveries/:deliveryId/replay", async (c) => {
    const id = encodeURIComponent(c.req.param("id"));
    const deliveryId = encodeURIComponent(c.req.param("deliveryId"));
    const answer = await api<WebhookDelivery>(c, "POST", `/v1/webhooks/${id}/deliveries/${deliveryId}/replay`);
    if (!ok(answer)) return refusal(c, answer, "Replay", "webhooks");
    return c.redirect(href(`/webhooks/${id}${queryString({ done: "replay" })}`), 303);
  });

  dashboard.get("/model", (c) => c.html(<ModelView model={c.var.config.model} />));

  return dashboard;
}
