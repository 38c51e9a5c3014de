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

function isPrivateIPv4([a, b]: number[]): boolean {
  return (
    a === 0 || // "this" network
    a === 10 ||
    a === 127 || // loopback
    (a === 100 && b! >= 64 && b! <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) || // link-local (and cloud metadata services)
    (a === 172 && b! >= 16 && b! <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0) || // IETF protocol assignments
    (a === 198 && (b === 18 || b === 19)) || // benchmarking
    a! >= 224 // multicast and reserved
  );
}

function isPrivateIPv6(address: string): boolean {
  const lower = address.toLowerCase();
  if (lower === "::" || lower === "::1") return true;
  // An IPv4 address inside IPv6 (::ffff:10.0.0.1, which URL writes as ::ffff:a00:1).
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (mapped) {
    const high = Number.parseInt(mapped[1]!, 16);
    const low = Number.parseInt(mapped[2]!, 16);
    return isPrivateIPv4([high >> 8, high & 255, low >> 8, low & 255]);
  }
  const first = Number.parseInt(lower.split(":")[0] || "0", 16);
  return (
    (first & 0xfe00) === 0xfc00 || // unique local fc00::/7
    (first & 0xffc0) === 0xfe80 || // link-local fe80::/10
    (first & 0xff00) === 0xff00 // multicast
  );
}
