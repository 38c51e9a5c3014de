/**
 * The vite configurations of the two demo apps, as functions of the collector URL, so that
 * `vite` (through the config files), `pnpm start` and the end-to-end tests build them alike.
 */
import { readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { collectorUrl } from "./collector-url.mjs";
import { siteChrome } from "./site-chrome.mjs";

const examplesDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Settings both apps share. Neither has npm dependencies to pre-bundle (`@embudo/sdk` is a
 * workspace package, already ESM), and a dev server that discovers one mid-session reloads the
 * page: a view the visitor never made. Each app keeps its own cache, so that starting one does
 * not invalidate the other's.
 */
const common = (name) => ({
  configFile: false,
  cacheDir: join(examplesDir, "node_modules", ".vite", name),
  optimizeDeps: { noDiscovery: true, include: [] },
});
export const siteRoot = join(examplesDir, "site");
export const spaRoot = join(examplesDir, "spa");

/** Every `index.html` under `root` (except `public/`), keyed by its path: the site's pages. */
function pagesOf(root) {
  const pages = {};
  for (const file of readdirSync(root, { recursive: true })) {
    const path = String(file);
    if (!path.endsWith("index.html") || path.startsWith("public")) continue;
    pages[dirname(path) === "." ? "home" : dirname(path)] = join(root, path);
  }
  return pages;
}

/**
 * The demo B2B site: a multi-page app whose pages load the tracker with a script tag.
 *
 * @param {{ collector: string }} options
 * @returns {import("vite").InlineConfig}
 */
export function siteConfig({ collector }) {
  return {
    ...common("site"),
    root: siteRoot,
    // "mpa": an unknown path is a 404, as on a static host, not the home page.
    appType: "mpa",
    plugins: [collectorUrl(collector), siteChrome()],
    build: {
      outDir: join(examplesDir, "dist", "site"),
      emptyOutDir: true,
      rolldownOptions: { input: pagesOf(siteRoot) },
    },
  };
}

/**
 * The single-page app: imports the ESM build (`@embudo/sdk`) and routes with `history.pushState`.
 *
 * @param {{ collector: string }} options
 * @returns {import("vite").InlineConfig}
 */
export function spaConfig({ collector }) {
  return {
    ...common("spa"),
    root: spaRoot,
    // "spa": every path serves index.html, so a reload on /pricing still works.
    appType: "spa",
    define: { __EMBUDO_COLLECTOR__: JSON.stringify(collector) },
    build: { outDir: join(examplesDir, "dist", "spa"), emptyOutDir: true },
  };
}
