/**
 * Entries kept between runs (under node_modules/.cache/truce, as other tools do), so that start-up
 * skips work whose result is known: each is keyed by a hash of the files it is made from and of the
 * code that makes it, so that a changed file or code misses and the work is done afresh. The cache is
 * an optimisation only: an unreadable or unwritable cache is ignored.
 */
import {
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { basename, join, relative } from "node:path";

/** Modules loaded only when an entry is made: a run answering from the cache loads neither. */
const require = createRequire(import.meta.url);

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
  const { createHash } = require("node:crypto") as typeof import("node:crypto");
  const hash = createHash("sha256").update(also).update("\0");
  for (const path of code) hash.update(readFileSync(path)).update("\0");
  for (const path of files) {
    hash.update(relative(base, path)).update("\0").update(readFileSync(path)).update("\0");
  }
  return hash.digest("hex").slice(0, 32);
}

/**
 * A file changed less than this long ago may change again within one tick of the file system's
 * clock, its times unchanged: its fingerprint is not kept (see `keptFilesKey`).
 */
const SETTLED_MS = 2000;

/**
 * `filesKey`, found without reading the files when none has changed since a run that read them: the
 * key is kept with the files' fingerprint (each file's path, size, inode and its modification and
 * change times in nanoseconds, and `also`), one entry per directory `base` and `also`. Any write to a
 * file sets its change time, which no program can set back, so a kept key is never one of other
 * bytes; and a fingerprint is kept only when every file settled SETTLED_MS before. Otherwise the
 * files are read and hashed.
 */
export function keptFilesKey(
  cacheDir: string,
  kind: string,
  code: readonly string[],
  base: string,
  files: readonly string[],
  also = "",
): string {
  let fingerprint = `${also}\n`;
  let newest = 0n;
  for (const path of [...code, ...files]) {
    const s = statSync(path, { bigint: true });
    fingerprint += `${relative(base, path)} ${s.size} ${s.ino} ${s.mtimeNs} ${s.ctimeNs}\n`;
    if (s.mtimeNs > newest) newest = s.mtimeNs;
    if (s.ctimeNs > newest) newest = s.ctimeNs;
  }
  // The entry holds the key and the whole fingerprint: one that only shares its name is not taken.
  // Its name is the directory's, not the fingerprint's (hashing ~10 kB of text took ~2 ms a start).
  const fingerprintKind = `fingerprint-${kind}`;
  const name = nameOf(`${base}\n${also}`);
  const kept = readEntry(cacheDir, fingerprintKind, name)?.toString("utf8");
  if (kept !== undefined && /^[0-9a-f]{32}\n/.test(kept) && kept.slice(33) === fingerprint)
    return kept.slice(0, 32);
  const key = filesKey(code, base, files, also);
  if (newest < BigInt(Date.now() - SETTLED_MS) * 1_000_000n)
    writeEntry(cacheDir, fingerprintKind, name, `${key}\n${fingerprint}`);
  return key;
}

/** A short name for a text (two 32-bit FNV-1a hashes; not a key: the text is compared). */
function nameOf(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) + i;
  }
  return `${(a >>> 0).toString(16).padStart(8, "0")}${(b >>> 0).toString(16).padStart(8, "0")}`;
}

/**
 * The JSON text of a value with every character beyond ASCII written as a \u escape: the same value
 * when parsed, but read as one-byte text (UTF-8 with other characters is decoded and parsed as
 * two-byte text, about a third slower).
 */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
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

/** An entry opened for reading parts of it: its size in bytes and a reader of a byte range. */
export interface OpenEntry {
  size: number;
  read(start: number, end: number): Buffer;
}

/**
 * The entry of a kind kept under `key`, opened for reading parts of it (see `OpenEntry`), or
 * undefined (none, or unreadable). It stays open: a later write replaces the file, not its bytes.
 */
export function openEntry(cacheDir: string, kind: string, key: string): OpenEntry | undefined {
  try {
    const fd = openSync(entryPath(cacheDir, kind, key), "r");
    return {
      size: fstatSync(fd).size,
      read: (start, end) => {
        const bytes = Buffer.allocUnsafe(end - start);
        let done = 0;
        while (done < bytes.length) {
          const n = readSync(fd, bytes, done, bytes.length - done, start + done);
          if (n === 0) throw new Error(`the cache entry ${kind}-${key} ends before byte ${end}`);
          done += n;
        }
        return bytes;
      },
    };
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
    const { threadId } = require("node:worker_threads") as typeof import("node:worker_threads");
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

/**
 * An entry made of a header and named parts, kept so that a run reads the header and only the parts
 * it asks for (e.g. one heading of a schedule rather than the whole of it).
 */
export interface KeptParts<H> {
  header: H;
  /** The parts' names, sorted. */
  names(): string[];
  /** A part's value, read from the entry when asked for; undefined for a name it does not hold. */
  part<T>(name: string): T | undefined;
}

/** The first line of a parts entry: the header and each part's byte range after that line. */
interface PartsIndex<H> {
  header: H;
  parts: Record<string, [number, number]>;
  length: number;
}

/**
 * Parts of an entry read one by one (one answer asks for a few); from the next on, the rest of the
 * entry is read at once (one read of a few MB costs less than hundreds of small ones).
 */
const PARTS_READ_ALONE = 32;

/** Bytes read first when opening a parts entry: enough for the header line of the entries kept. */
const HEAD_BYTES = 192 * 1024;

/** Keeps `header` and `parts` (each as `asciiJson`) as one entry, read back by `readParts`. */
export function writeParts(
  cacheDir: string,
  kind: string,
  key: string,
  header: unknown,
  parts: ReadonlyMap<string, unknown>,
): void {
  const texts: string[] = [];
  const ranges: Record<string, [number, number]> = {};
  let length = 0;
  for (const [name, value] of [...parts].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const text = asciiJson(value);
    const bytes = Buffer.byteLength(text);
    ranges[name] = [length, length + bytes];
    length += bytes;
    texts.push(text);
  }
  const index: PartsIndex<unknown> = { header, parts: ranges, length };
  writeEntry(cacheDir, kind, key, `${asciiJson(index)}\n${texts.join("")}`);
}

/** The parts entry kept under `key` (see `writeParts`), or undefined (none, or unreadable). */
export function readParts<H>(cacheDir: string, kind: string, key: string): KeptParts<H> | undefined {
  const entry = openEntry(cacheDir, kind, key);
  if (entry === undefined) return undefined;
  try {
    let head = entry.read(0, Math.min(entry.size, HEAD_BYTES));
    let newline = head.indexOf(10);
    if (newline < 0) {
      head = entry.read(0, entry.size);
      newline = head.indexOf(10);
    }
    if (newline < 0) return undefined;
    const index = JSON.parse(head.toString("utf8", 0, newline)) as PartsIndex<H>;
    const body = newline + 1;
    if (entry.size !== body + index.length) return undefined;
    // Sorted here: an object lists keys that read as integers ("1001") before others ("0101").
    const names = Object.keys(index.parts).sort();
    /** The parts' bytes, read at once after PARTS_READ_ALONE parts (a batch asks for most). */
    let all: Buffer | undefined;
    let reads = 0;
    return {
      header: index.header,
      names: () => names,
      part: <T>(name: string): T | undefined => {
        const range = index.parts[name];
        if (range === undefined) return undefined;
        if (all === undefined && ++reads > PARTS_READ_ALONE) all = entry.read(body, entry.size);
        const bytes =
          all === undefined ? entry.read(body + range[0], body + range[1]) : all.subarray(range[0], range[1]);
        // Written by asciiJson: one byte a character.
        return JSON.parse(bytes.toString("latin1")) as T;
      },
    };
  } catch {
    return undefined;
  }
}

/**
 * What `build` makes of data files, split into named parts and kept (see `writeParts`) under the key
 * of the files and of the code that reads them (see `keptFilesKey`): a run that finds it reads the
 * header and only the parts it asks for; one that does not builds it all and keeps it. Without a
 * cache directory (see `cacheOff`), built every time.
 */
export function keptParts<H, P>(
  cacheDir: string | undefined,
  kind: string,
  code: readonly string[],
  base: string,
  files: readonly string[],
  also: string,
  build: () => { header: H; parts: ReadonlyMap<string, P> },
): KeptParts<H> {
  const key = cacheDir === undefined ? undefined : keptFilesKey(cacheDir, kind, code, base, files, also);
  if (cacheDir !== undefined && key !== undefined) {
    const kept = readParts<H>(cacheDir, kind, key);
    if (kept !== undefined) return kept;
  }
  const { header, parts } = build();
  if (cacheDir !== undefined && key !== undefined) writeParts(cacheDir, kind, key, header, parts);
  const names = [...parts.keys()].sort();
  return { header, names: () => names, part: <T>(name: string) => parts.get(name) as T | undefined };
}

/** The form of kept parses (`asciiJson`): entries kept in an earlier form miss and are written again. */
const KEPT_FORMAT = "ascii-json\0";

/**
 * What `parse` makes of a data file's bytes, kept in `cacheDir` as JSON under a hash of the bytes and
 * of `parser` (the parser and its version), so that a run finding it parses nothing. Kept only when
 * its JSON form reads back the same. Without a cache directory (see `cacheOff`), parsed every time.
 */
export function keptParse<T>(
  cacheDir: string | undefined,
  kind: string,
  bytes: Buffer | string,
  parser: string,
  parse: () => T,
): T {
  if (cacheDir === undefined) return parse();
  const { createHash } = require("node:crypto") as typeof import("node:crypto");
  const key = createHash("sha256")
    .update(KEPT_FORMAT)
    .update(parser)
    .update("\0")
    .update(bytes)
    .digest("hex")
    .slice(0, 32);
  const kept = readEntry(cacheDir, kind, key);
  if (kept !== undefined) {
    try {
      return JSON.parse(kept.toString("utf8")) as T;
    } catch {
      // An unreadable entry is parsed afresh (and replaced).
    }
  }
  const parsed = parse();
  const json = parsed === undefined ? undefined : asciiJson(parsed);
  const { isDeepStrictEqual } = require("node:util") as typeof import("node:util");
  if (json !== undefined && isDeepStrictEqual(JSON.parse(json), parsed))
    writeEntry(cacheDir, kind, key, json);
  return parsed;
}
