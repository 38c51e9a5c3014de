/** Emails as people are keyed by them, and the events that give one. */
import type { ScoringEvent } from "./events.ts";

/** An email as people are keyed by it: trimmed and lower-cased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The email an event gives (a form with an email field, or `identify`), normalized; else null. */
export function givenEmail(event: ScoringEvent): string | null {
  if (event.type !== "form_submit" && event.type !== "identify") return null;
  const email = event.traits.email;
  return email ? normalizeEmail(email) : null;
}
