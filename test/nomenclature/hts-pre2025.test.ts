/**
 * The schedules of 2018–2024 (data/hts/pre2025, built by scripts/build-hts-pre2025.ts from the USITC
 * CSV exports, the USITC annual tariff databases of 2017 and 2024_05 and the release calendar), dated
 * column 2, and HS 2017-era codes read through their successors.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import type { DutyResult } from "../../src/engine/contract.js";
import { CodeError } from "../../src/nomenclature/codes.js";
import { defaultHtsDir } from "../../src/nomenclature/hts.js";
import { SchedulePre2025 } from "../../src/nomenclature/hts-pre2025.js";
import { loadTruce, type Truce } from "../../src/truce.js";
import { parseInstant, US_ZONE } from "../../src/units/time.js";

let t: Truce;
beforeAll(() => {
  t = loadTruce();
});

function duty(code: string, date: string, origin = "CN"): DutyResult {
  return t.engine.duty({ code, origin, valueCents: 1_000_000 }, parseInstant(date, US_ZONE));
}

const layer = (r: DutyResult, authority: string) => r.layers.find((l) => l.authority === authority);

describe("MFN from the schedule in force before 2025", () => {
  it("ITA staged cut: 3215.11.10 is 0.9% before 2019-07-01 and free from it (USITC tariff databases 2017, 2024_05)", () => {
    // 2017 vintage: 1.3% 2016-07-01..2017-06-30, 0.9% from 2017-07-01; 2024_05 vintage: Free from 2019-07-01.
    expect(t.hts.mfn("32151110", "2017-12-29").text).toBe("0.9%");
    const before = duty("3215.11.10".replace(/\./g, ""), "2019-06-30");
    expect(before.layers[0]).toMatchObject({ rateText: "0.9%", amountCents: 9_000 });
    // The 2018-07-01 stage is in neither vintage: said, with the rate of the stage before as a bound.
    expect(before.warnings.join("\n")).toMatch(/ITA stage of 2018-07-01 not recorded/);
    const after = duty("32151110", "2019-07-01");
    expect(after.layers[0]).toMatchObject({ rateText: "Free", amountCents: 0 });
    expect(after.warnings.join("\n")).not.toMatch(/ITA stage/);
  });

  it("US–EU cut of 2020: 7013.41.50 (lead crystal glassware over $5) is 6% to 2020-07-31, 3% from 2020-08-01", () => {
    expect(t.hts.mfn("70134150", "2020-07-31")).toMatchObject({ text: "6%", assumed: false });
    expect(t.hts.mfn("70134150", "2020-08-01")).toMatchObject({ text: "3%", assumed: false });
    expect(duty("70134150", "2020-08-01").layers[0]?.amountCents).toBe(30_000);
  });

  it("takes the held HTS10 editions where the calendar puts them in force, and names the edition", () => {
    // 2023 rev 11 (2023-09-21 .. 2023-12-29): 8541.43.00.10 is a statistical line, .99 is not.
    expect(t.hts.revisionOn("2023-10-02").id).toBe("2023_rev_11");
    expect(t.hts.mfn("8541430010", "2023-10-02")).toMatchObject({ text: "Free", revision: "2023_rev_11" });
    expect(t.hts.inForce("8541430010", "2023-10-02")).toBe("8541430010");
    expect(t.hts.inForce("8541430099", "2023-10-02")).toBeUndefined();
    expect(() => t.hts.resolve("8541430099", "2023-10-02")).toThrow(
      /8541\.43\.00\.99 is not an HTS code on 2023-10-02 \(HTSUS 2023_rev_11, the edition in force\)/,
    );
    // No warning about the statistical suffix where an HTS10 edition is held.
    expect(duty("8541430010", "2023-10-02").warnings.join("\n")).not.toMatch(/statistical suffix/);
  });

  it("accepts an HTS10 whose HTS8 is valid where no HTS10 edition is held, with a warning", () => {
    const r = duty("8541406020", "2019-06-01");
    expect(r.warnings.join("\n")).toMatch(
      /the statistical suffix could not be checked \(no HTS10 edition is held for this date\); HTS8 8541\.40\.60 is valid/,
    );
  });

  it("keeps 2025 Basic as an assumption only where nothing is held (before the 2018 Basic edition)", () => {
    expect(t.hts.revisionOn("2017-12-28").assumed).toBe(true);
    expect(t.hts.revisionOn("2017-12-29")).toMatchObject({
      id: "2018_basic (not held: USITC tariff database)",
    });
    expect(duty("85076000", "2017-12-01").warnings.join("\n")).toMatch(/no machine-readable schedule/);
    expect(duty("85076000", "2018-01-02").warnings.join("\n")).not.toMatch(/no machine-readable schedule/);
  });
});

describe("codes valid on their date", () => {
  it("8517.12.00.50 (cell phones, HS 2017) is accepted in 2019 and refused in 2025 with a true message", () => {
    expect(t.hts.resolve("8517.12.00.50", "2019-06-01")[0]?.code).toBe("8517120050");
    expect(() => t.hts.resolve("8517.12.00.50", "2025-06-01")).toThrow(
      /8517\.12\.00\.50 is not an HTS code on 2025-06-01/,
    );
  });

  it("says which sources were consulted where they cannot prove a code absent", () => {
    // 8517.12.00 is absent from the 2024_05 database: its end is not recorded, so no "is not an HTS code".
    let message = "";
    try {
      t.hts.resolve("8517120050", "2022-07-01");
    } catch (e) {
      if (!(e instanceof CodeError)) throw e;
      message = e.message;
    }
    expect(message).toMatch(/was not found for 2022-07-01: no HTS10 edition is held for 2022_rev_6/);
    expect(message).toMatch(/USITC annual tariff databases \(2017 and 2024_05 vintages\)/);
    // 8541.43.00 begins on 2022-01-27 (HS 2022) in the 2024_05 database: before it, truly no code.
    expect(() => t.hts.resolve("8541430010", "2019-06-01")).toThrow(
      /8541\.43\.00\.10 is not an HTS code on 2019-06-01: its HTS8 is valid 2022-01-27 to 2050-12-31/,
    );
  });
});

describe("column 2 by origin and date (general note 3(b); Pub. L. 117-110)", () => {
  it("Russia and Belarus pay column 2 from 2022-04-09, not before", () => {
    // 7013.41.50: column 1 3%, column 2 60% (USITC tariff database 2024_05).
    for (const origin of ["RU", "BY"]) {
      const before = duty("70134150", "2022-04-08", origin);
      expect(before.layers[0]).toMatchObject({ authority: "mfn", rateText: "3%" });
      const after = duty("70134150", "2022-04-09", origin);
      expect(after.layers[0]).toMatchObject({ authority: "column-2", rateText: "60%", amountCents: 600_000 });
    }
    expect(duty("70134150", "2019-06-01", "RU").layers[0]?.authority).toBe("mfn");
  });

  it("Cuba and North Korea pay column 2 throughout", () => {
    expect(duty("70134150", "2019-06-01", "CU").layers[0]).toMatchObject({
      authority: "column-2",
      rateText: "60%",
    });
    expect(duty("70134150", "2026-06-01", "KP").layers[0]?.authority).toBe("column-2");
    expect(t.hts.column2Applies("CN", "2026-06-01")).toBe(false);
  });
});

describe("HS 2017-era codes and the product lists", () => {
  it("8541.40.60.20 (solar modules) on 2019-06-01 gets Section 301 List 2 and the Section 201 safeguard", () => {
    const r = duty("8541406020", "2019-06-01");
    expect(layer(r, "section-301")).toMatchObject({ heading: "9903.88.02", rateText: "25%" });
    // Procl. 9693, note 18(h): 25% from 2019-02-07 (second year).
    expect(layer(r, "section-201")).toMatchObject({ heading: "9903.45.25", rateText: "25%" });
    expect(r.totalCents).toBe(500_000);
  });

  it("names the successors when an old code became several, and applies only what covers them all", () => {
    const r = duty("8517120050", "2019-06-01");
    expect(r.warnings.join("\n")).toMatch(
      /it became 8517\.13\.00, 8517\.14\.00 \(UNSD HS 2017-2022 correlation\)/,
    );
    // 8541.40.60 became seven HS 2022 lines: List 1 (8541.41.00), List 2 and the safeguard (8541.43.00)
    // each cover only some of them, so none is stacked on the others; each is named.
    const whole = duty("85414060", "2019-06-01");
    expect(whole.layers.map((l) => l.authority)).toEqual(["mfn"]);
    const said = whole.warnings.join("\n");
    expect(said).toMatch(
      /9903\.88\.01 \(Section 301 China, List 1\) covers only some of the codes 8541\.40\.60 became \(8541\.41\.00\): not applied/,
    );
    expect(said).toMatch(
      /9903\.45\.25 .* covers only some of the codes 8541\.40\.60 became \(8541\.43\.00\): not applied/,
    );
    // Chips and wafers for photosensitive diodes (same Census description as 8541.49.10.10): no safeguard.
    expect(layer(duty("8541406010", "2019-06-01"), "section-201")).toBeUndefined();
  });

  it("every HTS8 valid on 2019-06-01 is in the current schedule or has successors that are", () => {
    const file = join(defaultHtsDir(), "pre2025", "tariff-database.csv.gz");
    const rows = parse(gunzipSync(readFileSync(file)).toString("utf8"), { columns: true }) as Record<
      string,
      string
    >[];
    const current = new Set(t.hts.codes8());
    const day = "2019-06-01";
    const dangling: string[] = [];
    for (const r of rows) {
      const code = r.hts8 as string;
      if (!((r.begin as string) <= day && day <= (r.end as string)) || current.has(code)) continue;
      const s = t.hts.successors(code);
      if (s === undefined || s.codes.some((c) => !current.has(c))) dangling.push(code);
    }
    expect(dangling).toEqual([]);
  });
});

describe("the schedules kept by heading", () => {
  it("answer from the kept headings as from the data files", () => {
    const dir = join(defaultHtsDir(), "pre2025");
    const cache = mkdtempSync(join(tmpdir(), "truce-pre2025-"));
    try {
      const files = new SchedulePre2025(dir);
      new SchedulePre2025(dir, cache);
      const entry = readdirSync(cache).find((n) => n.startsWith("hts-pre2025-"));
      expect(entry).toBeDefined();
      const index = JSON.parse(readFileSync(join(cache, entry as string), "utf8").split("\n")[0] as string);
      expect(Object.keys(index.parts).length).toBeGreaterThan(1000);
      const kept = new SchedulePre2025(dir, cache);
      expect(kept.periods).toEqual(files.periods);
      const codes = [
        ...[...t.hts.codes8()].filter((_, k) => k % 41 === 0),
        ...[...t.hts.codes10()].filter((_, k) => k % 97 === 0),
        "85414300",
        "8541430010",
        "99999999",
      ];
      let found = 0;
      for (let p = 0; p < files.periods.length; p += 3) {
        for (const code of codes) {
          const line = files.find(code, p);
          if (line !== undefined) found++;
          expect(kept.find(code, p), `${code} in period ${p}`).toEqual(line);
          expect(kept.lineRate(code, p, false)).toEqual(files.lineRate(code, p, false));
          expect(kept.lineRate(code, p, true)).toEqual(files.lineRate(code, p, true));
        }
        for (const prefix of ["8541", "854143", "01", "9999"])
          expect(kept.under(prefix, p), `${prefix} in period ${p}`).toEqual(files.under(prefix, p));
        // Under a chapter: every line of its headings, in code order.
        const chapter = kept.under("01", p).map((l) => l.code);
        expect(chapter).toEqual([...chapter].sort());
        const headings = ["0101", "0102", "0103", "0104", "0105", "0106"];
        expect(chapter).toEqual(headings.flatMap((h) => kept.under(h, p).map((l) => l.code)));
        const date = (files.periods[p] as { effectiveDate: string }).effectiveDate;
        expect(kept.notFoundReason("8541439999", p, date).message).toBe(
          files.notFoundReason("8541439999", p, date).message,
        );
      }
      expect(found).toBeGreaterThan(1000);
      for (const code of codes.slice(0, 50))
        expect(kept.changeDates(code, "2018-01-01", "2025-01-01")).toEqual(
          files.changeDates(code, "2018-01-01", "2025-01-01"),
        );
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });
});
