/**
 * Finding an email in free text (an account's stage reasons, a webhook body) as a whole address:
 * erasing ana@globex.com must not touch text about mariana@globex.com.
 */

/** Characters that may stand next to an address without being part of it. */
const BOUNDARY = String.raw`[^A-Za-z0-9._%+\-@]`;

function pattern(email: string): RegExp {
  const escaped = email.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  // A full stop after it ends a sentence unless a domain label follows (ana@globex.com.mx).
  return new RegExp(`(^|${BOUNDARY})${escaped}(?=$|${BOUNDARY}|\\.(?:$|[^A-Za-z0-9]))`, "gi");
}

/** Whether `text` names `email` as a whole address (case-insensitive). */
export function mentionsEmail(text: string, email: string): boolean {
  return pattern(email).test(text);
}

/** `text` with every whole mention of `email` replaced by `replacement`. */
export function replaceEmail(text: string, email: string, replacement: string): string {
  return text.replace(pattern(email), (_, before: string) => `${before}${replacement}`);
}
