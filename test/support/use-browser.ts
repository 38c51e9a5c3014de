import type { Browser } from "playwright-core";
import { afterAll, beforeAll, inject } from "vitest";
import { launchChromium } from "./browser.ts";

/**
 * Launches one headless Chromium for the calling test file and closes it after the file, also
 * when a test fails. Returns a getter: the browser exists only once `beforeAll` has run.
 */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium(inject("e2e").chromePath);
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error("the browser is not running yet: call it inside a test or hook");
    return browser;
  };
}
