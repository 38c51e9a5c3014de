import { keyedHash } from "./email-hash.ts";

/**
 * The network part of a client address: an IPv4 address whole; of an IPv6 address its first
 * 64 bits, what one home or office is given (a device picks the rest, and changes it).
 */
export function networkOf(address: string): string {
  if (!address.includes(":")) return address;
  const [head = "", tail = ""] = address.toLowerCase().split("::");
  const front = head ? head.split(":") : [];
  const back = tail ? tail.split(":") : [];
  // "::" stands for as many zero groups as the address leaves out.
  const groups = address.includes("::")
    ? [...front, ...Array(Math.max(0, 8 - front.length - back.length)).fill("0"), ...back]
    : front;
  return groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ""))
    .join(":");
}

/**
 * The tag of the network a request came from: the first 16 hex digits of the keyed hash
 * (`EMBUDO_HASH_KEY`) of the network ({@link networkOf}). Browsers on one network share it, which
 * is all the collector asks of it (`docs/security.md`: a claim from a person's network is tied to
 * it); it tells no address without the key. Undefined without the key: nothing is then tied by
 * network.
 */
export async function networkTag(secret: string | undefined, address: string): Promise<string | undefined> {
  if (!secret) return undefined;
  return (await keyedHash(secret, `network:${networkOf(address)}`)).slice(0, 16);
}
