// Starts the collector under `wrangler dev` on this machine, with state persisted on disk.
// Used by `pnpm collector`, `pnpm start`, the end-to-end tests and the benchmarks, so all of
// them run the Worker exactly as a developer does.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const collectorDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const wranglerBin = join(collectorDir, "node_modules", ".bin", "wrangler");
/** The sites `pnpm collector` and `pnpm start` accept: the local demo site. */
export const localSitesFile = join(collectorDir, "local-sites.json");

/** A port the OS says is free right now. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * A local secret: the variable `name` from the environment when set, otherwise a random
 * development value kept in `file` beside the local state, so it survives restarts.
 */
function localSecret(name, file, prefix, persistTo, env) {
  if (env[name]) return env[name];
  const path = join(persistTo, file);
  if (existsSync(path)) return readFileSync(path, "utf8").trim();
  const secret = `${prefix}${randomBytes(18).toString("base64url")}`;
  mkdirSync(persistTo, { recursive: true });
  writeFileSync(path, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** The local read-API key: `EMBUDO_API_KEY`, or a development key kept with the local state. */
export function localApiKey(persistTo, env = process.env) {
  return localSecret("EMBUDO_API_KEY", "dev-api-key", "embudo_dev_", persistTo, env);
}

/**
 * The local key of the suppression list's email hashes: `EMBUDO_HASH_KEY`, or a development key
 * kept with the local state (a new one would forget every email erased locally).
 */
export function localHashKey(persistTo, env = process.env) {
  return localSecret("EMBUDO_HASH_KEY", "dev-hash-key", "embudo_dev_hash_", persistTo, env);
}

function run(args, options = {}) {
  return new Promise((resolveRun, reject) => {
    const child = spawn(wranglerBin, args, { cwd: collectorDir, stdio: ["ignore", "pipe", "pipe"], ...options });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolveRun(output) : reject(new Error(`wrangler ${args[0]} failed:\n${output}`)),
    );
  });
}

async function waitForHealth(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`the collector did not answer ${url}/health within ${timeoutMs} ms`);
}

/**
 * Applies the D1 migrations locally, starts `wrangler dev` and resolves once `/health` answers.
 *
 * @param {object} [options]
 * @param {number} [options.port] port to listen on (default: a free one)
 * @param {string} [options.ip] address to listen on (default 127.0.0.1)
 * @param {string} [options.persistTo] state directory (default collector/.wrangler/state)
 * @param {string} [options.apiKey] read-API key (default: {@link localApiKey})
 * @param {boolean} [options.quiet] keep wrangler's output to errors only
 * @param {Record<string, string | undefined>} [options.env] where the EMBUDO_* variables come from (default process.env)
 * @returns {Promise<{ url: string, port: number, apiKey: string, hashKey: string, persistTo: string, stop: () => Promise<void> }>}
 */
export async function startCollector(options = {}) {
  const ip = options.ip ?? "127.0.0.1";
  const port = options.port ?? (await freePort());
  const persistTo = resolve(options.persistTo ?? join(collectorDir, ".wrangler", "state"));
  const env = options.env ?? process.env;
  const apiKey = options.apiKey ?? localApiKey(persistTo, env);
  const hashKey = localHashKey(persistTo, env);

  // Every EMBUDO_* variable of this process reaches the Worker through an env file, never the
  // command line, so wrangler's binding table shows them as hidden and `ps` cannot read them.
  // The key and the sites have local defaults: the development key, and the demo site
  // (wrangler.jsonc ships no site); webhooks may go to private addresses unless told otherwise.
  mkdirSync(persistTo, { recursive: true });
  const envFile = join(persistTo, "collector.env");
  const variables = {
    // Local receivers (the demo CRM inbox, a test's) are http on 127.0.0.1: allowed here only.
    EMBUDO_WEBHOOK_ALLOW_PRIVATE: "1",
    ...embudoVariables(env),
    EMBUDO_API_KEY: apiKey,
    EMBUDO_HASH_KEY: hashKey,
    EMBUDO_SITES: env.EMBUDO_SITES ?? JSON.stringify(JSON.parse(readFileSync(localSitesFile, "utf8"))),
  };
  writeFileSync(envFile, envFileText(variables), { mode: 0o600 });
  // wrangler refuses to start without its assets directory; /embudo.js then answers 503 until
  // `pnpm build` has assembled it.
  mkdirSync(join(collectorDir, "dist", "assets"), { recursive: true });

  await run(["d1", "migrations", "apply", "DB", "--local", "--persist-to", persistTo], {
    env: { ...process.env, CI: "true" },
  });

  const child = spawn(
    wranglerBin,
    [
      "dev",
      "--ip",
      ip,
      "--port",
      String(port),
      "--inspector-port",
      String(await freePort()),
      "--persist-to",
      persistTo,
      "--env-file",
      envFile,
      "--show-interactive-dev-session=false",
      "--log-level",
      options.quiet ? "error" : "info",
    ],
    { cwd: collectorDir, stdio: ["ignore", options.quiet ? "ignore" : "inherit", "inherit"], detached: true },
  );
  const url = `http://${ip}:${port}`;
  const stop = () =>
    new Promise((resolveStop) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolveStop();
      const force = setTimeout(() => killGroup(child, "SIGKILL"), 5000);
      child.once("exit", () => {
        clearTimeout(force);
        resolveStop();
      });
      killGroup(child, "SIGTERM");
    });
  try {
    await waitForHealth(url, child, options.timeoutMs ?? 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, port, apiKey, hashKey, persistTo, stop };
}

/** The `EMBUDO_*` variables of an environment. */
export function embudoVariables(env) {
  return Object.fromEntries(Object.entries(env).filter(([name]) => name.startsWith("EMBUDO_")));
}

/**
 * A dotenv file of `variables`. dotenv takes a quoted value literally and has no escapes, so
 * each value is quoted with a quote character it does not hold; JSON values (a scoring model
 * edited with line breaks) are written on one line first.
 */
export function envFileText(variables) {
  return Object.entries(variables)
    .map(([name, raw]) => {
      let value = String(raw);
      try {
        value = JSON.stringify(JSON.parse(value));
      } catch {
        // not JSON: written as it is
      }
      const quote = ["'", "`", '"'].find((q) => !value.includes(q));
      if (!quote || /[\r\n]/.test(value)) {
        throw new Error(`${name} cannot be written to an env file: it holds every quote character or a line break`);
      }
      // wrangler expands `$NAME` in env files (dotenv-expand); `\\$` stands for a literal `$`.
      return `${name}=${quote}${value.replaceAll("$", "\\$")}${quote}\n`;
    })
    .join("");
}

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}
