import { defineConfig } from "vite";

/**
 * V8's explicit compile hint: compile every function of the script eagerly, while the script is
 * streamed off the main thread, instead of lazily on the main thread at each function's first
 * call. Nearly every function of the tracker runs on load, and lazy compilation was a quarter of
 * its main-thread time (`pnpm bench`). Other engines read it as a comment. It goes in after
 * minification, which would drop it.
 */
const COMPILE_HINT = "//# allFunctionsCalledOnLoad";

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
      // terser, not the default minifier: about 40 bytes less gzipped on this script.
      minify: esm ? false : "terser",
      lib: esm
        ? { entry: "src/index.ts", formats: ["es"], fileName: () => "embudo.mjs" }
        : { entry: "src/script.ts", formats: ["iife"], name: "embudo", fileName: () => "embudo.js" },
      rollupOptions: { output: { postBanner: esm ? undefined : COMPILE_HINT } },
    },
  };
});
