import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getSignedCookie, setSignedCookie } from "hono/cookie";
import type { AppEnv } from "../env.ts";

/** The session cookie's name and path: only the dashboard's requests carry it. */
export const SESSION_COOKIE = "embudo_session";
export const DASHBOARD_PATH = "/dashboard";

/** How long a sign-in lasts: a working day. */
export const SESSION_SECONDS = 8 * 60 * 60;

const encoder = new TextEncoder();

/**
 * The key that signs sessions: an HMAC of a fixed label under the API key. Sessions need no
 * secret of their own, and changing the API key ends every session signed under the old one.
 */
async function sessionKey(apiKey: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(apiKey), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  const mac = await crypto.subtle.sign("HMAC", key, encoder.encode("embudo dashboard session v1"));
  return btoa(String.fromCharCode(...new Uint8Array(mac)));
}

/** Whether the request reached the collector on a loopback address, where cookies cannot be Secure over http. */
function onLoopback(c: Context): boolean {
  const host = new URL(c.req.url).hostname;
  return host === "localhost" || host === "127.0.0.1" || host === "[::1]" || host.endsWith(".localhost");
}

/** A session as its cookie names it: its row's id and when it ends (ms). */
interface SessionCookie {
  id: string;
  expires: number;
}

/** The session the request's cookie names, if its signature holds under the current API key. */
async function sessionCookie(c: Context<AppEnv>): Promise<SessionCookie | null> {
  const apiKey = c.env.EMBUDO_API_KEY;
  if (!apiKey) return null;
  const value = await getSignedCookie(c, await sessionKey(apiKey), SESSION_COOKIE);
  const match = typeof value === "string" ? /^([0-9a-f]{32})\.(\d{1,15})$/.exec(value) : null;
  return match ? { id: match[1]!, expires: Number(match[2]) } : null;
}

/**
 * Starts a session: a row in D1 (`dashboard_sessions`), named by a signed cookie that also holds
 * when it ends. HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it,
 * which is what stops cross-site forms), Secure except on loopback, and scoped to the dashboard's
 * path. Sessions that ended are deleted on the way.
 */
export async function startSession(c: Context<AppEnv>, apiKey: string, now = Date.now()): Promise<void> {
  const expires = now + SESSION_SECONDS * 1000;
  const id = [...crypto.getRandomValues(new Uint8Array(16))].map((byte) => byte.toString(16).padStart(2, "0")).join("");
  const { DB: db } = c.env;
  await db.batch([
    db.prepare("DELETE FROM dashboard_sessions WHERE expires_at <= ?").bind(now),
    db.prepare("INSERT INTO dashboard_sessions (id, expires_at) VALUES (?, ?)").bind(id, expires),
  ]);
  await setSignedCookie(c, SESSION_COOKIE, `${id}.${expires}`, await sessionKey(apiKey), {
    httpOnly: true,
    sameSite: "Strict",
    secure: !onLoopback(c),
    path: DASHBOARD_PATH,
    maxAge: SESSION_SECONDS,
  });
}

/**
 * Ends the session: its row goes, so the cookie stops working wherever a copy of it is, and the
 * cookie is deleted with the attributes it was set with.
 */
export async function endSession(c: Context<AppEnv>): Promise<void> {
  const session = await sessionCookie(c);
  if (session) await c.env.DB.prepare("DELETE FROM dashboard_sessions WHERE id = ?").bind(session.id).run();
  deleteCookie(c, SESSION_COOKIE, { path: DASHBOARD_PATH, secure: !onLoopback(c), httpOnly: true, sameSite: "Strict" });
}

/**
 * Whether the request carries a session signed under the current API key, not ended (signed
 * out) and not expired. The expiry is the row's, and no later than a session can last from now:
 * a cookie minted by hand with the key for ten years is no longer a session than one signed in.
 */
export async function hasSession(c: Context<AppEnv>, now = Date.now()): Promise<boolean> {
  const session = await sessionCookie(c);
  if (!session || session.expires <= now || session.expires > now + SESSION_SECONDS * 1000) return false;
  const row = await c.env.DB.prepare("SELECT expires_at FROM dashboard_sessions WHERE id = ?")
    .bind(session.id)
    .first<number>("expires_at");
  return row === session.expires;
}
/**
 * Lets signed-in requests through. Others are sent to the sign-in page (a page view) or refused
 * with 401 (a form post: nothing it asks for is done).
 */
export function requireSession(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (await hasSession(c)) return next();
    if (c.req.method === "GET" || c.req.method === "HEAD") {
      // A link followed from elsewhere (SameSite=Strict sends no cookie then) comes back here after sign-in.
      const url = new URL(c.req.url);
      const next = url.pathname === DASHBOARD_PATH ? "" : `?next=${encodeURIComponent(url.pathname + url.search)}`;
      return c.redirect(`${DASHBOARD_PATH}/sign-in${next}`, 303);
    }
    return c.text("Sign in first.", 401);
  };
}
