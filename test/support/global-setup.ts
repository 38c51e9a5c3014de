/**
 * Runs once before the journeys: makes sure there is a Chromium and a built tracker, starts the
 * shared stack and hands its URLs to the test files. Its teardown stops what it started, also
 * when tests fail.
 */
import type { TestProject } from "vitest/node";
import { ensureChromium } from "./browser.ts";
import { assertSdkBuilt, type StackInfo, startStack } from "./stack.ts";

/** What every journey file receives through `inject("e2e")`. */
export interface E2eContext extends StackInfo {
  /** The Chromium binary to launch. */
  chromePath: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    e2e: E2eContext;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const chromePath = ensureChromium();
  assertSdkBuilt();
  const stack = await startStack();
  project.provide("e2e", { ...stack.info, chromePath });
  return () => stack.stop();
}
