/**
 * Readers of data file formats whose libraries are loaded on first use: a run answering from the
 * caches (units/cache.ts) reads no CSV and no gzip file, and so loads neither.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

type CsvParse = typeof import("csv-parse/sync").parse;
let csvParse: CsvParse | undefined;

/** csv-parse's `parse` (synchronous), loaded on first use. */
export const parseCsv = ((...args: Parameters<CsvParse>) => {
  csvParse ??= (require("csv-parse/sync") as typeof import("csv-parse/sync")).parse;
  return csvParse(...args);
}) as CsvParse;

let zlib: typeof import("node:zlib") | undefined;

/** The bytes of a gzip file's contents. */
export function gunzip(bytes: Buffer): ReturnType<typeof import("node:zlib").gunzipSync> {
  zlib ??= require("node:zlib") as typeof import("node:zlib");
  return zlib.gunzipSync(bytes);
}
