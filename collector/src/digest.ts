/**
 * The first 128 bits of a text's SHA-256, in hex: short enough to keep or send, long enough
 * that two different texts never share one in practice.
 */
export async function shortDigest(text: string): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  return Array.from(bytes.subarray(0, 16), (byte) => byte.toString(16).padStart(2, "0")).join("");
}
