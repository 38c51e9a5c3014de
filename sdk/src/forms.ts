import type { TraitKey, Traits } from "@embudo/shared";
import type { LIMITS } from "@embudo/shared/limits";
import { emit } from "./events.ts";

/**
 * Truthy when `value` holds a card number: a run of 13–19 digits, whatever single characters
 * separate them (spaces, dashes, dots, slashes), that passes the Luhn check. A longer run is
 * checked on its first 19 digits, so an account number may be dropped too: no loss.
 */
export const looksLikeCardNumber = (value: string): boolean | undefined =>
  value.match(/\d(\W?\d){12,18}/g)?.some((run) => {
    const digits = run.replace(/\D/g, "");
    let sum = 0;
    // Every second digit from the right is doubled, a two-digit result counting as the sum of
    // its digits: "0246813579"[d] is that value for digit d.
    for (let i = digits.length, doubled = false; i--; doubled = !doubled)
      sum += +(doubled ? "0246813579"[digits[i] as unknown as number]! : digits[i]!);
    return sum % 10 == 0;
  });

const ignored = (element: Element) => element.hasAttribute("data-embudo-ignore");

/**
 * Reads the identity traits of a form, and nothing else: fields that are not a trait of
 * `TRAIT_KEYS` are skipped, as are ignored fields, unreadable types, sensitive fields (even when
 * marked with `data-embudo-field`) and anything that looks like a card number. The first field
 * of a trait wins: a form's main email or company comes before a "confirm email" or a "company
 * website". Values are not validated here: the collector drops a trait it cannot use (an email
 * field holding "n/a") and keeps the rest of the event.
 */
export const readTraits = (form: HTMLFormElement): Traits => {
  // The patterns are made here, at a submit, not when the script loads: a page that is only
  // read never pays for them.

  // How a field's trait is guessed from its `name`, `autocomplete` and `id` when it has no
  // `data-embudo-field`. Order matters: "organization-title" is a job title before it is a
  // company, "company_size" a size before a company, "company_name" a company before a name.
  const guesses: Record<TraitKey, RegExp> = {
    email: /mail/,
    phone: /phone|tel|mobile/,
    companySize: /size|employees/,
    jobTitle: /job|title|role|position/,
    company: /compan|organi[sz]/,
    country: /country/,
    industry: /industry|sector/,
    name: /name/,
  };

  // Input types that can hold a trait. An allow-list, so that passwords, hidden inputs, files
  // and checkboxes are never read, whatever they are named.
  const readableType = /^(text|email|tel|number|select-one)$/;

  // Fields never read, whatever trait their hints suggest: payment cards (`autocomplete="cc-name"`
  // is the cardholder, not the lead), login names, and tax or national ids (VAT, NIF/CIF, SSN).
  const sensitive = /cc-|card|user_?name|login|vat|tax|fiscal|ssn|nif|cif/;

  const traits: Record<string, string> = {};
  for (const field of form.elements as unknown as HTMLInputElement[]) {
    const hints = (
      field.type +
      " " +
      field.name +
      " " +
      field.getAttribute("autocomplete") +
      " " +
      field.id
    ).toLowerCase();
    const marked = field.getAttribute("data-embudo-field") as TraitKey;
    // (A marked key inherited from Object, like "toString", is harmless: the collector keeps
    // only trait keys.)
    const key =
      marked in guesses ? marked : (Object.keys(guesses) as TraitKey[]).find((trait) => guesses[trait].test(hints));
    const value = field.value?.trim().slice(0, 256 satisfies typeof LIMITS.maxTraitLength);
    if (
      !key ||
      !value ||
      ignored(field) ||
      !readableType.test(field.type) ||
      sensitive.test(hints) ||
      looksLikeCardNumber(value)
    )
      continue;
    // First and last name fields join into one name.
    traits[key] = traits[key] && key == "name" ? traits.name + " " + value : traits[key] || value;
  }
  return traits;
};

/**
 * Records a `form_submit` for every submitted form (unless `data-embudo-ignore`), with its
 * traits and the intent named by `data-embudo-intent`. A submit that carries an email is what
 * identifies a visitor: the collector reads identity from these traits.
 */
export const trackForms = (): void => {
  addEventListener(
    "submit",
    (event) => {
      const form = event.target as HTMLFormElement;
      if (ignored(form)) return;
      emit("form_submit", {
        // Unnamed forms are told apart by the page they are on.
        formId: (form.getAttribute("id") || form.getAttribute("name") || location.pathname).slice(
          0,
          128 satisfies typeof LIMITS.maxFormIdLength,
        ),
        intent: form.getAttribute("data-embudo-intent") || undefined,
        traits: readTraits(form),
      });
    },
    // Capture phase: SPA handlers that stop the event still let us see the submit.
    true,
  );
};
