/**
 * The parsed law sources (the validated instrument files, data/horizon.yaml and the product-list
 * codes they name), kept between runs so that start-up skips the YAML, schema and CSV work. An entry is keyed by a
 * hash of every source file (path and bytes) and of the loader's own code: a changed file or loader
 * misses, and the sources are parsed and validated afresh. Only a law that loaded without problems
 * is kept (see units/cache.ts).
 */
import { existsSync } from "node:fs";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { asciiJson, keptFilesKey, readEntry, writeEntry } from "../units/cache.js";
import type { ZoneYears } from "../units/time.js";
import { HORIZON_FILE, type ListCodes } from "./load.js";
import type { HorizonSpec, InstrumentFile } from "./schema.js";
import { filesUnder, isYamlFile } from "./yaml-files.js";

export interface ParsedSources {
  files: { file: string; spec: InstrumentFile }[];
  /** Codes read from the product lists, per issuer directory, by list reference (see `ListReader`). */
  codes: Record<string, Record<string, ListCodes>>;
  /** data/horizon.yaml (absent when the data directory has none). */
  horizon?: HorizonSpec;
  /** The time zones' offsets read while building the law and for the years answers are usually asked for (see units/time.ts). */
  zones?: ZoneYears;
}

const KIND = "law";

/**
 * This module, the loaders, the schema, the YAML reader and the time zone reader whose offsets are
 * kept (same extension: .js built, .ts in tests).
 */
function loaderFiles(): string[] {
  const self = fileURLToPath(import.meta.url);
  const ext = extname(self);
  const dir = join(self, "..");
  return [
    self,
    ...["load", "read-law", "schema", "yaml-files"].map((name) => join(dir, `${name}${ext}`)),
    join(dir, "..", "units", `time${ext}`),
  ];
}

/**
 * The key of a data directory's law sources: every YAML file under law/, CSV file under lists/ and
 * the horizon file, the loader's code and the runtime's time zone data (read and hashed unless
 * unchanged since a run kept it in `cacheDir`: see `keptFilesKey`).
 */
export function sourcesKey(dataDir: string, cacheDir: string): string {
  const files = [
    ...filesUnder(join(dataDir, "law"), isYamlFile),
    ...filesUnder(join(dataDir, "lists"), (n) => n.endsWith(".csv")),
    ...[join(dataDir, HORIZON_FILE)].filter((path) => existsSync(path)),
  ];
  // The time zone data and the runtime that reads it: the offsets kept depend on them.
  return keptFilesKey(
    cacheDir,
    KIND,
    loaderFiles(),
    dataDir,
    files,
    `${process.version} tz ${process.versions.tz ?? ""}`,
  );
}

/** The sources kept under `key`, or undefined (none, or unreadable). */
export function readSources(cacheDir: string, key: string): ParsedSources | undefined {
  try {
    const bytes = readEntry(cacheDir, KIND, key);
    if (bytes === undefined) return undefined;
    const parsed = JSON.parse(bytes.toString("utf8")) as ParsedSources;
    return Array.isArray(parsed.files) && typeof parsed.codes === "object" ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps `sources` under `key`. */
export function writeSources(cacheDir: string, key: string, sources: ParsedSources): void {
  writeEntry(cacheDir, KIND, key, asciiJson(sources));
}
