import type { VisitorObject } from "./visitor-object.ts";

/**
 * The one place that maps a visitor to its Durable Object. Every caller goes through here, so
 * the naming scheme (and any later sharding of visitors over fewer objects) changes in one file.
 */
export function visitorObjectName(visitorId: string): string {
  return `visitor:${visitorId}`;
}

/** The stub of the Durable Object that owns `visitorId`'s events and score. */
export function visitorStub(namespace: DurableObjectNamespace<VisitorObject>, visitorId: string) {
  return namespace.get(namespace.idFromName(visitorObjectName(visitorId)));
}
