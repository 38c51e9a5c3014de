#!/usr/bin/env node
// `pnpm build` for the collector: assembles the static assets wrangler serves (dist/assets):
// the tracker's script-tag build, and Scalar's bundle for the API reference at /docs, served
// from the collector itself so that the page that may hold an API key runs no third-party script.
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const assets = fileURLToPath(new URL("../dist/assets", import.meta.url));
const files = {
  "embudo.js": require.resolve("@embudo/sdk/script"),
  "docs/scalar.js": join(dirname(require.resolve("@scalar/api-reference")), "browser", "standalone.js"),
};

rmSync(assets, { recursive: true, force: true });
for (const [name, source] of Object.entries(files)) {
  mkdirSync(dirname(join(assets, name)), { recursive: true });
  copyFileSync(source, join(assets, name));
}
console.log(`collector assets: ${Object.keys(files).join(", ")} in dist/assets`);
