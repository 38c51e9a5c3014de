// `pnpm --filter @embudo/examples dev:spa|build:spa`: the single-page app, talking to
// EMBUDO_COLLECTOR (default http://127.0.0.1:8787).
import { collectorFromEnv } from "../vite/collector-url.mjs";
import { spaConfig } from "../vite/configs.mjs";

export default spaConfig({ collector: collectorFromEnv() });
