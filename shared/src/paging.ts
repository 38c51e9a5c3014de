import { z } from "zod";

/** The `nextCursor` of every paged answer: what the next request passes as `cursor`. */
export const nextCursorSchema = z
  .string()
  .nullable()
  .describe("Pass as `cursor` for the next page; null on the last page.");
