import { z } from "zod";

/** The `site` query parameter of listings and reports: a site key as `EMBUDO_SITES` names it. */
export const siteQuery = z.string().min(1).max(64);
