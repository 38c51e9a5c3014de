/**
 * The API reference a developer opens at /docs: Scalar, served by the collector itself, renders
 * the OpenAPI document in a real browser under the page's Content-Security-Policy.
 */
import { describe, expect, inject, it } from "vitest";
import { useBrowser } from "../support/use-browser.ts";

const { collectorUrl } = inject("e2e");
const browser = useBrowser();

describe("the API reference at /docs", () => {
  it("renders every operation of the document, with no script or policy error", async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error" && !/favicon/.test(message.location().url)) problems.push(message.text());
    });
    page.on("requestfailed", (request) => problems.push(`request failed: ${request.url()}`));
    try {
      const response = await page.goto(`${collectorUrl}/docs`);
      expect(response?.status()).toBe(200);
      const document = (await (await fetch(`${collectorUrl}/openapi.json`)).json()) as {
        paths: Record<string, Record<string, { summary: string }>>;
      };
      const summaries = Object.values(document.paths).flatMap((item) => Object.values(item).map((op) => op.summary));
      expect(summaries).toContain("List leads");
      // Scalar lists each operation by its summary once it has read the document.
      await page.getByText("List leads").first().waitFor({ timeout: 20_000 });
      // biome-ignore lint/performance/useDomNodeTextContent: what is shown is the point, not text hidden in the DOM
      const text = await page.locator("body").innerText();
      for (const summary of summaries) expect(text, `the reference shows "${summary}"`).toContain(summary);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
