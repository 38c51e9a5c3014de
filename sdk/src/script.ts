/**
 * The script-tag build (`dist/embudo.js`): reads its configuration from the tag's `data-*`
 * attributes, replays the calls the stub queued, and replaces the stub with the real
 * `window.embudo`, callable both as `embudo("track", …)` and as `embudo.track(…)`.
 */
import type { Embudo } from "./api.ts";
import { api, call, type QueuedCall, start } from "./tracker.ts";

type Global = ((name: keyof Embudo, ...args: unknown[]) => unknown) & Partial<Embudo> & { q?: QueuedCall[] };

const w = window as unknown as { embudo?: Global };
const stub = w.embudo;
// A second copy of the script on the page must not track everything twice.
if (!stub?.track) {
  // Set while a classic script runs, `defer` and `async` included.
  const script = document.currentScript as HTMLScriptElement;
  start(
    (name) =>
      script.getAttribute("data-" + name) ||
      // The collector serves this script, so it is the default collector.
      (name == "api" && new URL(script.src).origin),
    stub?.q,
  );
  w.embudo = Object.assign(call, api);
}
