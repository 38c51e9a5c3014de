/**
 * Fit (shared/README.md, "The model"): how well who the visitor is matches the buyer persona, and the disqualifiers
 * that say a lead will not buy. Both read only identity traits, never behaviour.
 */
import { TRAIT_KEYS, type TraitKey } from "../limits.ts";
import type { TrackedEvent, Traits } from "../wire.ts";
import { isFreeMailDomain } from "./email-domains.ts";
import { domainIn, emailDomain, firstTitleMatch, minimumEmployees } from "./match.ts";
import type { ScoringModel } from "./model.ts";
import type { PreparedEvent } from "./prepared.ts";

/** A fit rule that gave points, or a disqualifier that holds. */
export interface FitReceipt {
  /** `fit:business_email`, `fit:senior_title`, `fit:company_size`, `fit:company_named`, `fit:phone`,
   * `disqualifier:job_title` or `disqualifier:competitor_domain`. */
  rule: string;
  points: number;
  /** The trait the rule read. */
  trait: TraitKey;
  /** The event that last set that trait. */
  eventId: string;
  ts: number;
  /** `ts` as an ISO 8601 string. */
  at: string;
  note: string;
}

/** Fit score and disqualifiers of one identity. */
export interface FitResult {
  /** Clamped to 0..model.fit.max. */
  fit: number;
  receipts: FitReceipt[];
  /** The disqualifiers that hold (empty when none). */
  disqualifiers: FitReceipt[];
}

/** The event that gave a trait. */
type TraitSource = PreparedEvent<TrackedEvent>;

/** A trait one of a person's visitors gave that contradicts the value another of them gave first. */
export interface IdentityConflict {
  trait: TraitKey;
  /** The value the person keeps, and the visitor that gave it. */
  kept: string | number;
  keptFrom: string;
  /** The contradicting value, and the event and visitor that brought it. */
  given: string | number;
  eventId: string;
  visitorId: string;
  ts: number;
  /** `ts` as an ISO 8601 string. */
  at: string;
}

/**
 * A lead's identity, merged from forms and `identify()` in time order. Each trait belongs to the
 * visitor (browser) that gave it first: that visitor's later values replace it, and each trait
 * remembers the event that set it (for receipts). Another visitor of the same person may fill a
 * trait nobody gave yet, but a different value it brings is only recorded as a conflict: the
 * collection endpoint is public, so anyone can type a lead's email into a form, and a stranger's
 * "Student" must neither lower a CEO's fit nor disqualify them.
 */
export class IdentityBook {
  readonly traits: Traits = {};
  private readonly sources = new Map<TraitKey, TraitSource>();
  /** Contradicting values of other visitors, in event order. */
  readonly conflicts: IdentityConflict[] = [];
  /** Bumped whenever a trait changes, so callers can cache what they derive from it. */
  version = 0;

  /** Reads an event's traits, if it has any. */
  add(prepared: PreparedEvent<TrackedEvent>): void {
    const { event } = prepared;
    if (event.type !== "form_submit" && event.type !== "identify") return;
    for (const key of TRAIT_KEYS) {
      const value = event.traits[key];
      if (value === undefined || value === "") continue;
      const current = this.traits[key];
      const source = this.sources.get(key);
      if (source && source.visitorId !== event.visitorId) {
        if (current !== value && !sameTrait(current, value)) {
          this.conflicts.push({
            trait: key,
            kept: current!,
            keptFrom: source.visitorId,
            given: value,
            eventId: event.id,
            visitorId: event.visitorId,
            ts: event.ts,
            at: prepared.at,
          });
        }
        continue;
      }
      if (current !== value) this.version++;
      (this.traits as Record<TraitKey, unknown>)[key] = value;
      this.sources.set(key, prepared);
    }
  }

  /** A lead is identified once it gave an email address (a form with email, or `identify`). */
  get identified(): boolean {
    return this.traits.email !== undefined;
  }

  /** The event that gave the trait: its id and time (a trait is only ever set by an event). */
  sourceOf(key: TraitKey): { eventId: string; ts: number; at: string } {
    const source = this.sources.get(key)!;
    return { eventId: source.id, ts: source.ts, at: source.at };
  }
}

/** Values that differ only in case or spacing ("ACME " and "Acme") say the same thing. */
export function sameTrait(a: string | number | undefined, b: string | number): boolean {
  return String(a).trim().toLowerCase() === String(b).trim().toLowerCase();
}

/** A receipt of the rule that read `trait`, pointing at the event that set it. */
function fitReceipt(identity: IdentityBook, rule: string, points: number, trait: TraitKey, note: string): FitReceipt {
  const { eventId, ts, at } = identity.sourceOf(trait);
  return { rule, points, trait, eventId, ts, at, note };
}

/** Scores an identity against the model's fit rules and disqualifiers. */
export function scoreFit(identity: IdentityBook, model: ScoringModel): FitResult {
  const { traits } = identity;
  const rules = model.fit;
  const receipts: FitReceipt[] = [];
  const disqualifiers: FitReceipt[] = [];

  const domain = traits.email ? emailDomain(traits.email) : null;
  if (domain) {
    if (!isFreeMailDomain(domain, model)) {
      receipts.push(
        fitReceipt(
          identity,
          "fit:business_email",
          rules.businessEmail.points,
          "email",
          `business email domain ${domain}`,
        ),
      );
    }
    if (domainIn(domain, model.disqualifiers.competitorDomains)) {
      disqualifiers.push(
        fitReceipt(identity, "disqualifier:competitor_domain", 0, "email", `email domain ${domain} is a competitor`),
      );
    }
  }
  if (traits.jobTitle) {
    const senior = firstTitleMatch(traits.jobTitle, rules.seniorTitle.titlePatterns);
    if (senior) {
      receipts.push(
        fitReceipt(
          identity,
          "fit:senior_title",
          rules.seniorTitle.points,
          "jobTitle",
          `job title "${traits.jobTitle}" matches "${senior}"`,
        ),
      );
    }
    const excluded = firstTitleMatch(traits.jobTitle, model.disqualifiers.titlePatterns);
    if (excluded) {
      disqualifiers.push(
        fitReceipt(
          identity,
          "disqualifier:job_title",
          0,
          "jobTitle",
          `job title "${traits.jobTitle}" matches "${excluded}"`,
        ),
      );
    }
  }
  if (traits.companySize !== undefined) {
    const employees = minimumEmployees(traits.companySize);
    if (employees !== null && employees >= rules.companySize.minEmployees) {
      receipts.push(
        fitReceipt(
          identity,
          "fit:company_size",
          rules.companySize.points,
          "companySize",
          `company size ${traits.companySize} ≥ ${rules.companySize.minEmployees}`,
        ),
      );
    }
  }
  if (traits.company) {
    receipts.push(
      fitReceipt(identity, "fit:company_named", rules.companyNamed.points, "company", `company ${traits.company}`),
    );
  }
  if (traits.phone) {
    receipts.push(fitReceipt(identity, "fit:phone", rules.phone.points, "phone", "phone given"));
  }

  const sum = receipts.reduce((total, r) => total + r.points, 0);
  return {
    fit: Math.min(rules.max, Math.max(0, sum)),
    receipts: receipts.filter((r) => r.points !== 0),
    disqualifiers,
  };
}
