/** Options of `init()` in the ESM build; the script tag gives the same ones as `data-*` attributes. */
export interface InitOptions {
  /** Public site key (write-only). */
  site: string;
  /** Collector base URL. Default: the page's own origin (the script tag defaults to the script's). */
  api?: string;
  /** Path prefixes of pricing pages, comma-separated. Default `/pricing`. */
  pricing?: string;
  /** File extensions (lower case) counted as downloads, comma-separated. Default {@link DEFAULT_DOWNLOADS}. */
  downloads?: string;
  /** `"off"` disables form capture. */
  forms?: "on" | "off";
  /** `"required"`: store nothing and send nothing until `consent(true)`. */
  consent?: "required";
}

/** Extensions counted as downloads when none are configured. */
export const DEFAULT_DOWNLOADS = "pdf,zip,doc,docx,xls,xlsx,ppt,pptx,csv,txt,epub,key,dmg,exe,msi";

/** Reads one option: the script tag reads its attributes, `init()` its options object. Falsy: not given. */
export type OptionReader = (name: keyof InitOptions) => string | false | null | undefined;

/*
 * This page's configuration, set once by {@link configure}: module variables rather than an
 * object, so that the minifier can shorten every use (the script tag's bytes).
 */
/** Public site key. */
export let site: string;
/** Collector base URL as given; "" means the page's origin. */
export let api: string;
/** Path prefixes of pricing pages. */
export let pricing: string[];
/** File extensions counted as downloads. */
export let downloads: string[];
/** Consent is required before anything is stored or sent. */
export let consentRequired: boolean;

/**
 * Applies the defaults sdk/README.md lists, and says whether forms are captured. Both builds
 * share this one parser, so the script tag carries a single copy of it.
 */
export const configure = (option: OptionReader): boolean => {
  const list = (name: keyof InitOptions, fallback: string) =>
    (option(name) || fallback).split(",").map((item) => item.trim());
  site = option("site") as string;
  api = option("api") || "";
  pricing = list("pricing", "/pricing");
  downloads = list("downloads", DEFAULT_DOWNLOADS);
  consentRequired = option("consent") == "required";
  return option("forms") != "off";
};
