/** Crockford's base32, the ULID alphabet (no I, L, O, U). */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/**
 * A ULID: 10 characters of millisecond time, then 16 random ones, upper case.
 *
 * Hand-written instead of the `ulid` package because the tracker must stay under 2.5 KB and
 * needs neither monotonic ordering nor decoding: the id only has to be unique, so that the
 * collector can drop retried duplicates. A byte masked to 5 bits is uniform (256 = 8 × 32).
 */
export const ulid = (now = Date.now()): string => {
  let id = "";
  // Right to left: 16 random characters, then the time's 10 digits, least significant first.
  // Dividing by 32 is exact in floating point, so `* 32 % 32 | 0` recovers each 5-bit digit.
  for (const byte of crypto.getRandomValues(new Uint8Array(26)))
    id = ALPHABET[id.length < 16 ? byte & 31 : (((now /= 32) * 32) % 32) | 0] + id;
  return id;
};
