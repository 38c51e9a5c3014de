/** Crockford's base32, the ULID alphabet (no I, L, O, U). */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/**
 * A ULID: 10 characters of millisecond time, then 16 random ones, upper case.
 *
 * Hand-written instead of the `ulid` package because the tracker must stay under 2.5 KB and
 * needs neither monotonic ordering nor decoding: the id only has to be unique, so that the
 * collector can drop retried duplicates. Nothing is a secret in it (the visitor id travels in
 * every event), so the 80 random bits come from `Math.random`, not `crypto.getRandomValues`:
 * browsers seed each page's generator from the operating system's randomness, and the first use
 * of `crypto` on a page cost the tracker more than a tenth of a millisecond of main thread on
 * load (`pnpm bench`).
 */
export const ulid = (now = Date.now()): string => {
  let id = "";
  // Right to left: 16 random characters, then the time's 10 digits, least significant first.
  // Dividing by 32 is exact in floating point, so `* 32 % 32 | 0` recovers each 5-bit digit.
  for (let digit = 26; digit--; )
    id = ALPHABET[digit > 9 ? (Math.random() * 32) | 0 : (((now /= 32) * 32) % 32) | 0] + id;
  return id;
};
