/**
 * The size bar (sdk/README.md): the script-tag build, gzipped, must stay within
 * {@link SIZE_LIMIT_BYTES}. Measured at the best gzip level, as a CDN or collector would serve it.
 */
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

/** 2.5 KB: the hard limit a test enforces. */
export const SIZE_LIMIT_BYTES = 2560;

/** Gzipped size of a file, in bytes. */
export function gzippedSize(path) {
  return gzipSync(readFileSync(path), { level: 9 }).length;
}
