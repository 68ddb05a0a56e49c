/**
 * The parsed law sources (the validated instrument files, data/horizon.yaml and the product-list
 * codes they name),
 * kept between runs so that start-up skips the YAML, schema and CSV work. An entry is keyed by a
 * hash of every source file (path and bytes) and of the loader's own code: a changed file or loader
 * misses, and the sources are parsed and validated afresh. Only a law that loaded without problems
 * is kept. The cache is an optimisation only: an unreadable or unwritable cache is ignored.
 */
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { basename, extname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { threadId } from "node:worker_threads";
import { HORIZON_FILE, type ListCodes } from "./load.js";
import type { HorizonSpec, InstrumentFile } from "./schema.js";
import { filesUnder, isYamlFile } from "./yaml-files.js";

export interface ParsedSources {
  files: { file: string; spec: InstrumentFile }[];
  /** Codes read from the product lists, per issuer directory, by list reference (see `ListReader`). */
  codes: Record<string, Record<string, ListCodes>>;
  /** data/horizon.yaml (absent when the data directory has none). */
  horizon?: HorizonSpec;
}

/** Entries kept; older ones are removed when a new one is written. */
const KEEP = 8;
const PREFIX = "law-";

/**
 * This module, the loaders, the schema and the YAML reader (same directory, same extension: .js
 * built, .ts in tests).
 */
function loaderFiles(): string[] {
  const self = fileURLToPath(import.meta.url);
  const ext = extname(self);
  const dir = join(self, "..");
  return [self, ...["load", "read-law", "schema", "yaml-files"].map((name) => join(dir, `${name}${ext}`))];
}

/**
 * The key of a data directory's law sources: every YAML file under law/, CSV file under lists/ and
 * the horizon file.
 */
export function sourcesKey(dataDir: string): string {
  const hash = createHash("sha256");
  for (const path of loaderFiles()) hash.update(readFileSync(path)).update("\0");
  const files = [
    ...filesUnder(join(dataDir, "law"), isYamlFile),
    ...filesUnder(join(dataDir, "lists"), (n) => n.endsWith(".csv")),
    ...[join(dataDir, HORIZON_FILE)].filter((path) => existsSync(path)),
  ];
  for (const path of files) {
    hash.update(relative(dataDir, path)).update("\0").update(readFileSync(path)).update("\0");
  }
  return hash.digest("hex").slice(0, 32);
}

const entryPath = (cacheDir: string, key: string) => join(cacheDir, `${PREFIX}${key}.json`);

/** The sources kept under `key`, or undefined (none, or unreadable). */
export function readSources(cacheDir: string, key: string): ParsedSources | undefined {
  try {
    const parsed = JSON.parse(readFileSync(entryPath(cacheDir, key), "utf8")) as ParsedSources;
    return Array.isArray(parsed.files) && typeof parsed.codes === "object" ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps `sources` under `key` (written to a temporary file, then renamed: readers never see half). */
export function writeSources(cacheDir: string, key: string, sources: ParsedSources): void {
  try {
    mkdirSync(cacheDir, { recursive: true });
    const target = entryPath(cacheDir, key);
    // One temporary file per process and thread: a batch's worker may write the same entry at once.
    const temporary = `${target}.${process.pid}-${threadId}.tmp`;
    writeFileSync(temporary, JSON.stringify(sources));
    renameSync(temporary, target);
    const entries = readdirSync(cacheDir)
      .filter((n) => n.startsWith(PREFIX) && n.endsWith(".json"))
      .map((n) => ({ path: join(cacheDir, n), mtime: statSync(join(cacheDir, n)).mtimeMs }))
      .sort((a, b) => b.mtime - a.mtime);
    for (const old of entries.slice(KEEP)) {
      if (basename(old.path) !== basename(target)) rmSync(old.path, { force: true });
    }
  } catch {
    // A read-only installation runs without the cache.
  }
}
