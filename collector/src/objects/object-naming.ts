/**
 * The one place that maps visitors, people and accounts to their Durable Objects. Every caller
 * goes through here, so a naming scheme (and any later sharding) changes in one file. The
 * namespaces come typed from `Env` (wrangler.jsonc's bindings), so this module imports no object.
 */
import { type AccountKey, inSpace, type PersonKey } from "../spaces.ts";

/** The object name of a visitor: its own events and, while it gave no email, its score. */
export function visitorObjectName(visitorId: string): string {
  return `visitor:${visitorId}`;
}

/** The object name of a person: the copies of its visitors' events that belong to it, and its score. */
export function personObjectName(person: PersonKey): string {
  return `person:${inSpace(person.space, person.email)}`;
}

/** The object name of an account: its people's latest reports and its stage history. */
export function accountObjectName(account: AccountKey): string {
  return `account:${inSpace(account.space, account.domain)}`;
}

/** The stub of the Durable Object that owns `visitorId`'s events. */
export function visitorStub(namespace: Env["VISITORS"], visitorId: string) {
  return namespace.get(namespace.idFromName(visitorObjectName(visitorId)));
}

/** The stub of the Durable Object that scores `person` (its email normalized). */
export function personStub(namespace: Env["PEOPLE"], person: PersonKey) {
  return namespace.get(namespace.idFromName(personObjectName(person)));
}

/** The stub of the Durable Object that assesses `account`. */
export function accountStub(namespace: Env["ACCOUNTS"], account: AccountKey) {
  return namespace.get(namespace.idFromName(accountObjectName(account)));
}

/**
 * The stub of the Durable Object that counts the people a network started on `day` (ms at 00:00
 * UTC): `network` is its tag, in a people space (`inSpace`).
 */
export function networkBudgetStub(namespace: Env["NETWORK_BUDGETS"], network: string, day: number) {
  return namespace.get(namespace.idFromName(`network-budget:${network}:${day}`));
}

/** The stub of the one Durable Object that keeps webhook endpoints and deliveries. */
export function webhooksStub(namespace: Env["WEBHOOKS"]) {
  return namespace.get(namespace.idFromName("webhooks"));
}
