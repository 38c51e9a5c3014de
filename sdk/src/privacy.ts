import { consentRequired } from "./config.ts";
import { allowStoring, CONSENT_KEY, read, write } from "./storage.ts";

/**
 * True when the browser asks not to be tracked: Global Privacy Control or Do Not Track.
 * Both are a hard opt-out that `consent(true)` does not override.
 */
export const optedOut = (): boolean =>
  (navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl || navigator.doNotTrack == "1";

/**
 * True when a WebDriver drives the browser. Such events are flagged rather than dropped: whether
 * a bot counts is the collector's decision, per site. The collector also flags a headless
 * browser by its User-Agent header; reading navigator.userAgent here cost every page more on
 * load than any other property the tracker reads.
 */
export const isAutomated = (): boolean => navigator.webdriver;

/**
 * This page's consent: 1 granted (store and send), 0 waiting for an answer (events are held
 * in memory, unsent), -1 refused or opted out (nothing is recorded).
 */
export let consent: number;

/** Decides consent at load: the browser's opt-out, then a stored answer, then `data-consent`. */
export const initConsent = (): void => {
  const answer = read(CONSENT_KEY);
  consent = optedOut() || answer == "0" ? -1 : answer == "1" || !consentRequired ? 1 : 0;
  allowStoring(consent > 0);
};

/**
 * Records the visitor's answer. A grant moves held events and ids to localStorage; a refusal
 * erases everything stored. The refusal itself is remembered only when consent is not
 * required anyway, where forgetting it would mean tracking again on the next page.
 */
export const setConsent = (granted: boolean): void => {
  if (optedOut()) return;
  consent = granted ? 1 : -1;
  allowStoring(granted);
  if (granted || !consentRequired) write(CONSENT_KEY, granted ? "1" : "0", true);
};
