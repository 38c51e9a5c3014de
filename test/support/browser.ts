/**
 * Finds a Chromium for the journeys and launches it headless. `npx playwright install` cannot
 * download browsers on the project's machines, so the tests drive the system's Chromium
 * (docs/architecture.md, "Toolchain") and never skip silently when there is none.
 */
import { execFileSync } from "node:child_process";
import { accessSync, constants, existsSync } from "node:fs";
import { delimiter, join } from "node:path";
import { type Browser, chromium } from "playwright-core";

/** Where Chromium or Chrome usually lives, most likely first. */
const USUAL_PATHS = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/snap/bin/chromium",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
];
/** Names looked up on PATH after the usual paths. */
const PATH_NAMES = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

/** Flags for headless Chromium in containers and CI: no sandbox as root, and no background network. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const HOW_TO_GET_ONE = `The end-to-end tests need Chromium or Google Chrome. Either
  - install it: \`sudo apt-get install -y chromium\` on Debian/Ubuntu, \`brew install --cask chromium\` on macOS; or
  - point CHROME_PATH at an existing binary: \`CHROME_PATH=/path/to/chrome pnpm test\`.`;

const isExecutable = (path: string) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** The first Chromium found through CHROME_PATH, the usual paths or PATH; undefined if none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.CHROME_PATH) {
    // An explicit choice that does not work is an error, not a cue to test another browser.
    if (!isExecutable(env.CHROME_PATH))
      throw new Error(`CHROME_PATH=${env.CHROME_PATH} is not an executable file.\n${HOW_TO_GET_ONE}`);
    return env.CHROME_PATH;
  }
  const onPath = (env.PATH ?? "").split(delimiter).flatMap((dir) => PATH_NAMES.map((name) => join(dir, name)));
  return [...USUAL_PATHS, ...onPath].find(isExecutable);
}

/** True where the tests may install Chromium themselves: Debian-like, as root, with apt-get. */
function canAptInstall(): boolean {
  return (
    process.platform === "linux" &&
    process.getuid?.() === 0 &&
    existsSync("/usr/bin/apt-get") &&
    existsSync("/etc/debian_version")
  );
}

/**
 * A Chromium to drive: found, or installed with apt-get on a Debian machine as root (about
 * 20 s), or an error that says how to get one.
 */
export function ensureChromium(): string {
  const found = findChromium();
  if (found) return found;
  if (!canAptInstall()) throw new Error(`No Chromium found.\n${HOW_TO_GET_ONE}`);
  console.log("No Chromium found: installing Debian's chromium package (apt-get install -y chromium)…");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  try {
    execFileSync("apt-get", ["update"], { stdio: "inherit", env });
    execFileSync("apt-get", ["install", "-y", "--no-install-recommends", "chromium"], { stdio: "inherit", env });
  } catch (error) {
    throw new Error(`Installing chromium with apt-get failed (${(error as Error).message}).\n${HOW_TO_GET_ONE}`);
  }
  const installed = findChromium();
  if (!installed)
    throw new Error(`apt-get installed chromium, but no chromium binary was found afterwards.\n${HOW_TO_GET_ONE}`);
  return installed;
}

/** Launches headless Chromium from `executablePath`. */
export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
}
