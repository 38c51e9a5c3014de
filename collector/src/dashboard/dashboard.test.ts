/**
 * The dashboard through the real Worker: sign-in and its cookie, the refusals, the headers, every
 * view, the feedback buttons, and a hostile journey whose text is shown, never run.
 */
import { env, exports } from "cloudflare:workers";
import type { WireEvent } from "@embudo/shared";
import { serializeSigned } from "hono/utils/cookie";
import { describe, expect, it } from "vitest";
import { eventually, KEY, makeBatch, makeEvent, newClient, newId, postEvents } from "../../test/requests.ts";

const ORIGIN = "http://collector.test";

/**
 * A dashboard request from a client of its own unless told, as a browser sends it (same-origin
 * forms carry Origin).
 */
function dashboard(
  path: string,
  init: { method?: string; cookie?: string; form?: Record<string, string>; client?: string } = {},
) {
  const headers: Record<string, string> = { "CF-Connecting-IP": init.client ?? newClient() };
  if (init.cookie) headers.Cookie = init.cookie;
  if (init.form) {
    headers["Content-Type"] = "application/x-www-form-urlencoded";
    headers.Origin = ORIGIN;
  }
  return exports.default.fetch(
    new Request(`${ORIGIN}/dashboard${path}`, {
      method: init.method ?? (init.form ? "POST" : "GET"),
      headers,
      redirect: "manual",
      ...(init.form ? { body: new URLSearchParams(init.form).toString() } : {}),
    }),
  );
}

/** Signs in and answers the session cookie, as `name=value`. */
async function signIn(): Promise<string> {
  const response = await dashboard("/sign-in", { form: { key: KEY } });
  expect(response.status).toBe(303);
  return response.headers.get("Set-Cookie")!.split(";")[0]!;
}

const HOSTILE = `<script>alert("x")</script><img src=x onerror="alert(1)">`;

describe("the dashboard", () => {
  it("exchanges the right key for a signed, HttpOnly, SameSite=Strict, Secure session cookie", async () => {
    const response = await dashboard("/sign-in", { form: { key: KEY } });
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe("/dashboard");
    const cookie = response.headers.get("Set-Cookie")!;
    expect(cookie).toMatch(/^embudo_session=/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; Path=\/dashboard/);
    expect(cookie).toMatch(/; Max-Age=28800/);
    expect(cookie).not.toContain(KEY);
    const page = await dashboard("", { cookie: cookie.split(";")[0] });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Funnel");
  });

  it("leaves Secure off on loopback, where the local collector speaks http", async () => {
    const response = await exports.default.fetch(
      new Request("http://127.0.0.1:8787/dashboard/sign-in", {
        method: "POST",
        headers: {
          "CF-Connecting-IP": newClient(),
          "Content-Type": "application/x-www-form-urlencoded",
          Origin: "http://127.0.0.1:8787",
        },
        body: new URLSearchParams({ key: KEY }).toString(),
        redirect: "manual",
      }),
    );
    const cookie = response.headers.get("Set-Cookie")!;
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).not.toMatch(/; Secure/);
  });

  it("refuses a wrong key, a missing cookie, a forged one, and a form from another site", async () => {
    const wrong = await dashboard("/sign-in", { form: { key: "not-the-key" } });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("Set-Cookie")).toBeNull();
    expect(await wrong.text()).toContain("not this collector");

    for (const path of ["", "/leads", "/model", "/webhooks"]) {
      const anonymous = await dashboard(path);
      expect(anonymous.status, path).toBe(303);
      expect(anonymous.headers.get("Location")).toBe(
        path ? `/dashboard/sign-in?next=${encodeURIComponent(`/dashboard${path}`)}` : "/dashboard/sign-in",
      );
    }
    const forged = await dashboard("/leads", { cookie: `embudo_session=${Date.now() + 1e9}.AAAA` });
    expect(forged.status).toBe(303);
    const post = await dashboard(`/leads/${newId()}/feedback`, { form: { outcome: "rejected" } });
    expect(post.status).toBe(401);

    const cookie = await signIn();
    const crossSite = await exports.default.fetch(
      new Request(`${ORIGIN}/dashboard/leads/${newId()}/feedback`, {
        method: "POST",
        headers: {
          Cookie: cookie,
          "Content-Type": "application/x-www-form-urlencoded",
          Origin: "https://evil.test",
          "CF-Connecting-IP": newClient(),
        },
        body: "outcome=rejected",
      }),
    );
    expect(crossSite.status).toBe(403);

    const signedOut = await dashboard("/sign-out", { form: {}, cookie });
    expect(signedOut.headers.get("Set-Cookie")).toMatch(/embudo_session=;.*Max-Age=0/);
    // A copy of the cookie kept elsewhere ends with the session, not when it expires.
    expect((await dashboard("/leads", { cookie })).status).toBe(303);
  });

  it("holds a session no longer than a sign-in lasts, however far its cookie says", async () => {
    // A row and a cookie as someone holding the key could make them, for ten years.
    const id = "0123456789abcdef0123456789abcdef";
    const expires = Date.now() + 10 * 365 * 86_400_000;
    await env.DB.prepare("INSERT INTO dashboard_sessions (id, expires_at) VALUES (?, ?)").bind(id, expires).run();
    const sessionKey = await crypto.subtle.sign(
      "HMAC",
      await crypto.subtle.importKey("raw", new TextEncoder().encode(KEY), { name: "HMAC", hash: "SHA-256" }, false, [
        "sign",
      ]),
      new TextEncoder().encode("embudo dashboard session v1"),
    );
    const minted = await serializeSigned(
      "embudo_session",
      `${id}.${expires}`,
      btoa(String.fromCharCode(...new Uint8Array(sessionKey))),
    );
    expect((await dashboard("/leads", { cookie: minted })).status).toBe(303);
  });

  it("counts wrong keys against the sign-in budget, never right ones: an office signs in however often", async () => {
    const office = newClient();
    for (let i = 0; i < 12; i++) {
      expect((await dashboard("/sign-in", { form: { key: KEY }, client: office })).status, `sign-in ${i}`).toBe(303);
    }
    for (let i = 0; i < 10; i++) await dashboard("/sign-in", { form: { key: "not-the-key" }, client: office });
    expect((await dashboard("/sign-in", { form: { key: "still-not-it" }, client: office })).status).toBe(429);
    // Ten wrong keys from a shared address do not lock the operator out.
    expect((await dashboard("/sign-in", { form: { key: KEY }, client: office })).status).toBe(303);
  });

  it("comes back to the page a link asked for after sign-in, and only to a dashboard page", async () => {
    const lead = `/dashboard/leads/${newId()}?cursor=abc`;
    const asked = await exports.default.fetch(
      new Request(`${ORIGIN}${lead}`, { headers: { "CF-Connecting-IP": newClient() }, redirect: "manual" }),
    );
    const signInPage = asked.headers.get("Location")!;
    expect(signInPage).toBe(`/dashboard/sign-in?next=${encodeURIComponent(lead)}`);
    expect(await (await dashboard(signInPage.slice("/dashboard".length))).text()).toContain(
      `name="next" value="${lead.replace("&", "&amp;")}"`,
    );
    const back = await dashboard("/sign-in", { form: { key: KEY, next: lead } });
    expect(back.headers.get("Location")).toBe(lead);
    for (const hostile of [
      "https://evil.test/",
      "//evil.test/dashboard/",
      "/dashboard/../v1/leads",
      "/dashboard/%2e%2e/v1/leads",
      "/dashboard/%2E%2E%2Fv1/leads",
      "/dashboard/%zz",
      "/v1/leads",
    ]) {
      const response = await dashboard("/sign-in", { form: { key: KEY, next: hostile } });
      expect(response.headers.get("Location"), hostile).toBe("/dashboard");
    }
  });

  it("replays a webhook delivery from its page", async () => {
    const cookie = await signIn();
    const realFetch = globalThis.fetch;
    const endpoint = await exports.default.fetch(
      new Request(`${ORIGIN}/v1/webhooks`, {
        method: "POST",
        headers: {
          Authorization: `Bearer ${KEY}`,
          "Content-Type": "application/json",
          "CF-Connecting-IP": newClient(),
        },
        body: JSON.stringify({ url: "https://replay.receiver.test/in", events: ["lead.erased"] }),
      }),
    );
    const { id } = (await endpoint.json()) as { id: string };
    globalThis.fetch = async (input, init) =>
      new Request(input as RequestInfo, init).url.includes(".receiver.test")
        ? new Response(null, { status: 204 })
        : realFetch(input as RequestInfo, init);
    try {
      const test = await exports.default.fetch(
        new Request(`${ORIGIN}/v1/webhooks/${id}/test`, {
          method: "POST",
          headers: { Authorization: `Bearer ${KEY}`, "CF-Connecting-IP": newClient() },
        }),
      );
      const delivery = (await test.json()) as { id: string };
      const page = await (await dashboard(`/webhooks/${id}`, { cookie })).text();
      expect(page).toContain("webhook.test");
      const replayed = await dashboard(`/webhooks/${id}/deliveries/${delivery.id}/replay`, { cookie, form: {} });
      expect(replayed.status).toBe(303);
      expect(replayed.headers.get("Location")).toBe(`/dashboard/webhooks/${id}?done=replay`);
      expect(await (await dashboard(`/webhooks/${id}?done=replay`, { cookie })).text()).toContain(
        "Delivery sent again.",
      );
    } finally {
      globalThis.fetch = realFetch;
    }
  });

  it("sends a strict policy: no script, no frame, styles and forms from the collector alone", async () => {
    const response = await dashboard("/sign-in");
    const policy = response.headers.get("Content-Security-Policy")!;
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("style-src 'self'");
    expect(policy).toContain("form-action 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(response.headers.get("X-Frame-Options")).toBe("DENY");
    expect(policy).not.toContain("script-src");
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const html = await response.text();
    expect(html).not.toContain("<script");
    expect(html).toContain('type="password"');
  });

  it("shows a hostile journey as text, and the feedback buttons recycle an SQL to MQL", async () => {
    const visitor = newId();
    const email = `mallory.${visitor.toLowerCase()}@hostile.test`;
    const events: WireEvent[] = [
      makeEvent(visitor, { title: HOSTILE, url: `https://acme.test/blog/x?q=${encodeURIComponent(HOSTILE)}` }),
      makeEvent(visitor, { type: "pricing_view", url: "https://acme.test/pricing", title: HOSTILE, stage: undefined }),
      makeEvent(visitor, { type: "custom", name: HOSTILE, url: "https://acme.test/x" } as Partial<WireEvent>),
      makeEvent(visitor, {
        type: "form_submit",
        formId: "demo",
        intent: "demo",
        url: "https://acme.test/demo",
        traits: { email, name: HOSTILE, company: HOSTILE, jobTitle: "VP Marketing", companySize: 300 },
      } as Partial<WireEvent>),
    ];
    expect(await (await postEvents(makeBatch(events))).json()).toMatchObject({ rejected: [] });
    const cookie = await signIn();
    const leads = await eventually(
      async () => (await dashboard(`/leads?stage=sql&email=${encodeURIComponent(email)}`, { cookie })).text(),
      (html) => html.includes(`/dashboard/leads/${visitor}`),
    );
    expect(leads).not.toContain("<script>alert");
    expect(leads).toContain("&lt;script&gt;");

    const page = await (await dashboard(`/leads/${visitor}`, { cookie })).text();
    expect(page).toContain("stage-sql");
    expect(page).not.toContain("<script>alert");
    expect(page).not.toContain("<img src=x");
    expect(page).toContain("&lt;img src=x onerror=");
    expect(page).toMatch(/pricing/);
    expect(page).toMatch(/demo/);

    const rejected = await dashboard(`/leads/${visitor}/feedback`, { form: { outcome: "rejected" }, cookie });
    expect(rejected.status).toBe(303);
    expect(rejected.headers.get("Location")).toBe(`/dashboard/leads/${visitor}?done=rejected`);
    const after = await (await dashboard(`/leads/${visitor}?done=rejected`, { cookie })).text();
    expect(after).toContain("stage-mql");
    expect(after).toContain("sales rejected");
  });

  it("shows a stranger's claim on the lead's page, not counted, until sales confirms it there", async () => {
    const lead = newId();
    const stranger = newId();
    const email = `claimed.${lead.toLowerCase()}@claims.test`;
    const newsletter = makeEvent(lead, {
      type: "form_submit",
      formId: "newsletter",
      intent: "newsletter",
      traits: { email },
    } as Partial<WireEvent>);
    expect(await (await postEvents(makeBatch([newsletter]))).json()).toMatchObject({ rejected: [] });
    // From another network: a claim.
    const demo = makeEvent(stranger, {
      type: "form_submit",
      formId: "demo",
      intent: "demo",
      url: "https://acme.test/demo",
      traits: { email, jobTitle: "CEO", company: "Claims Inc", companySize: 500 },
    } as Partial<WireEvent>);
    expect(await (await postEvents(makeBatch([demo]))).json()).toMatchObject({ rejected: [] });
    const cookie = await signIn();
    const page = await (await dashboard(`/leads/${lead}`, { cookie })).text();
    expect(page).toContain("stage-iql");
    expect(page).toContain("Claims to this person");
    expect(page).toContain(`${stranger} · claim, not counted`);
    expect(page).toContain(`action="/dashboard/leads/${lead}/claims/${stranger}"`);

    const confirmed = await dashboard(`/leads/${lead}/claims/${stranger}`, { form: { decision: "confirmed" }, cookie });
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get("Location")).toBe(`/dashboard/leads/${lead}?done=claim-confirmed`);
    const after = await (await dashboard(`/leads/${lead}?done=claim-confirmed`, { cookie })).text();
    expect(after).toContain("stage-sql");
    expect(after).not.toContain("Claims to this person");
    const invalid = await dashboard(`/leads/${lead}/claims/${stranger}`, { form: { decision: "maybe" }, cookie });
    expect(invalid.status).toBe(400);
  });

  it("renders every view signed in, and an unknown lead as the API's 404", async () => {
    const cookie = await signIn();
    for (const path of [
      "",
      "/leads",
      "/leads?stage=anonymous&sort=engagement",
      "/accounts",
      "/reports",
      "/webhooks",
      "/model",
    ]) {
      const response = await dashboard(path, { cookie });
      expect(response.status, path).toBe(200);
      expect(response.headers.get("Content-Type")).toMatch(/^text\/html/);
    }
    const unknown = await dashboard(`/leads/${newId()}`, { cookie });
    expect(unknown.status).toBe(404);
    const invalid = await dashboard("?from=yesterday", { cookie });
    expect(invalid.status).toBe(400);
  });

  it("saves spend from the reports view through PUT /v1/costs", async () => {
    const cookie = await signIn();
    const saved = await dashboard("/costs", {
      cookie,
      form: { month: "2024-02", source: "LinkedIn", campaign: "", amount: "1200.50", currency: "eur" },
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get("Location")).toBe("/dashboard/reports?done=spend");
    const page = await (await dashboard("/reports?from=2024-02-01&to=2024-02-29&done=spend", { cookie })).text();
    expect(page).toContain("Spend saved.");
    expect(page).toContain("1200.50 EUR");
    // A blank amount is refused, not read as 0 (which removes the line): the spend stays.
    const blank = await dashboard("/costs", {
      cookie,
      form: { month: "2024-02", source: "LinkedIn", campaign: "", amount: " ", currency: "EUR" },
    });
    expect(blank.status).toBe(400);
    const after = await (await dashboard("/reports?from=2024-02-01&to=2024-02-29", { cookie })).text();
    expect(after).toContain("1200.50 EUR");
  });
});

describe("the dashboard's key", () => {
  it("is never in a page, a header or a redirect", async () => {
    const cookie = await signIn();
    for (const path of ["", "/leads", "/model", "/sign-in"]) {
      const response = await dashboard(path, { cookie });
      expect(await response.text()).not.toContain(KEY);
      expect(JSON.stringify([...response.headers])).not.toContain(KEY);
    }
  });
});
