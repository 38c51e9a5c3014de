/**
 * The collector the demo pages talk to. Pages name it with the placeholder `%EMBUDO_COLLECTOR%`
 * (in the tracker's `<script src>`), so one set of HTML files works against the collector of
 * `pnpm start`, of the end-to-end tests (a free port) or of a deployment.
 */
export const DEFAULT_COLLECTOR = "http://127.0.0.1:8787";

/** The collector URL from `EMBUDO_COLLECTOR`, else {@link DEFAULT_COLLECTOR}; no trailing slash. */
export function collectorFromEnv(env = process.env) {
  return (env.EMBUDO_COLLECTOR || DEFAULT_COLLECTOR).replace(/\/+$/, "");
}

/**
 * A vite plugin that writes the collector URL into every HTML page, in dev and in builds.
 *
 * @param {string} collector base URL of the collector, e.g. `http://127.0.0.1:8787`
 * @returns {import("vite").Plugin}
 */
export function collectorUrl(collector) {
  return {
    name: "embudo-collector-url",
    // "pre": before vite parses the HTML, so the script tag it sees already has a real URL.
    transformIndexHtml: { order: "pre", handler: (html) => html.replaceAll("%EMBUDO_COLLECTOR%", collector) },
  };
}
