#!/usr/bin/env node
// `pnpm bench`: every benchmark, each comparing against a baseline measured in the same run
// (ratios, not single absolute timings, on shared machines: docs/architecture.md, "Measuring").
import { spawnSync } from "node:child_process";
import { benchDashboard, formatDashboard } from "../collector/bench/dashboard.mjs";
import { benchHistory, formatHistory } from "../collector/bench/history.mjs";
import { benchIngestion, formatIngestion } from "../collector/bench/ingest.mjs";
import { benchPeople, formatPeople } from "../collector/bench/people.mjs";

console.log("== Scoring engine (pure, in Node) ==");
const engine = spawnSync("pnpm", ["--silent", "--filter", "@embudo/shared", "bench"], { stdio: "inherit" });
if (engine.status !== 0) process.exit(engine.status ?? 1);

console.log("\n== Tracker main-thread cost on load (headless Chromium) ==");
const tracker = spawnSync("pnpm", ["--silent", "--filter", "@embudo/sdk-bench", "bench"], { stdio: "inherit" });
if (tracker.status !== 0) process.exit(tracker.status ?? 1);

console.log("\n== Collector ingestion ==");
console.log(formatIngestion(await benchIngestion()));

console.log("\n== Ingestion cost as a visitor's history grows ==");
console.log(formatHistory(await benchHistory()));

console.log("\n== People and accounts at ingestion ==");
console.log(formatPeople(await benchPeople()));

console.log("\n== Dashboard pages against their API calls ==");
console.log(formatDashboard(await benchDashboard()));
