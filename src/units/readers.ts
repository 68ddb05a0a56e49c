/**
 * Readers of data file formats whose libraries are loaded on first use: a run answering from the
 * caches (units/cache.ts) reads no CSV and no gzip file, and so loads neither.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, join, sep } from "node:path";
import { keptParse } from "./cache.js";

const require = createRequire(import.meta.url);

type CsvParse = typeof import("csv-parse/sync").parse;
/** Plain options only (no functions): they are part of the cache key. */
interface CsvOptions {
  columns?: boolean;
  skip_empty_lines?: boolean;
}
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

const versions = new Map<string, string>();
/**
 * The version of an installed package, from the package.json above its main module (not every
 * package lists its package.json among its exports, csv-parse does not): part of the key of a parse
 * kept by that package, since a new version may read the same bytes differently.
 */
export function packageVersion(name: string): string {
  let version = versions.get(name);
  if (version === undefined) {
    const main = require.resolve(name);
    const dir = `${sep}node_modules${sep}${name}${sep}`;
    const root = main.slice(0, main.lastIndexOf(dir) + dir.length);
    version = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }).version;
    versions.set(name, version);
  }
  return version;
}

/**
 * How csv-parse reads a file, as part of the key of what is kept of it: its version (a new one may
 * read the same bytes differently) and `how` (the options, or what is kept of the rows).
 */
export function csvParser(how: string): string {
  return `csv-parse ${packageVersion("csv-parse")} ${how}`;
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
  const parser = csvParser(JSON.stringify(options));
  return keptParse(
    cacheDir,
    `csv-${basename(path).replace(/[^A-Za-z0-9-]/g, "_")}`,
    bytes,
    parser,
    () => parseCsv((path.endsWith(".gz") ? gunzip(bytes) : bytes).toString("utf8"), options) as T[],
  );
}
