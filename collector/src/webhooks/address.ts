/**
 * Which webhook addresses the collector sends to. Deliveries carry leads' names and emails, so an
 * endpoint must be `https` on a public host: not loopback, a private or link-local network, or a
 * name that only resolves inside one. `EMBUDO_WEBHOOK_ALLOW_PRIVATE=1` lifts this for local
 * development (`pnpm start` and `pnpm collector` set it). Deliveries never follow redirects, so a
 * public address cannot bounce one to a private host either. A public name that resolves to a
 * private address cannot be told apart here (Workers have no DNS lookup); on Cloudflare, a
 * Worker's fetch does not reach private networks.
 */

/** Why `url` may not receive webhooks, or null when it may. */
export function endpointAddressProblem(url: string, allowPrivate: boolean): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "must be an absolute URL";
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return "must be an https URL";
  if (allowPrivate) return null;
  if (parsed.protocol !== "https:") return "must be https (http is allowed only with EMBUDO_WEBHOOK_ALLOW_PRIVATE=1)";
  const host = parsed.hostname.toLowerCase().replace(/\.$/, "");
  if (isPrivateHost(host))
    return `must be on a public host, not ${host} (allowed only with EMBUDO_WEBHOOK_ALLOW_PRIVATE=1)`;
  return null;
}

/** Host names that only resolve on a local network. */
const LOCAL_SUFFIXES = [".localhost", ".local", ".internal", ".lan", ".home.arpa", ".intranet"];

function isPrivateHost(host: string): boolean {
  if (host.startsWith("[")) return isPrivateIPv6(host.slice(1, -1));
  const v4 = ipv4(host);
  if (v4) return isPrivateIPv4(v4);
  if (host === "localhost" || LOCAL_SUFFIXES.some((suffix) => host.endsWith(suffix))) return true;
  // A single label ("intranet") is a name on somebody's own network.
  return !host.includes(".");
}

/** The four bytes of a dotted IPv4 address (as `URL` normalizes it), or null. */
function ipv4(host: string): number[] | null {
  const parts = host.split(".");
  if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part))) return null;
  const bytes = parts.map(Number);
  return bytes.every((byte) => byte <= 255) ? bytes : null;
}

/** Whether an IPv4 address is in a range that is not a public host's (IANA's special-purpose registry). */
function isPrivateIPv4([a, b, c]: number[]): boolean {
  return (
    a === 0 || // "this" network
    a === 10 ||
    a === 127 || // loopback
    (a === 100 && b! >= 64 && b! <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) || // link-local (and cloud metadata services)
    (a === 172 && b! >= 16 && b! <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0 && c === 0) || // IETF protocol assignments, 192.0.0.0/24
    (a === 192 && b === 0 && c === 2) || // documentation, 192.0.2.0/24
    (a === 198 && b === 51 && c === 100) || // documentation, 198.51.100.0/24
    (a === 203 && b === 0 && c === 113) || // documentation, 203.0.113.0/24
    (a === 198 && (b === 18 || b === 19)) || // benchmarking
    a! >= 224 // multicast and reserved
  );
}

function isPrivateIPv6(address: string): boolean {
  const groups = ipv6Groups(address);
  if (!groups) return true; // not an address URL would have let through: refuse rather than guess
  const [g0, g1, g2, g3, g4, g5, g6, g7] = groups as [number, number, number, number, number, number, number, number];
  const v4 = [g6 >> 8, g6 & 255, g7 >> 8, g7 & 255];
  const zeroUpTo = (n: number) => groups.slice(0, n).every((group) => group === 0);
  if (zeroUpTo(8) || (zeroUpTo(7) && g7 === 1)) return true; // :: and ::1
  if (zeroUpTo(5) && g5 === 0xffff) return isPrivateIPv4(v4); // IPv4-mapped ::ffff:a.b.c.d
  if (zeroUpTo(4) && g4 === 0xffff && g5 === 0) return isPrivateIPv4(v4); // IPv4-translated ::ffff:0:a.b.c.d
  if (zeroUpTo(6)) return isPrivateIPv4(v4); // IPv4-compatible ::a.b.c.d
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) {
    return isPrivateIPv4(v4); // NAT64 64:ff9b::a.b.c.d
  }
  if (g0 === 0x2002) return isPrivateIPv4([g1 >> 8, g1 & 255, g2 >> 8, g2 & 255]); // 6to4 2002:AABB:CCDD::
  return (
    (g0 === 0x64 && g1 === 0xff9b && g2 === 1) || // local-use NAT64 64:ff9b:1::/48: a private network's
    (g0 === 0x2001 && g1 === 0) || // Teredo 2001::/32: tunnels to an address it hides
    (g0 === 0x2001 && g1 === 0x0db8) || // documentation 2001:db8::/32
    (g0 === 0x100 && g1 === 0 && g2 === 0 && g3 === 0) || // discard-only 100::/64
    (g0 & 0xfe00) === 0xfc00 || // unique local fc00::/7
    (g0 & 0xffc0) === 0xfe80 || // link-local fe80::/10
    (g0 & 0xffc0) === 0xfec0 || // site-local fec0::/10 (deprecated, still routed inside sites)
    (g0 & 0xff00) === 0xff00 // multicast
  );
}

/** The eight 16-bit groups of an IPv6 address as `URL` writes it (hex, `::` for zeros), or null. */
function ipv6Groups(address: string): number[] | null {
  const halves = address.toLowerCase().split("::");
  if (halves.length > 2) return null;
  const parse = (half: string) => (half === "" ? [] : half.split(":").map((group) => Number.parseInt(group, 16)));
  const head = parse(halves[0]!);
  const tail = halves.length === 2 ? parse(halves[1]!) : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) return null;
  const groups = [...head, ...Array<number>(missing).fill(0), ...tail];
  return groups.every((group) => Number.isInteger(group) && group >= 0 && group <= 0xffff) ? groups : null;
}
