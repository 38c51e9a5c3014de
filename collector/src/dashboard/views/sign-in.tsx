import { Hono } from "hono";
import type { AppEnv } from "../../env.ts";
import { sameSecret } from "../../middleware/api-key.ts";
import { withinFailedAuthBudget } from "../../middleware/rate-limit.ts";
import { href, Notice, Page } from "../layout.tsx";
import { endSession, startSession } from "../session.ts";

/**
 * The sign-in page: the API key, typed once and posted in the body, is exchanged for a session
 * cookie. It never appears in a URL, in storage the page can read, or in any page.
 */
export function SignInView(props: { error?: string; next?: string | undefined }) {
  return (
    <Page title="Sign in">
      <section class="sign-in">
        <p class="muted">The collector's API key (EMBUDO_API_KEY) opens the dashboard for the working day.</p>
        {props.error && <Notice tone="error">{props.error}</Notice>}
        <form method="post" action={href("/sign-in")}>
          <label>
            API key
            <input type="password" name="key" autocomplete="current-password" required autofocus />
          </label>
          {props.next && <input type="hidden" name="next" value={props.next} />}
          <button type="submit">Sign in</button>
        </form>
      </section>
    </Page>
  );
}

/**
 * A page of the dashboard to go to after sign-in (the one a link asked for), or undefined for
 * anything else: only `/dashboard/…` paths, never another origin. Checked as the browser will
 * read it, decoded: `%2e%2e` is `..` to a server that decodes the path.
 */
function dashboardPath(value: unknown): string | undefined {
  if (typeof value !== "string" || !/^[\w\-./?=&%]*$/.test(value)) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return undefined;
  }
  for (const form of [value, decoded]) {
    if (!form.startsWith(`${href("")}/`) || form.includes("..") || form.includes("\\")) {
      return undefined;
    }
  }
  return value;
}

/**
 * The way in and out, open without a session: `GET /dashboard/sign-in`, the form; `POST`, the API
 * key exchanged for a session cookie; `POST /dashboard/sign-out`, the cookie deleted.
 */
export const signInRoutes = new Hono<AppEnv>()
  .get("/sign-in", (c) => c.html(<SignInView next={dashboardPath(c.req.query("next"))} />))
  .post("/sign-in", async (c) => {
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
    // A wrong key spends the failed-authentication budget, as it does on the API; the right one
    // spends nothing, so people signing in from one office never lock each other out. The key is
    // a long random secret: the budget stops hammering, not a guess that could ever come true.
    if (!(await sameSecret(key, expected))) {
      if (!(await withinFailedAuthBudget(c))) {
        c.status(429);
        return c.html(<SignInView error="Too many wrong keys from here: wait a minute." next={next} />);
      }
      c.status(401);
      return c.html(<SignInView error="That is not this collector's API key." next={next} />);
    }
    await startSession(c, expected);
    return c.redirect(next ?? href(""), 303);
  })
  .post("/sign-out", async (c) => {
    await endSession(c);
    return c.redirect(href("/sign-in"), 303);
  });
