/**
 * The HTS JSON editions: footnotes of the HTS8 (and some HTS10) lines point at the Chapter 99 headings. Their
 * history shows rows the 2026 notes no longer print, and pre-review list membership.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { HTS_REL, type SharedInputs } from "./io.js";
import { digits, fail, isCh99 } from "./text.js";

export interface HtsFootnotes {
  /** The editions read, oldest first (file names). */
  files: string[];
  /** HTS8 -> chapter 99 heading (9903.88.xx or 9903.91.xx) -> editions (in order) whose footnote points there. */
  footnotes: Map<string, Map<string, string[]>>;
  /** HTS8 and HTS10 codes of the edition the notes belong to (2026 rev 6), for existence checks. */
  hts2026r6: Set<string>;
}

/** The order of the editions: by year, then basic (0) before revision n. */
const editionKey = (f: string): number => {
  const m = /^hts_(\d{4})_(?:basic|rev_(\d+))/.exec(f) as RegExpExecArray;
  return Number(m[1]) * 1000 + Number(m[2] ?? 0);
};

/** Scan every HTS JSON edition of the shared data for footnotes "See 9903.88.xx" / "See 9903.91.xx". */
export function readHtsFootnotes(shared: SharedInputs): HtsFootnotes {
  const files = readdirSync(join(shared.dir, HTS_REL))
    .filter((f) => /^hts_\d{4}_(basic|rev_\d+)\.json\.gz$/.test(f))
    .sort((x, y) => editionKey(x) - editionKey(y));
  if (!files.includes("hts_2026_rev_6.json.gz")) fail("hts_2026_rev_6.json.gz is missing");
  const footnotes = new Map<string, Map<string, string[]>>();
  const hts2026r6 = new Set<string>();
  for (const f of files) {
    const recs = JSON.parse(gunzipSync(shared.read(`${HTS_REL}/${f}`)).toString("utf8")) as {
      htsno: string;
      footnotes?: { value?: string }[];
    }[];
    const edition = f.replace(/\.json\.gz$/, "");
    for (const r of recs) {
      const c = digits(r.htsno ?? "");
      if (edition === "hts_2026_rev_6" && (c.length === 8 || c.length === 10)) hts2026r6.add(c);
      if (c.length < 8 || isCh99(c)) continue;
      const text = (r.footnotes ?? []).map((x) => x.value ?? "").join(" ");
      for (const m of new Set(text.match(/9903\.(?:88|91)\.\d\d/g) ?? [])) {
        const byHeading = footnotes.get(c.slice(0, 8)) ?? new Map<string, string[]>();
        const eds = byHeading.get(m) ?? [];
        if (eds[eds.length - 1] !== edition) eds.push(edition);
        byHeading.set(m, eds);
        footnotes.set(c.slice(0, 8), byHeading);
      }
    }
  }
  return { files, footnotes, hts2026r6 };
}
