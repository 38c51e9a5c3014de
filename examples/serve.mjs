/**
 * Starts the demo apps' vite dev servers from code: used by `pnpm start` (scripts/start.mjs)
 * and by the end-to-end tests, which give each run its own ports and collector.
 */
import { createServer as createHttpServer } from "node:http";
import { createServer } from "vite";
import { siteConfig, spaConfig } from "./vite/configs.mjs";

/**
 * @typedef {object} ServeOptions
 * @property {string} collector base URL of the collector the pages send events to
 * @property {number} port port to listen on (taken or not, never another one)
 * @property {string} [host] address to listen on (default 127.0.0.1)
 * @property {boolean} [quiet] keep vite's output to errors only
 */

/**
 * @typedef {object} RunningApp
 * @property {string} url base URL, without a trailing slash
 * @property {() => Promise<void>} stop closes the server
 */

/**
 * Vite runs in middleware mode behind our own HTTP server. A standalone vite server installs a
 * SIGTERM handler that exits the process as soon as vite has closed, before the caller could
 * stop the collector it also started; in middleware mode the caller owns the signals.
 *
 * @param {import("vite").InlineConfig} config
 * @param {ServeOptions} options
 * @returns {Promise<RunningApp>}
 */
async function serve(config, { port, host = "127.0.0.1", quiet }) {
  const httpServer = createHttpServer();
  const vite = await createServer({
    ...config,
    logLevel: quiet ? "error" : "info",
    clearScreen: false,
    server: { middlewareMode: true, hmr: { server: httpServer } },
  });
  httpServer.on("request", vite.middlewares);
  await new Promise((resolveListen, reject) => {
    httpServer.once("error", reject);
    // An exact port, never the next free one: the printed URLs must be the real ones.
    httpServer.listen(port, host, () => resolveListen(undefined));
  }).catch(async (error) => {
    await vite.close();
    throw error;
  });
  return {
    url: `http://${host}:${port}`,
    async stop() {
      await vite.close();
      // Browsers keep idle connections open; without this, close() would wait for them.
      httpServer.closeAllConnections();
      await new Promise((resolveClose) => httpServer.close(() => resolveClose(undefined)));
    },
  };
}

/**
 * The demo B2B site (multi-page, script tag).
 * @param {ServeOptions} options
 */
export const startDemoSite = (options) => serve(siteConfig(options), options);

/**
 * The single-page app (ESM build).
 * @param {ServeOptions} options
 */
export const startSpa = (options) => serve(spaConfig(options), options);
