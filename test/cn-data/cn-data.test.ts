/**
 * Facts that China's data (data/cn, data/lists/cn; built by scripts/build-cn.ts) must show.
 * Sources: the CTC announcements (counts of lines per annex), the chronology (§1a, §1c), the fixtures (M9, M10).
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";

const dataDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "data");

type Row = Record<string, string>;
const cache = new Map<string, Row[]>();
function load(path: string): Row[] {
  let rows = cache.get(path);
  if (!rows) {
    rows = parse(readFileSync(join(dataDir, path), "utf8"), {
      columns: true,
      skip_empty_lines: true,
    }) as Row[];
    cache.set(path, rows);
  }
  return rows;
}
const list = (file: string) => load(join("lists", "cn", file));
const byCode = (rows: Row[], key = "code") => new Map(rows.map((r) => [r[key] ?? "", r]));

const LISTS = [
  "retaliation-2018-2019.csv",
  "ctc-2018-5-batch1.csv",
  "ctc-2018-7-batch2.csv",
  "ctc-2018-6-batch3.csv",
  "ctc-2018-autos-suspended.csv",
  "ctc-2019-4-sept-batch1-partial.csv",
  "ctc-2025-feb-energy.csv",
  "ctc-2025-2-farm.csv",
];

describe("hs6.csv (WTO 2025-01-01 and the derived base rate)", () => {
  const hs6 = byCode(load("cn/hs6.csv"), "hs6");

  it("has every WTO row", () => {
    expect(hs6.size).toBe(5612);
  });

  it("soybeans 1201.90: MFN 3 (3% + 10% = 13% from 2025-11-10)", () => {
    const soy = hs6.get("120190");
    expect(soy?.base_derived).toBe("3");
    expect(soy?.best_avlbl_2025_01_01).toBe("10");
    expect(soy?.derivation).toContain("anchor-override");
  });

  it("LNG 2711.11: MFN 0, WTO 25 = 0 + the 25% of batch 3", () => {
    const lng = hs6.get("271111");
    expect(lng?.best_avlbl_2025_01_01).toBe("25");
    expect(lng?.legacy_retaliation_2025_01_01).toBe("25");
    expect(lng?.base_derived).toBe("0");
    expect(lng?.derivation).toContain("anchor-ok");
  });

  it("crude oil 2709.00: WTO 2.5 = 0 + the halved Sept 2019 5%", () => {
    expect(hs6.get("270900")?.base_derived).toBe("0");
    expect(hs6.get("270900")?.legacy_retaliation_2025_01_01).toBe("2.5");
  });

  it("cars 8703.23: MFN 15 (WTO 40 counts the suspended 25%)", () => {
    expect(hs6.get("870323")?.base_derived).toBe("15");
    expect(hs6.get("870323")?.legacy_retaliation_2025_01_01).toBe("0");
  });

  it("keeps blank WTO rows blank (never zero) and flags them", () => {
    const blank = [...hs6.values()].filter((r) => r.best_avlbl_2025_01_01 === "");
    expect(blank.map((r) => r.hs6)).toHaveLength(12);
    for (const r of blank) {
      expect(r.hs6.startsWith("3702")).toBe(true);
      expect(r.base_derived).toBe("");
      expect(r.derivation).toContain("wto-blank");
    }
  });

  it("derives a non-negative base rate for every other row, and says how", () => {
    for (const r of hs6.values()) {
      expect(r.hs6).toMatch(/^\d{6}$/);
      expect(r.imports_usd).toMatch(/^\d+$/);
      expect(r.derivation).not.toBe("");
      if (r.best_avlbl_2025_01_01 === "") continue;
      expect(Number(r.base_derived)).toBeGreaterThanOrEqual(0);
      expect(Number(r.base_derived)).toBeLessThanOrEqual(Number(r.best_avlbl_2025_01_01));
    }
  });
});

describe("2018-2019 retaliation lists (PIIE, split per CTC batch)", () => {
  const announced = (file: string) => list(file).filter((r) => !(r.source ?? "").startsWith("successor"));

  it("has the line counts of the announcements", () => {
    expect(list("retaliation-2018-2019.csv")).toHaveLength(6085);
    expect(announced("ctc-2018-5-batch1.csv")).toHaveLength(545); // 〔2018〕5号
    expect(announced("ctc-2018-7-batch2.csv")).toHaveLength(333); // 〔2018〕7号
    const b3 = announced("ctc-2018-6-batch3.csv");
    expect(b3).toHaveLength(5207); // 〔2018〕6号 / 8号
    const annex = (a: string) => b3.filter((r) => r.annex === a).length;
    expect([annex("1"), annex("2"), annex("3"), annex("4")]).toEqual([2493, 1078, 974, 662]);
    // 〔2019〕3号: annex 4 keeps 595 lines at 5% (the 67 suspended auto lines are the rest of annex 4)
    expect(b3.filter((r) => r.annex === "4" && r.autos_suspended === "no")).toHaveLength(595);
  });

  it("gives 2025 soybean lines the 2018 treatment of every 2018 soybean line (successors, marked as inferred)", () => {
    const batch1 = byCode(list("ctc-2018-5-batch1.csv"));
    for (const code of ["12019011", "12019019"]) {
      expect(batch1.get(code)?.source).toMatch(/^successor: .*12019010, 12019020.*inferred$/);
    }
  });

  it("gives batch 3 both dated rates by annex (10/10/5/5 then 25/20/10/5)", () => {
    const rates = new Map<string, Set<string>>();
    for (const r of list("ctc-2018-6-batch3.csv")) {
      const k = r.annex ?? "";
      rates.set(k, (rates.get(k) ?? new Set()).add(`${r.rate_2018_09_24}>${r.rate_2019_06_01}`));
    }
    expect([...(rates.get("1") ?? [])]).toEqual(["10>25"]);
    expect([...(rates.get("2") ?? [])]).toEqual(["10>20"]);
    expect([...(rates.get("3") ?? [])]).toEqual(["5>10"]);
    expect([...(rates.get("4") ?? [])]).toEqual(["5>5"]);
  });

  it("puts US LNG 2711.11.00 in batch 3 at 10% from 2018-09-24 and 25% from 2019-06-01", () => {
    const lng = byCode(list("ctc-2018-6-batch3.csv")).get("27111100");
    expect(lng).toMatchObject({
      annex: "1",
      rate_2018_09_24: "10",
      rate_2019_06_01: "25",
      autos_suspended: "no",
    });
    expect(byCode(list("ctc-2018-5-batch1.csv")).has("27111100")).toBe(false);
    expect(byCode(list("ctc-2018-7-batch2.csv")).has("27111100")).toBe(false);
  });

  it("has soybeans in batch 1 at 25%", () => {
    expect(byCode(list("ctc-2018-5-batch1.csv")).get("12019010")?.rate).toBe("25");
  });

  it("lists the 211 auto lines suspended from 2019-01-01 (〔2018〕10号: 28 + 116 + 67)", () => {
    const s = list("ctc-2018-autos-suspended.csv");
    expect(s).toHaveLength(211);
    const n = (b: string) => s.filter((r) => r.batch === b).length;
    expect([n("1"), n("2"), n("3")]).toEqual([28, 116, 67]);
    for (const r of s) {
      expect(r.suspended_from).toBe("2019-01-01");
      expect(r.rate_suspended).toBe(r.batch === "3" ? "5" : "25");
    }
    const b1 = byCode(list("ctc-2018-5-batch1.csv"));
    expect(b1.get("87032342")?.autos_suspended).toBe("yes");
  });

  it("restores leading zeros", () => {
    expect(byCode(list("ctc-2018-5-batch1.csv")).has("02031110")).toBe(true);
  });
});

describe("2019-2025 lists", () => {
  it("Sept 2019 (partial): every rate halved on 2020-02-14", () => {
    const s = list("ctc-2019-4-sept-batch1-partial.csv");
    expect(s).toHaveLength(37);
    for (const r of s) expect(Number(r.rate_2020_02_14) * 2).toBe(Number(r.rate_2019_09_01));
    expect(byCode(s).get("27090000")?.rate_2019_09_01).toBe("5");
  });

  it("Feb 2025: coal and LNG at 15%, crude oil at 10%", () => {
    const e = byCode(list("ctc-2025-feb-energy.csv"));
    for (const c of [
      "27011100",
      "27011210",
      "27011290",
      "27011900",
      "27012000",
      "27021000",
      "27022000",
      "27111100",
    ])
      expect(e.get(c)?.rate).toBe("15");
    expect(e.get("27090000")?.rate).toBe("10");
  });

  it("Mar 2025 farm list: 29 lines at 15%, 691 of 711 at 10%, zeros restored, no duplicate", () => {
    const f = list("ctc-2025-2-farm.csv");
    expect(f.filter((r) => r.annex === "1" && r.rate === "15")).toHaveLength(29);
    expect(f.filter((r) => r.annex === "2" && r.rate === "10")).toHaveLength(691);
    const m = byCode(f);
    expect(m.size).toBe(f.length);
    expect(m.get("02071100")?.rate).toBe("15"); // whole chicken, fresh (source: 2071100)
    expect(m.get("12019011")?.rate).toBe("10"); // soybeans
    expect(m.get("02031110")?.rate).toBe("10"); // source: 2031110
    expect(m.get("03063190")?.item).toBe("252"); // corrected duplicate
    const items = new Set(f.filter((r) => r.annex === "2").map((r) => Number(r.item)));
    for (let k = 466; k <= 485; k++) expect(items.has(k)).toBe(false);
  });
});

describe("codes and the HS8 concordance", () => {
  const hs6 = byCode(load("cn/hs6.csv"), "hs6");
  const hs8 = byCode(load("cn/hs8.csv"), "hs8");
  const unmatched = byCode(load("cn/hs8-unmatched.csv"), "hs8");

  it("every list code is 8 digits with its zeros, and is in hs8.csv", () => {
    for (const file of LISTS)
      for (const r of list(file)) {
        expect(r.code, file).toMatch(/^\d{8}$/);
        expect(hs8.has(r.code ?? ""), `${file} ${r.code}`).toBe(true);
        expect(r.source, `${file} ${r.code}`).toBeTruthy();
      }
  });

  it("every HS8 has its HS6 in hs6.csv or is reported in hs8-unmatched.csv", () => {
    for (const [code, r] of hs8) {
      expect(r.hs6).toBe(code.slice(0, 6));
      if (hs6.has(r.hs6 ?? "")) expect(r.hs6_in_hs6_csv).toBe("yes");
      else expect(unmatched.get(code)?.reason, code).toBeTruthy();
    }
    expect(unmatched.size).toBe([...hs8.values()].filter((r) => r.hs6_in_hs6_csv === "no").length);
  });

  it("carries the Chinese names of the 2018 lists", () => {
    expect(hs8.get("27111100")?.name_zh).toBe("液化天然气");
    expect(hs8.get("12019010")?.name_zh).toBe("黄大豆");
  });
});
