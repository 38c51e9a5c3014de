import { read, SESSION_KEY, VISITOR_KEY, write } from "./storage.ts";
import { ulid } from "./ulid.ts";

/** A session ends after 30 minutes without events, as the default scoring model counts sessions. */
export const SESSION_IDLE_MS = 30 * 60 * 1000;

/** This browser's visitor id, made on first use and kept until `reset()`. */
export const visitorId = (): string => {
  let id = read(VISITOR_KEY);
  if (!id) write(VISITOR_KEY, (id = ulid()));
  return id;
};

/**
 * The current session id. Every event extends the session, so it is stored with the time of
 * the last event ("ID TIME"); a gap longer than {@link SESSION_IDLE_MS} starts a new one.
 */
export const sessionId = (now: number): string => {
  let [id, last] = (read(SESSION_KEY) || "").split(" ");
  let current = id && now - +last! < SESSION_IDLE_MS ? id : ulid(now);
  write(SESSION_KEY, current + " " + now);
  return current;
};

/** Forgets the visitor and its session (logout, shared device): the next event starts anew. */
export const forgetVisitor = (): void => {
  write(VISITOR_KEY, "");
  write(SESSION_KEY, "");
};
