import { readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultDataDir, sourceCacheDir } from "../../src/law/load.js";
import { loadLaw } from "../../src/law/read-law.js";
import { readSources, sourcesKey } from "../../src/law/source-cache.js";
import { INSTRUMENT_HEADER, lawDir } from "./law-dir.js";

const instrument = `${INSTRUMENT_HEADER}measures:
  - id: m1
    authority: section-301
    heading: "9903.88.01"
    label: "Test measure"
    origins: [CN]
    products: { lists: [list.csv] }
values:
  - { measure: m1, from: "2018-07-06 00:01", rate: "25%" }
`;

const dataDir = (codes: string[]) => lawDir(instrument, { "list.csv": `code\n${codes.join("\n")}\n` });

describe("the source cache", () => {
  it("gives the same law as the sources", () => {
    const fromSources = loadLaw({ cache: false });
    loadLaw({ cache: true }); // writes the entry if it is not there yet
    expect(readSources(sourceCacheDir(), sourcesKey(defaultDataDir(), sourceCacheDir()))).toBeDefined();
    const fromCache = loadLaw({ cache: true });
    expect(fromCache).toEqual(fromSources);
    expect(fromCache.measures.map((m) => m.products.size)).toEqual(
      fromSources.measures.map((m) => m.products.size),
    );
  });

  it("misses when a source file changes", () => {
    const dir = dataDir(["85414300"]);
    const first = loadLaw({ dataDir: dir, cache: true });
    expect(first.byId.get("m1")?.products.has("8541430010")).toBe(true);
    const before = sourcesKey(dir, sourceCacheDir());
    expect(readSources(sourceCacheDir(), before)).toBeDefined();

    writeFileSync(join(dir, "lists", "us", "list.csv"), "code\n85423100\n");
    expect(sourcesKey(dir, sourceCacheDir())).not.toBe(before);
    const second = loadLaw({ dataDir: dir, cache: true });
    expect(second.byId.get("m1")?.products.has("8541430010")).toBe(false);
    expect(second.byId.get("m1")?.products.has("8542310000")).toBe(true);
  });

  it("ignores an unreadable entry and writes it again", () => {
    const dir = dataDir(["85414300"]);
    loadLaw({ dataDir: dir, cache: true });
    const key = sourcesKey(dir, sourceCacheDir());
    writeFileSync(join(sourceCacheDir(), `law-${key}.json`), "{ not json");
    expect(readSources(sourceCacheDir(), key)).toBeUndefined();
    expect(loadLaw({ dataDir: dir, cache: true }).byId.get("m1")?.products.has("8541430010")).toBe(true);
    expect(readSources(sourceCacheDir(), key)).toBeDefined();
  });

  it("keeps the key of settled files under their fingerprint, and misses when a file is written again", async () => {
    const dir = dataDir(["85414300"]);
    // Files written less than two seconds ago may change again unseen by their times: wait until settled.
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const cacheDir = sourceCacheDir();
    const key = sourcesKey(dir, cacheDir);
    // This directory's entry: its list file's line of the fingerprint (other runs keep the same key).
    const list = join(dir, "lists", "us", "list.csv");
    const s = statSync(list, { bigint: true });
    const listLine = `lists/us/list.csv ${s.size} ${s.ino} ${s.mtimeNs} ${s.ctimeNs}\n`;
    const kept = readdirSync(cacheDir).filter((n) => {
      if (!n.startsWith("fingerprint-law-")) return false;
      const text = readFileSync(join(cacheDir, n), "utf8");
      return text.startsWith(`${key}\n`) && text.includes(listLine);
    });
    expect(kept).toHaveLength(1);
    // The key kept is taken without reading the files, only for the whole fingerprint.
    const entry = join(cacheDir, kept[0] as string);
    const fingerprint = readFileSync(entry, "utf8").slice(33);
    writeFileSync(entry, `${"0".repeat(32)}\n${fingerprint}`);
    expect(sourcesKey(dir, cacheDir)).toBe("0".repeat(32));
    writeFileSync(entry, `${"0".repeat(32)}\n${fingerprint.replace("list.csv", "other.csv")}`);
    expect(sourcesKey(dir, cacheDir)).toBe(key);

    // The same size and modification time, other bytes: the change time tells.
    const { atime, mtime } = statSync(list);
    writeFileSync(list, "code\n85423100\n");
    utimesSync(list, atime, mtime);
    const changed = sourcesKey(dir, cacheDir);
    expect(changed).not.toBe(key);
    expect(loadLaw({ dataDir: dir, cache: true }).byId.get("m1")?.products.has("8542310000")).toBe(true);
  });
});
