/**
 * Fit (shared/README.md, "The model"): how well who the visitor is matches the buyer persona, and the disqualifiers
 * that say a lead will not buy. Both read only identity traits, never behaviour.
 */
import { TRAIT_KEYS, type TraitKey } from "../limits.ts";
import type { TrackedEvent, Traits } from "../wire.ts";
import { domainIn, emailDomain, firstTitleMatch, minimumEmployees } from "./match.ts";
import type { ScoringModel } from "./model.ts";

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

type TraitSource = { eventId: string; ts: number };

/**
 * A visitor's identity, merged from forms and `identify()` in time order: a later value of a
 * trait replaces an earlier one, and each trait remembers the event that set it (for receipts).
 */
export class IdentityBook {
  readonly traits: Traits = {};
  private readonly sources = new Map<TraitKey, TraitSource>();
  /** Bumped whenever a trait changes, so callers can cache what they derive from it. */
  version = 0;

  /** Reads an event's traits, if it has any. */
  add(event: TrackedEvent): void {
    if (event.type !== "form_submit" && event.type !== "identify") return;
    for (const key of TRAIT_KEYS) {
      const value = event.traits[key];
      if (value === undefined || value === "") continue;
      if (this.traits[key] !== value) this.version++;
      (this.traits as Record<TraitKey, unknown>)[key] = value;
      this.sources.set(key, { eventId: event.id, ts: event.ts });
    }
  }

  /** A lead is identified once it gave an email address (a form with email, or `identify`). */
  get identified(): boolean {
    return this.traits.email !== undefined;
  }

  sourceOf(key: TraitKey): TraitSource {
    return this.sources.get(key) ?? { eventId: "", ts: 0 };
  }
}

/** Scores an identity against the model's fit rules and disqualifiers. */
export function scoreFit(identity: IdentityBook, model: ScoringModel): FitResult {
  const { traits } = identity;
  const rules = model.fit;
  const receipts: FitReceipt[] = [];
  const disqualifiers: FitReceipt[] = [];
  const receipt = (rule: string, points: number, trait: TraitKey, note: string): FitReceipt => ({
    rule,
    points,
    trait,
    ...identity.sourceOf(trait),
    note,
  });

  const domain = traits.email ? emailDomain(traits.email) : null;
  if (domain) {
    if (!domainIn(domain, rules.businessEmail.freeMailDomains)) {
      receipts.push(
        receipt("fit:business_email", rules.businessEmail.points, "email", `business email domain ${domain}`),
      );
    }
    if (domainIn(domain, model.disqualifiers.competitorDomains)) {
      disqualifiers.push(
        receipt("disqualifier:competitor_domain", 0, "email", `email domain ${domain} is a competitor`),
      );
    }
  }
  if (traits.jobTitle) {
    const senior = firstTitleMatch(traits.jobTitle, rules.seniorTitle.titlePatterns);
    if (senior) {
      receipts.push(
        receipt(
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
        receipt("disqualifier:job_title", 0, "jobTitle", `job title "${traits.jobTitle}" matches "${excluded}"`),
      );
    }
  }
  if (traits.companySize !== undefined) {
    const employees = minimumEmployees(traits.companySize);
    if (employees !== null && employees >= rules.companySize.minEmployees) {
      receipts.push(
        receipt(
          "fit:company_size",
          rules.companySize.points,
          "companySize",
          `company size ${traits.companySize} ≥ ${rules.companySize.minEmployees}`,
        ),
      );
    }
  }
  if (traits.company) {
    receipts.push(receipt("fit:company_named", rules.companyNamed.points, "company", `company ${traits.company}`));
  }
  if (traits.phone) {
    receipts.push(receipt("fit:phone", rules.phone.points, "phone", "phone given"));
  }

  const sum = receipts.reduce((total, r) => total + r.points, 0);
  return {
    fit: Math.min(rules.max, Math.max(0, sum)),
    receipts: receipts.filter((r) => r.points !== 0),
    disqualifiers,
  };
}
