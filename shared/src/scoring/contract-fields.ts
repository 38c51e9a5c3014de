/**
 * Fields that more than one answer of the qualification API shares (`qualification.ts`,
 * `accounts.ts`), defined once so that every answer describes them in the same words.
 */
import { z } from "zod";

/** A time in an answer, as `isoString` (`iso.ts`) writes it. */
export const isoTimeSchema = z.iso.datetime().describe("ISO 8601 time in UTC.");
