/**
 * What the journeys run against: a collector under `wrangler dev` with fresh state in a
 * temporary directory, the demo site and the single-page app, each on a free port.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { freePort, startCollector } from "../../collector/scripts/local-collector.mjs";
import { startDemoSite, startSpa } from "../../examples/serve.mjs";

/** A running collector, as `startCollector` returns it. */
export type Collector = Awaited<ReturnType<typeof startCollector>>;

/** URLs and the read key of a running stack: what every journey needs. */
export interface StackInfo {
  collectorUrl: string;
  apiKey: string;
  siteUrl: string;
  spaUrl: string;
}

const sdkDist = resolve(import.meta.dirname, "../../sdk/dist");

/** Fails with the fix when the tracker has not been built (the collector serves sdk/dist). */
export function assertSdkBuilt(): void {
  const missing = ["embudo.js", "embudo.mjs"].filter((file) => !existsSync(join(sdkDist, file)));
  if (missing.length > 0) {
    throw new Error(
      `sdk/dist lacks ${missing.join(" and ")}: run \`pnpm build\` first (\`pnpm test\` does it for you).`,
    );
  }
}

/** A fresh state directory for one collector; `removeState` deletes it. */
export const makeStateDir = () => mkdtempSync(join(tmpdir(), "embudo-e2e-"));
export const removeState = (dir: string) => rmSync(dir, { recursive: true, force: true });

/**
 * Starts a collector on `port` (default: a free one) with state in `persistTo`. Starting it
 * again with the same port and directory is a restart of the same collector.
 */
export function startTestCollector(
  persistTo: string,
  port?: number,
  apiKey = `e2e_${randomBytes(12).toString("hex")}`,
): Promise<Collector> {
  return startCollector({ persistTo, port, apiKey, quiet: !process.env.E2E_LOGS });
}

/** Starts the demo site and the single-page app against `collectorUrl`. */
export async function startSites(collectorUrl: string) {
  const site = await startDemoSite({ collector: collectorUrl, port: await freePort(), quiet: true });
  try {
    const spa = await startSpa({ collector: collectorUrl, port: await freePort(), quiet: true });
    return { site, spa, stop: async () => void (await Promise.all([site.stop(), spa.stop()])) };
  } catch (error) {
    await site.stop();
    throw error;
  }
}

/** Starts a whole stack with fresh state; `stop()` stops everything and deletes the state. */
export async function startStack(): Promise<{ info: StackInfo; collector: Collector; stop: () => Promise<void> }> {
  const persistTo = makeStateDir();
  let collector: Collector | undefined;
  try {
    collector = await startTestCollector(persistTo);
    const sites = await startSites(collector.url);
    const running = collector;
    return {
      info: { collectorUrl: running.url, apiKey: running.apiKey, siteUrl: sites.site.url, spaUrl: sites.spa.url },
      collector: running,
      async stop() {
        await sites.stop();
        await running.stop();
        removeState(persistTo);
      },
    };
  } catch (error) {
    await collector?.stop();
    removeState(persistTo);
    throw error;
  }
}
