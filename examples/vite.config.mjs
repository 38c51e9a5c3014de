// `pnpm --filter @embudo/examples dev|build`: the demo site, talking to EMBUDO_COLLECTOR
// (default http://127.0.0.1:8787, the collector of `pnpm start`).
import { collectorFromEnv } from "./vite/collector-url.mjs";
import { siteConfig } from "./vite/configs.mjs";

export default { ...siteConfig({ collector: collectorFromEnv() }), server: { host: "127.0.0.1", port: 5173 } };
