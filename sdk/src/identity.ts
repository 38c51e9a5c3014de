import { IDS_KEY, read, write } from "./storage.ts";
import { ulid } from "./ulid.ts";

/** A session ends after 30 minutes without events, as the default scoring model counts sessions. */
export const SESSION_IDLE_MS = 30 * 60 * 1000;

/**
 * This browser's ids, kept under one key as "VISITOR SESSION LAST", so that an event reads and
 * writes storage once: the visitor id, made on first use and kept until `reset()`, and the
 * session id with the time of its last event. An event (`now`) extends the session, or starts
 * a new one after a gap longer than {@link SESSION_IDLE_MS}; without `now` the session is not
 * touched, and may not exist yet.
 */
export const ids = (now?: number): [visitor: string, session?: string] => {
  let [visitor, session, last] = (read(IDS_KEY) || "").split(" ");
  visitor ||= ulid();
  if (now && !(session && now - +last! < SESSION_IDLE_MS)) session = ulid(now);
  write(IDS_KEY, [visitor, session, now || last].join(" "));
  return [visitor, session];
};

/** This browser's visitor id, made on first use and kept until `reset()`. */
export const visitorId = (): string => ids()[0];

/** Forgets the visitor and its session (logout, shared device): the next event starts anew. */
export const forgetVisitor = (): void => write(IDS_KEY, "");
