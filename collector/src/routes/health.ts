import { Hono } from "hono";
import type { AppEnv } from "../env.ts";

/** `GET /health`: liveness for load balancers and `pnpm start`; no auth, no storage. */
export const healthRoute = new Hono<AppEnv>().get("/health", (c) => c.json({ ok: true }));
