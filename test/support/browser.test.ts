import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { findChromium } from "./browser.ts";

const dir = mkdtempSync(join(tmpdir(), "embudo-browser-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("uses CHROME_PATH when it names an executable", () => {
  const fake = join(dir, "chrome");
  writeFileSync(fake, "#!/bin/sh\n");
  chmodSync(fake, 0o755);
  expect(findChromium({ CHROME_PATH: fake })).toBe(fake);
});

it("refuses a CHROME_PATH that does not work, and says how to get a browser", () => {
  expect(() => findChromium({ CHROME_PATH: join(dir, "missing") })).toThrow(
    /CHROME_PATH=.*not an executable[\s\S]*apt-get install -y chromium/,
  );
});
