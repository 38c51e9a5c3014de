/**
 * `pnpm build`: the IIFE for the script tag, the ESM build, its type declarations, then the
 * gzipped size of the script tag's build, which sdk/README.md caps.
 */
import { execFileSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import { gzippedSize, SIZE_LIMIT_BYTES } from "./size.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
process.chdir(root);
rmSync("dist", { recursive: true, force: true });

await build({ root, logLevel: "warn" });
await build({ root, mode: "esm", logLevel: "warn" });
// noCheck: declarations only; type errors are `pnpm typecheck`'s job, and must not depend
// on the state of @embudo/shared's sources.
execFileSync("tsc", ["-p", "tsconfig.build.json"], { stdio: "inherit" });
writeFileSync("dist/embudo.d.ts", 'export * from "./types/index.ts";\n');

const size = gzippedSize("dist/embudo.js");
console.log(`dist/embudo.js: ${size} bytes gzipped (limit ${SIZE_LIMIT_BYTES})`);
if (size > SIZE_LIMIT_BYTES) {
  console.error(`dist/embudo.js is ${size - SIZE_LIMIT_BYTES} bytes over the limit`);
  process.exitCode = 1;
}
