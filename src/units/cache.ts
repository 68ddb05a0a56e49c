/**
 * Entries kept between runs (under node_modules/.cache/truce, as other tools do), so that start-up
 * skips work whose result is known: each is keyed by a hash of the files it is made from and of the
 * code that makes it, so that a changed file or code misses and the work is done afresh. The cache is
 * an optimisation only: an unreadable or unwritable cache is ignored.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { threadId } from "node:worker_threads";

/** Entries kept per kind; older ones are removed when a new one is written. */
const KEEP = 8;

/** Whether the cache is turned off (environment variable TRUCE_CACHE=off). */
export function cacheOff(): boolean {
  return process.env.TRUCE_CACHE === "off";
}

/** The cache directory of the package whose root is `root`. */
export function cacheDirOf(root: string): string {
  return join(root, "node_modules", ".cache", "truce");
}

/**
 * The key of an entry made by the modules `code` from the files `files` (their paths relative to
 * `base` and their bytes), and of `also` (e.g. the versions of the runtime's data it depends on).
 */
export function filesKey(code: readonly string[], base: string, files: readonly string[], also = ""): string {
  const hash = createHash("sha256").update(also).update("\0");
  for (const path of code) hash.update(readFileSync(path)).update("\0");
  for (const path of files) {
    hash.update(relative(base, path)).update("\0").update(readFileSync(path)).update("\0");
  }
  return hash.digest("hex").slice(0, 32);
}

const entryPath = (cacheDir: string, kind: string, key: string) => join(cacheDir, `${kind}-${key}.json`);

/** The bytes of the entry of a kind ("law", "hts") kept under `key`, or undefined (none, or unreadable). */
export function readEntry(cacheDir: string, kind: string, key: string): Buffer | undefined {
  try {
    return readFileSync(entryPath(cacheDir, kind, key));
  } catch {
    return undefined;
  }
}

/** Keeps an entry (written to a temporary file, then renamed: readers never see half of it). */
export function writeEntry(cacheDir: string, kind: string, key: string, data: string): void {
  try {
    mkdirSync(cacheDir, { recursive: true });
    const target = entryPath(cacheDir, kind, key);
    // One temporary file per process and thread: a batch's worker may write the same entry at once.
    const temporary = `${target}.${process.pid}-${threadId}.tmp`;
    writeFileSync(temporary, data);
    renameSync(temporary, target);
    const entries = readdirSync(cacheDir)
      .filter((n) => n.startsWith(`${kind}-`) && n.endsWith(".json"))
      .map((n) => ({ path: join(cacheDir, n), mtime: statSync(join(cacheDir, n)).mtimeMs }))
      .sort((a, b) => b.mtime - a.mtime);
    for (const old of entries.slice(KEEP)) {
      if (basename(old.path) !== basename(target)) rmSync(old.path, { force: true });
    }
  } catch {
    // A read-only installation runs without the cache.
  }
}
