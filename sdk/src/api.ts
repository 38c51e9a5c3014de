/**
 * The public types of the SDK. They are written out here, not imported from `@embudo/shared`,
 * so that the published `.d.ts` stands alone; `events.ts` checks at compile time that they
 * still match the wire format.
 */

/** Identity traits: the keys of `TRAIT_KEYS` in @embudo/shared/limits. */
export interface Traits {
  email?: string;
  name?: string;
  company?: string;
  jobTitle?: string;
  companySize?: string | number;
  country?: string;
  phone?: string;
  industry?: string;
}

/** Flat event properties: primitive values only. */
export type Props = Record<string, string | number | boolean | null>;

/** The JavaScript API (sdk/README.md), on `window.embudo` and exported by the ESM build. */
export interface Embudo {
  /** Records a custom event, e.g. `track("demo_request", { plan: "team" })`. */
  track(name: string, props?: Props): void;
  /** Attaches identity to this visitor. The collector refuses it without a valid `email`. */
  identify(traits: Traits & { email: string }): void;
  /** Records a view of the current page now (SPA navigation is already automatic). */
  page(): void;
  /** Grants consent (held events go out) or withdraws it (stored data is erased, nothing more is recorded). */
  consent(granted: boolean): void;
  /** This browser's visitor id (a ULID). */
  visitorId(): string;
  /** Forgets the visitor and session ids (logout, shared device): the next event starts a new visitor. */
  reset(): void;
}
