/**
 * Readers of data file formats whose libraries are loaded on first use: a run answering from the
 * caches (units/cache.ts) reads no CSV and no gzip file, and so loads neither.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, join } from "node:path";
import { keptParse } from "./cache.js";

const require = createRequire(import.meta.url);

type CsvParse = typeof import("csv-parse/sync").parse;
/** Plain options only (no functions): they are part of the cache key. */
type CsvOptions = Pick<import("csv-parse/sync").Options, "columns" | "skip_empty_lines"> & {
  columns?: boolean;
};
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

let csvParseVersionRead: string | undefined;
/** The version of csv-parse (its package.json is not among its exports: found beside its module). */
function csvParseVersion(): string {
  if (csvParseVersionRead === undefined) {
    const module = require.resolve("csv-parse/sync");
    const root = module.slice(0, module.lastIndexOf("csv-parse") + "csv-parse".length);
    csvParseVersionRead = (
      JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }
    ).version;
  }
  return csvParseVersionRead;
}

/**
 * The rows of a CSV data file (gzipped if its name ends in .gz) as csv-parse reads them with
 * `options`, kept in the cache (`cacheDir`, see `keptParse`) under the file's bytes, the options and
 * csv-parse's version: a run that finds them loads neither csv-parse nor zlib.
 */
export function readCsvFile<T = string[]>(
  cacheDir: string | undefined,
  path: string,
  options: CsvOptions = {},
): T[] {
  const bytes = readFileSync(path);
  const parser = `csv-parse ${csvParseVersion()} ${JSON.stringify(options)}`;
  return keptParse(
    cacheDir,
    `csv-${basename(path).replace(/[^A-Za-z0-9-]/g, "_")}`,
    bytes,
    parser,
    () => parseCsv((path.endsWith(".gz") ? gunzip(bytes) : bytes).toString("utf8"), options) as T[],
  );
}
