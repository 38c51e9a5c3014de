// `pnpm --filter @embudo/examples dev:spa|build`: the single-page app, talking to
// EMBUDO_COLLECTOR (default http://127.0.0.1:8787), beside the demo site's port.
import { collectorFromEnv } from "../vite/collector-url.mjs";
import { spaConfig } from "../vite/configs.mjs";

export default { ...spaConfig({ collector: collectorFromEnv() }), server: { host: "127.0.0.1", port: 5174 } };
