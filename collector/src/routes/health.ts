import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { errorResponses, newRouter } from "../openapi.ts";

const livenessRoute = createRoute({
  method: "get",
  path: "/health",
  summary: "Liveness",
  description: "For load balancers and `pnpm start`: no key, no storage. 503 while the configuration is invalid.",
  tags: ["Operations"],
  responses: {
    200: {
      description: "The collector runs with a valid configuration.",
      content: { "application/json": { schema: z.object({ ok: z.literal(true) }) } },
    },
    ...errorResponses(503),
  },
});

/** `GET /health`: liveness for load balancers and `pnpm start`; no auth, no storage. */
export const healthRoute = newRouter().openapi(livenessRoute, (c) => c.json({ ok: true as const }, 200));
