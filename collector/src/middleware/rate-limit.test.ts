import { env } from "cloudflare:workers";
import type { ErrorResponse } from "@embudo/shared";
import { describe, expect, it } from "vitest";
import { awaitFreshWindow, KEY, newClient, request } from "../../test/requests.ts";

/** `count` reads of `/v1/leads` from `client` with `authorization`, 50 at a time; their statuses. */
async function reads(count: number, client: string, authorization: string): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i += 50) {
    const batch = Array.from({ length: Math.min(50, count - i) }, () =>
      request("/v1/leads", { headers: { Authorization: authorization, "CF-Connecting-IP": client } }),
    );
    statuses.push(...(await Promise.all(batch)).map((response) => response.status));
  }
  return statuses;
}

describe("the read API's rate limits", () => {
  it("counts every request per client before the key is checked", async () => {
    const { limit, period } = env.TEST_LIMITS.API_LIMITER;
    await awaitFreshWindow(period, 10);
    const client = newClient();
    const statuses = await reads(limit, client, `Bearer ${KEY}`);
    expect(statuses.every((status) => status === 200)).toBe(true);
    const refused = await request("/v1/leads", {
      headers: { Authorization: `Bearer ${KEY}`, "CF-Connecting-IP": client },
    });
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as ErrorResponse).error.code).toBe("rate_limited");
    expect(refused.headers.get("Retry-After")).toBe(String(period));
    // Another client is unaffected.
    const other = await request("/v1/leads", { headers: { Authorization: `Bearer ${KEY}` } });
    expect(other.status).toBe(200);
  }, 60_000);

  it("answers guesses of the key past the failure budget with 429, per client", async () => {
    const { limit, period } = env.TEST_LIMITS.AUTH_FAILURE_LIMITER;
    await awaitFreshWindow(period, 10);
    const guesser = newClient();
    // The attack as reported: a burst of wrong keys from one client.
    const statuses = await reads(200, guesser, "Bearer guess");
    expect(statuses.filter((status) => status === 401)).toHaveLength(limit);
    expect(statuses.filter((status) => status === 429)).toHaveLength(200 - limit);
    // Others still get a plain 401 for a wrong key, and the right key works.
    const someoneElse = await request("/v1/leads", {
      headers: { Authorization: "Bearer guess", "CF-Connecting-IP": newClient() },
    });
    expect(someoneElse.status).toBe(401);
    const operator = await request("/v1/leads", {
      headers: { Authorization: `Bearer ${KEY}`, "CF-Connecting-IP": newClient() },
    });
    expect(operator.status).toBe(200);
  }, 60_000);
});
