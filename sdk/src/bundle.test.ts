/**
 * The built script tag, as browsers get it: its gzipped size (the bar in sdk/README.md) and its behaviour
 * once minified. The build runs here so that the test always measures the current source.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "vite";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
// @ts-expect-error plain JavaScript helper shared with the build script
import { gzippedSize, SIZE_LIMIT_BYTES } from "../scripts/size.mjs";
import { fakeCollector } from "./testing.ts";

let file: string;
beforeAll(async () => {
  const outDir = mkdtempSync(join(tmpdir(), "embudo-sdk-"));
  await build({ root: join(import.meta.dirname, ".."), logLevel: "silent", build: { outDir } });
  file = join(outDir, "embudo.js");
}, 60_000);

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("dist/embudo.js", () => {
  it(`is at most ${SIZE_LIMIT_BYTES} bytes gzipped`, () => {
    const size = gzippedSize(file);
    console.log(`embudo.js: ${size} bytes gzipped`);
    expect(size).toBeLessThanOrEqual(SIZE_LIMIT_BYTES);
  });

  it("starts with V8's compile hint, which minification must not drop", () => {
    expect(readFileSync(file, "utf8").startsWith("//# allFunctionsCalledOnLoad\n")).toBe(true);
  });

  it("runs from the script tag: replays the stub, tracks the view, answers both call styles", async () => {
    vi.useFakeTimers();
    const collector = fakeCollector();
    document.head.innerHTML = '<meta name="embudo:stage" content="evaluation">';
    const tag = document.createElement("script");
    tag.setAttribute("data-site", "demo");
    Object.defineProperty(tag, "src", { value: "https://collector.test/embudo.js" });
    Object.defineProperty(document, "currentScript", { configurable: true, get: () => tag });
    const w = window as unknown as {
      embudo: ((...args: unknown[]) => unknown) & { q?: unknown[]; track?: (name: string) => void };
    };
    w.embudo = (...args: unknown[]) => {
      w.embudo.q ??= [];
      w.embudo.q.push(args);
    };
    w.embudo("track", "before_load");
    new Function(readFileSync(file, "utf8"))();
    w.embudo("track", "called");
    w.embudo.track!("method");
    await vi.advanceTimersByTimeAsync(1000);
    expect(collector.requests[0]!.url).toBe("https://collector.test/v1/events");
    expect(collector.events().map((event) => [event.type, "name" in event ? event.name : event.stage])).toEqual([
      ["custom", "before_load"],
      ["content_view", "evaluation"],
      ["custom", "called"],
      ["custom", "method"],
    ]);
  });
});
