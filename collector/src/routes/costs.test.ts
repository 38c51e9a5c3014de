/** Marketing spend through the real Worker and the typed client: upserts, listing, refusals. */
import { describe, expect, it } from "vitest";
import type { Schema } from "../../client/index.ts";
import { api, KEY, request } from "../../test/requests.ts";

type CostItem = Schema<"CostItem">;

async function put(items: unknown[]) {
  return api.PUT("/v1/costs", { body: { items } as { items: CostItem[] } });
}

async function listed(from: string, to: string): Promise<CostItem[]> {
  const { data, response } = await api.GET("/v1/costs", { params: { query: { from, to } } });
  expect(response.status).toBe(200);
  return data!.items;
}

describe("PUT and GET /v1/costs", () => {
  it("stores spend by month, source and campaign, and replaces an item given again", async () => {
    const first = await put([
      { month: "2031-10", source: " LinkedIn ", campaign: "Q4-ABM", amount: 1500, currency: "eur" },
      { month: "2031-11", source: "linkedin", campaign: "q4-abm", amount: 900, currency: "EUR" },
      { month: "2031-11", source: "google", amount: 300.5, currency: "EUR" },
    ]);
    expect(first.response.status).toBe(200);
    // Answered as stored: tags as touches keep them, the currency in capitals, no campaign as null.
    expect(first.data!.items[0]).toEqual({
      month: "2031-10",
      source: "linkedin",
      campaign: "q4-abm",
      amount: 1500,
      currency: "EUR",
    });
    await put([{ month: "2031-11", source: "linkedin", campaign: "q4-abm", amount: 1100, currency: "EUR" }]);
    expect(await listed("2031-10", "2031-12")).toEqual([
      { month: "2031-10", source: "linkedin", campaign: "q4-abm", amount: 1500, currency: "EUR" },
      { month: "2031-11", source: "google", campaign: null, amount: 300.5, currency: "EUR" },
      { month: "2031-11", source: "linkedin", campaign: "q4-abm", amount: 1100, currency: "EUR" },
    ]);
    // The range is inclusive at both ends and nothing outside it comes back.
    expect((await listed("2031-11", "2031-11")).map((item) => item.month)).toEqual(["2031-11", "2031-11"]);
    expect(await listed("2031-12", "2032-01")).toEqual([]);
  });

  it("refuses a bad item, a repeated item and a bad range, and stores nothing of the request", async () => {
    const good = { month: "2032-03", source: "bing", campaign: null, amount: 10, currency: "EUR" };
    for (const [bad, code] of [
      [{ ...good, month: "2032-13" }, "invalid_body"],
      [{ ...good, amount: -1 }, "invalid_body"],
      [{ ...good, currency: "EURO" }, "invalid_body"],
      // Three letters are not a currency: no-currency and testing codes, or none at all.
      [{ ...good, currency: "XXX" }, "invalid_body"],
      [{ ...good, currency: "ZZZ" }, "invalid_body"],
      [{ ...good, month: "0000-01" }, "invalid_body"],
      [{ ...good, source: "  " }, "invalid_body"],
      [{ ...good, campaign: null, source: "BING" }, "duplicate_item"],
      // A misspelt key must not file the spend under no campaign.
      [{ month: "2032-03", source: "x", campaing: "q1", amount: 1, currency: "EUR" }, "invalid_body"],
    ] as const) {
      const { response, error } = await put([good, bad]);
      expect(response.status, JSON.stringify(bad)).toBe(400);
      expect(error!.error.code).toBe(code);
    }
    expect(await listed("2032-03", "2032-03")).toEqual([]);
    const empty = await put([]);
    expect(empty.response.status).toBe(400);
    const backwards = await api.GET("/v1/costs", { params: { query: { from: "2032-05", to: "2032-04" } } });
    expect(backwards.error!.error.code).toBe("invalid_query");
  });

  it("removes an item given with amount 0", async () => {
    await put([
      { month: "2033-01", source: "bing", amount: 10, currency: "USD" },
      { month: "2033-01", source: "bing", campaign: "brand", amount: 20, currency: "EUR" },
    ]);
    await put([{ month: "2033-01", source: "bing", amount: 0, currency: "EUR" }]);
    expect(await listed("2033-01", "2033-01")).toEqual([
      { month: "2033-01", source: "bing", campaign: "brand", amount: 20, currency: "EUR" },
    ]);
  });

  it("refuses a body over its limit with 413", async () => {
    const response = await request("/v1/costs", {
      method: "PUT",
      headers: { Authorization: `Bearer ${KEY}`, "Content-Type": "application/json" },
      body: JSON.stringify({ items: [], padding: "x".repeat(300 * 1024) }),
    });
    expect(response.status).toBe(413);
  });
});
