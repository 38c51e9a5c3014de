/**
 * Dependency rules for Embudo (`pnpm lint` runs `depcruise`, see the root package.json).
 *
 * It cruises the workspace's TypeScript and JavaScript: shared/, sdk/ (with sdk/bench), collector/,
 * examples/ and test/. Packages import each other as `@embudo/…` through their workspace symlinks;
 * those resolve (through each package.json's `exports`) to the other package's real files, so a
 * circle through `@embudo/shared` is a circle like any other.
 */

/**
 * Not ours to analyse: installed packages and build output. They stay in the graph as leaves (not
 * followed, and never gathered as files to cruise), so a rule can still see an import of them:
 * e.g. `@embudo/sdk` resolves to sdk/dist/embudo.mjs, and shared-is-a-leaf must still catch that.
 */
const NOT_FOLLOWED = [
  "(^|/)node_modules/",
  // sdk/dist, collector/dist: built (`pnpm build`) from the sources we do cruise.
  "(^|/)dist/",
];

/** Generated files and local state: dropped from the graph altogether. */
const EXCLUDED = [
  // wrangler's local state (Durable Objects' and D1's files, bundles of `wrangler dev`).
  "(^|/)\\.wrangler/",
  // `wrangler types` output: ambient declarations, imports nothing of ours.
  "(^|/)worker-configuration\\.d\\.ts$",
  // `pnpm --filter @embudo/collector openapi` output (openapi-typescript): types only, generated.
  "^collector/client/schema\\.d\\.ts$",
];

/** Test files: they may reach into anything, and may share fixtures between routes. */
const TESTS = "\\.test\\.tsx?$";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment:
        "Import circles (type-only imports count: tsPreCompilationDeps) make load order fragile and " +
        "modules impossible to understand alone. Break the circle: move what both sides need into a " +
        "module of its own, or pass it in.",
      from: {},
      to: { circular: true },
    },
    {
      name: "shared-is-a-leaf",
      severity: "error",
      comment:
        "@embudo/shared is the wire format and scoring engine that the tracker, the collector, tests " +
        "and benchmarks all build on: it must not depend on any of them.",
      from: { path: "^shared/" },
      to: { path: ["^(collector|sdk)/", "^@embudo/(collector|sdk)($|/)"] },
    },
    {
      name: "routes-do-not-import-routes",
      severity: "error",
      comment:
        "A route module registers its handlers and nothing else uses it: helpers that several routes " +
        "share belong outside collector/src/routes/ (tests are excepted).",
      from: { path: "^collector/src/routes/", pathNot: TESTS },
      to: { path: "^collector/src/routes/" },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      comment:
        "An import that resolves to no file: a typo, a missing extension, or a package missing from " +
        "the importing package's package.json.",
      from: {},
      to: {
        couldNotResolve: true,
        // workerd's virtual modules: `cloudflare:workers` is the runtime's, `cloudflare:test` comes
        // from @cloudflare/vitest-pool-workers. Neither exists on disk for a resolver to find.
        pathNot: [
          "^cloudflare:",
          // Resolves (package.json `exports`) to sdk/dist/, which exists only after `pnpm build`:
          // `pnpm test` builds before it lints, a bare `pnpm lint` on a fresh clone has not.
          "^@embudo/sdk(/|$)",
        ],
      },
    },
  ],
  options: {
    // Count `import type` and type-only re-exports: a circle of types is still a circle.
    tsPreCompilationDeps: true,
    // The base config: every package extends it (no `paths`, `moduleResolution: Bundler`,
    // explicit `.ts` extensions), so it resolves like each package's own tsconfig.json.
    tsConfig: { fileName: "tsconfig.base.json" },
    moduleSystems: ["es6", "cjs"],
    doNotFollow: { path: NOT_FOLLOWED },
    exclude: { path: EXCLUDED },
    // `@embudo/*` and every npm package resolve through `exports` like Node and Vite do.
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      mainFields: ["module", "main", "types", "typings"],
      extensions: [".ts", ".tsx", ".d.ts", ".mjs", ".js", ".cjs", ".json"],
    },
    skipAnalysisNotInRules: true,
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
