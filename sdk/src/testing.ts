/**
 * Test harness (not part of either build): a fake collector that records the requests the
 * tracker actually sends, and page loads that can be torn down, so that a test can "reload"
 * against the same localStorage with fresh module state, as a browser would.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { WireBatch, WireEvent } from "@embudo/shared";
import { afterEach, beforeEach, vi } from "vitest";
import type { Embudo } from "./api.ts";
import type { InitOptions } from "./config.ts";

/** What the fake collector does with a request. */
export type Outcome = "ok" | "network" | number | { status: number; retryAfter: string };

/** One request the tracker sent. */
export interface SentRequest {
  url: string;
  init: RequestInit;
  batch: WireBatch;
}

/**
 * Replaces `fetch` with a collector that answers each request with the next queued outcome
 * (200 once the queue is empty) and records what was sent, whatever the answer.
 */
export function fakeCollector() {
  const requests: SentRequest[] = [];
  const outcomes: Outcome[] = [];
  const fetchMock = vi.fn(async (url: string, init: RequestInit) => {
    requests.push({ url, init, batch: JSON.parse(init.body as string) });
    const outcome = outcomes.shift() ?? "ok";
    if (outcome === "network") throw new TypeError("Failed to fetch");
    const status = outcome === "ok" ? 200 : typeof outcome === "number" ? outcome : outcome.status;
    const headers = new Headers(typeof outcome === "object" ? { "retry-after": outcome.retryAfter } : {});
    const batch = JSON.parse(init.body as string) as WireBatch;
    return new Response(
      status === 200 ? JSON.stringify({ accepted: batch.events.length, duplicates: 0, rejected: [] }) : "{}",
      {
        status,
        headers,
      },
    );
  });
  vi.stubGlobal("fetch", fetchMock);
  return {
    requests,
    /** Outcomes for the next requests, in order. */
    answer: (...next: Outcome[]) => outcomes.push(...next),
    /** Every event sent, in order, retries included. */
    events: (): WireEvent[] => requests.flatMap((request) => request.batch.events),
    fetchMock,
  };
}

export interface PageOptions {
  url?: string;
  /** Markup of the body. */
  body?: string;
  /** Markup of the head (meta tags). */
  head?: string;
  options?: Partial<InitOptions>;
  /** Calls queued by the stub before the script ran. */
  queued?: unknown[][];
  /**
   * Load the script-tag entry instead, as `<script src="https://collector.test/embudo.js">`
   * with these attributes, after `beforeScript` ran (the page's stub snippet, say).
   */
  script?: Record<string, string>;
  beforeScript?: () => void;
}

export interface LoadedPage {
  api: Embudo;
  /** Leaves the page: its listeners, history hooks and timers go away; localStorage stays. */
  unload(): void;
}

/**
 * Loads a page and starts a fresh tracker on it (new module instances, like a new document).
 * Listeners and history hooks are recorded so that `unload()` can remove them.
 */
const loadedPages = new Set<LoadedPage>();

/**
 * The hooks every file that loads pages needs: fake timers and empty storage before each test,
 * and every page it loaded unloaded after it. Call once at the top of the file.
 */
export function usePageSandbox(): void {
  beforeEach(() => {
    vi.useFakeTimers();
    localStorage.clear();
  });
  afterEach(() => {
    for (const page of loadedPages) page.unload();
    loadedPages.clear();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });
}

export async function loadPage({
  url = "https://acme.test/",
  body = "",
  head = "",
  options = {},
  queued = [],
  script,
  beforeScript,
}: PageOptions = {}): Promise<LoadedPage> {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);
  document.head.innerHTML = head;
  document.body.innerHTML = body;
  document.title = "Test page";

  const listeners: [string, EventListenerOrEventListenerObject, boolean | AddEventListenerOptions | undefined][] = [];
  const addEventListener = window.addEventListener;
  window.addEventListener = ((
    type: string,
    listener: EventListenerOrEventListenerObject,
    capture?: boolean | AddEventListenerOptions,
  ) => {
    listeners.push([type, listener, capture]);
    addEventListener.call(window, type, listener, capture);
  }) as typeof window.addEventListener;
  const { pushState, replaceState } = history;

  vi.resetModules();
  try {
    let api: Embudo;
    if (script) {
      const tag = document.createElement("script");
      for (const [name, value] of Object.entries(script)) tag.setAttribute(name, value);
      // Not attached: the test runs the entry itself instead of fetching it.
      Object.defineProperty(tag, "src", { value: script.src ?? "https://collector.test/embudo.js" });
      Object.defineProperty(document, "currentScript", { configurable: true, get: () => tag });
      beforeScript?.();
      await import("./script.ts");
      delete (document as { currentScript?: unknown }).currentScript;
      api = (window as unknown as { embudo: Embudo }).embudo;
    } else {
      const { start } = await import("./tracker.ts");
      api = start((name) => ({ site: "demo", api: "https://collector.test", ...options })[name], queued);
    }
    const page: LoadedPage = {
      api,
      unload() {
        for (const [type, listener, capture] of listeners) window.removeEventListener(type, listener, capture);
        history.pushState = pushState;
        history.replaceState = replaceState;
        vi.clearAllTimers();
        loadedPages.delete(page);
      },
    };
    loadedPages.add(page);
    return page;
  } finally {
    window.addEventListener = addEventListener;
  }
}

/** Lets batching timers run and pending responses settle. */
export async function settle(ms = 1000): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
}

/**
 * localStorage as a browser shares it between tabs: each tab's renderer reads and writes its
 * own copy, and the others' writes reach that copy later (here: at `sync()`). Installs itself
 * as `localStorage`; `tab(name, run)` runs `run`, and every timer and promise callback it
 * starts, against that tab's copy, so two trackers loaded with {@link loadPage} in one test
 * behave like two tabs.
 */
export function tabsSharingStorage() {
  const stored = new Map<string, string>();
  const copies = new Map<string, Map<string, string>>();
  const current = new AsyncLocalStorage<Map<string, string>>();
  const copy = () => {
    const active = current.getStore();
    if (!active) throw new Error("localStorage used outside tab(): say which tab runs this");
    return active;
  };
  const storage = {
    getItem: (key: string) => copy().get(key) ?? null,
    setItem(key: string, value: string) {
      copy().set(key, String(value));
      stored.set(key, String(value));
    },
    removeItem(key: string) {
      copy().delete(key);
      stored.delete(key);
    },
    clear() {
      for (const key of copy().keys()) storage.removeItem(key);
    },
    key: (index: number) => [...copy().keys()][index] ?? null,
    get length() {
      return copy().size;
    },
  };
  // Object.keys(localStorage) lists the stored keys, as it does in browsers.
  const proxy = new Proxy(storage, {
    ownKeys: () => [...copy().keys()],
    getOwnPropertyDescriptor: (_, key) =>
      typeof key === "string" && copy().has(key)
        ? { value: copy().get(key), enumerable: true, configurable: true, writable: true }
        : undefined,
  });
  vi.stubGlobal("localStorage", proxy);
  // Fake timers call back from the test's own context: bind each callback to its tab's.
  const setTimer = globalThis.setTimeout;
  vi.stubGlobal("setTimeout", (callback: () => void, ms?: number) => setTimer(AsyncLocalStorage.bind(callback), ms));
  return {
    tab<T>(name: string, run: () => T): T {
      if (!copies.has(name)) copies.set(name, new Map(stored));
      return current.run(copies.get(name)!, run);
    },
    /** Every tab's copy catches up with the writes of the others. */
    sync() {
      for (const tabCopy of copies.values()) {
        tabCopy.clear();
        for (const [key, value] of stored) tabCopy.set(key, value);
      }
    },
    /** What is stored, as the next tab to open would see it. */
    stored,
  };
}
