/**
 * The dashboard at `/dashboard`: server-rendered pages (Hono's JSX) over the qualification API,
 * for marketing ops and sales. No script runs in them: every view is an HTML page built from one
 * or two API answers, forms post what the buttons do, and the Content-Security-Policy allows
 * nothing but the collector's own stylesheet and forms. The API key is typed once at sign-in and
 * exchanged for a session cookie (`session.ts`); the pages call the API inside the Worker with
 * the key, which never reaches the browser (`api.ts`).
 *
 * This file only wires: the headers and checks every page gets, the way in, the session, then
 * each view's routes, which live beside the view (`views/*.tsx`).
 */
import { Hono, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { csrf } from "hono/csrf";
import { type ApiFetch, type DashboardEnv, readThroughApi } from "./api.ts";
import { requireSession } from "./session.ts";
import { DASHBOARD_CSS } from "./style.ts";
import { accountsRoutes } from "./views/accounts.tsx";
import { funnelRoutes } from "./views/funnel.tsx";
import { leadRoutes } from "./views/lead.tsx";
import { leadsRoutes } from "./views/leads.tsx";
import { modelRoutes } from "./views/model.tsx";
import { reportsRoutes } from "./views/reports.tsx";
import { signInRoutes } from "./views/sign-in.tsx";
import { webhooksRoutes } from "./views/webhooks.tsx";

/**
 * Scripts, frames, plugins and other origins are all refused; styles come from the collector's
 * stylesheet alone, and forms post to the collector alone.
 */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** A form post is an outcome, a reason, a spend line or a key: a few hundred bytes. */
const FORM_MAX_BYTES = 8 * 1024;

/** The headers of every answer, set after the handler so refusals and redirects carry them too. */
function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    c.header("X-Content-Type-Options", "nosniff");
    // frame-ancestors says it to browsers that read the policy; this to those that do not.
    c.header("X-Frame-Options", "DENY");
    c.header("Referrer-Policy", "no-referrer");
    if (!c.res.headers.has("Cache-Control")) c.header("Cache-Control", "no-store");
  };
}

/**
 * The dashboard's router.
 * @param fetchApi the app's own fetch: every view reads through the qualification API.
 */
export function dashboardRoute(fetchApi: ApiFetch) {
  const dashboard = new Hono<DashboardEnv>();

  dashboard.use("*", securityHeaders());
  // Form posts must come from the dashboard's own origin. SameSite=Strict keeps other sites'
  // forms from carrying the session, but a sibling subdomain (the tracked marketing site) is the
  // same site: this check is what refuses its forms.
  dashboard.use("*", csrf());
  dashboard.use("*", bodyLimit({ maxSize: FORM_MAX_BYTES, onError: (c) => c.text("Too large.", 413) }));

  // Open without a session: the stylesheet (the sign-in page uses it) and the way in and out.
  dashboard.get("/style.css", (c) => {
    c.header("Cache-Control", "public, max-age=300");
    return c.body(DASHBOARD_CSS, 200, { "Content-Type": "text/css; charset=utf-8" });
  });
  dashboard.route("/", signInRoutes);

  // Everything below needs a session, and reads the API as the signed-in client.
  dashboard.use("*", requireSession());
  dashboard.use("*", readThroughApi(fetchApi));
  dashboard.route("/", funnelRoutes);
  dashboard.route("/", leadsRoutes);
  dashboard.route("/", leadRoutes);
  dashboard.route("/", accountsRoutes);
  dashboard.route("/", reportsRoutes);
  dashboard.route("/", webhooksRoutes);
  dashboard.route("/", modelRoutes);

  return dashboard;
}
