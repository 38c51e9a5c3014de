/** The collector's base URL, written in by vite's `define` (see ../../vite/configs.mjs). */
declare const __EMBUDO_COLLECTOR__: string;
