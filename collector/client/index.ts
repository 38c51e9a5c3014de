/**
 * A typed client of the collector's API, generated from its OpenAPI document: what a CRM
 * integration, the collector's tests and the end-to-end journeys use to read qualifications.
 *
 * ```ts
 * const api = createEmbudoClient({ baseUrl: "https://collector.example", apiKey: process.env.EMBUDO_API_KEY });
 * const { data, error } = await api.GET("/v1/leads", { params: { query: { stage: "sql" } } });
 * ```
 */
import createClient from "openapi-fetch";
import type { components, paths } from "./schema.d.ts";

export type { components, paths };
/** A schema of the document, by name: `Schema<"Qualification">`. */
export type Schema<Name extends keyof components["schemas"]> = components["schemas"][Name];

export interface EmbudoClientOptions {
  /** The collector's origin, e.g. `http://127.0.0.1:8787`. */
  baseUrl: string;
  /** EMBUDO_API_KEY, sent as a bearer token; omit it for the public routes. */
  apiKey?: string;
  /** The fetch to send requests with (a Worker's own handler in tests). */
  fetch?: (request: Request) => Promise<Response>;
}

/** A client whose paths, parameters, bodies and answers are typed by the API document. */
export function createEmbudoClient(options: EmbudoClientOptions) {
  return createClient<paths>({
    baseUrl: options.baseUrl,
    ...(options.apiKey ? { headers: { Authorization: `Bearer ${options.apiKey}` } } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}

export type EmbudoClient = ReturnType<typeof createEmbudoClient>;
