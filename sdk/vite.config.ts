import { defineConfig } from "vite";

/**
 * Two library builds from one config, chosen by `--mode`:
 * - default: the IIFE `dist/embudo.js` for the script tag (minified, every byte counts);
 * - `esm`: `dist/embudo.mjs` for bundlers, with `init()` (their own minifier runs later).
 * `scripts/build.mjs` runs both, emits the types and prints the gzipped size.
 */
export default defineConfig(({ mode }) => {
  const esm = mode === "esm";
  return {
    build: {
      emptyOutDir: false,
      target: "esnext",
      minify: !esm,
      lib: esm
        ? { entry: "src/index.ts", formats: ["es"], fileName: () => "embudo.mjs" }
        : { entry: "src/script.ts", formats: ["iife"], name: "embudo", fileName: () => "embudo.js" },
    },
  };
});
