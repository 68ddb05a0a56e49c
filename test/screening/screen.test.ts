import { describe, expect, it } from "vitest";
import type { ListEntry } from "../../src/screening/list-entry.js";
import { normaliseName } from "../../src/screening/normalise.js";
import { createScreener, DEFAULT_THRESHOLD, ScreeningError } from "../../src/screening/screen.js";
import { pinyinSyllables } from "../../src/screening/transliterate.js";
import { parseInstant, US_ZONE } from "../../src/units/time.js";

// Entries of the FCC Covered List as the FCC publishes it (https://www.fcc.gov/supplychain/coveredlist):
// the names and the dates of inclusion; the CN entry is shaped like one of MOFCOM's lists to test its calendar.
const fcc = {
  citation: "FCC Covered List (47 CFR 1.50002)",
  url: "https://www.fcc.gov/supplychain/coveredlist",
  grade: "P",
} as const;
const covered = (
  entryId: string,
  name: string,
  listedOn: string,
  extra: Partial<ListEntry> = {},
): ListEntry => ({
  list: "us-fcc-covered",
  entryId,
  name,
  aliases: [],
  addresses: [],
  country: "CN",
  listedOn,
  instrument: fcc,
  ...extra,
});
const ENTRIES: ListEntry[] = [
  covered("fcc-huawei", "Huawei Technologies Company", "2021-03-12", { aliases: ["华为技术有限公司"] }),
  covered("fcc-zte", "ZTE Corporation", "2021-03-12", {
    aliases: ["Zhongxing Telecommunication Equipment Corporation"],
  }),
  covered("fcc-hytera", "Hytera Communications Corporation", "2021-03-12"),
  covered("fcc-hikvision", "Hangzhou Hikvision Digital Technology Company", "2021-03-12"),
  covered("fcc-dahua", "Dahua Technology Company", "2021-03-12"),
  covered("fcc-china-mobile", "China Mobile International USA Inc.", "2022-03-25", { country: "US" }),
  covered("fcc-china-telecom", "China Telecom (Americas) Corp.", "2022-03-25", { country: "US" }),
  covered("fcc-china-unicom", "China Unicom (Americas) Operations Limited", "2022-09-20", { country: "US" }),
  covered("fcc-kaspersky", "AO Kaspersky Lab", "2022-03-25", { country: "RU" }),
  {
    ...covered("uel-skydio", "Skydio, Inc.", "2024-10-10", { country: "US" }),
    list: "cn-unreliable-entity",
    instrument: { citation: "MOFCOM UEL fixture", grade: "S" },
    removedOn: "2025-06-01",
  },
];
const screener = createScreener(ENTRIES);
const ids = (name: string, extra = {}) => screener.screen({ name, ...extra }).hits.map((h) => h.entryId);

describe("normalising a name", () => {
  it("folds case, punctuation, diacritics and legal forms away", () => {
    expect(normaliseName("HUAWEI TECHNOLOGIES CO., LTD.").tokens).toEqual(["huawei", "technology"]);
    expect(normaliseName("Huawei Technologies Company Limited").tokens).toEqual(["huawei", "technology"]);
    expect(normaliseName("Société Générale S.A.").tokens).toEqual(["societe", "generale"]);
    expect(normaliseName("Acme Holdings, L.L.C.").tokens).toEqual(["acme", "holding"]);
    expect(normaliseName("China Electronics Technology Group Corporation (Group)").tokens).toEqual([
      "china",
      "electronic",
      "technology",
    ]);
    expect(normaliseName("Acme Co. Trading GmbH").tokens).toEqual(["acme", "co", "trading"]);
  });

  it("takes Chinese legal forms off a name in characters and reads the rest as the lists write it", () => {
    expect(normaliseName("华为技术有限公司").tokens).toEqual(["huawei", "technology"]);
    expect(normaliseName("中国电子科技集团股份有限公司").tokens).toEqual([
      "zhongguo",
      "electronic",
      "technology",
    ]);
    expect(normaliseName("Acme 有限公司").tokens).toEqual(["acme"]);
    expect(normaliseName("深圳市大疆创新科技有限公司").tokens).toEqual([
      "shenzhen",
      "dajiang",
      "innovation",
      "technology",
    ]);
    expect(normaliseName("华为技术有限公司").transliterations).toEqual(["华为技术 → huawei technology"]);
  });

  it("keeps a name made only of legal forms as written", () => {
    expect(normaliseName("The Company Limited").tokens).toEqual(["the", "company", "limited"]);
  });

  it("keeps a word that is the name of a property every object has", () => {
    expect(normaliseName("Beijing Constructor Co., Ltd.")).toEqual({
      tokens: ["beijing", "constructor"],
      compact: "beijingconstructor",
      removed: ["co", "ltd"],
      transliterations: [],
    });
  });
});

describe("romanisations of Chinese names", () => {
  it("cuts pinyin written together into syllables", () => {
    expect(pinyinSyllables("haikang")).toEqual(["hai", "kang"]);
    expect(pinyinSyllables("zhongxing")).toEqual(["zhong", "xing"]);
  });

  it("reads common Wade–Giles and postal spellings as pinyin", () => {
    expect(pinyinSyllables("tsinghua")).toEqual(["qing", "hua"]);
    expect(pinyinSyllables("peking")).toEqual(["bei", "jing"]);
    expect(pinyinSyllables("kwangtung")).toEqual(["guang", "dong"]);
    expect(pinyinSyllables("hsin")).toEqual(["xin"]);
    expect(pinyinSyllables("chung")).toEqual(["zhong"]);
    expect(pinyinSyllables("chiang")).toEqual(["jiang"]);
  });

  it("leaves a word that is not wholly Chinese syllables alone", () => {
    expect(pinyinSyllables("hikvision")).toEqual(["hikvision"]);
    expect(pinyinSyllables("kaspersky")).toEqual(["kaspersky"]);
    expect(pinyinSyllables("china")).toEqual(["china"]);
  });
});

describe("screening a name", () => {
  it("finds the entry under legal-form changes, case and word order", () => {
    const hit = screener.screen({ name: "HUAWEI TECHNOLOGIES CO., LTD." }).hits[0];
    expect(hit).toMatchObject({
      list: "us-fcc-covered",
      entryId: "fcc-huawei",
      name: "Huawei Technologies Company",
      score: 1,
      listedOn: "2021-03-12",
      instrument: fcc,
    });
    expect(hit?.reasons).toContain('same name after normalisation: "huawei technology"');
    expect(ids("Digital Technology Hangzhou Hikvision")).toEqual(["fcc-hikvision"]);
  });

  it("finds a misspelt name and says which word was taken for which", () => {
    const hit = screener.screen({ name: "Hangzhou Hikvison Digital Technology" }).hits[0];
    expect(hit?.entryId).toBe("fcc-hikvision");
    expect(hit?.breakdown.matched).toContainEqual({
      query: "hikvison",
      entry: "hikvision",
      similarity: 0.9778,
    });
    expect(hit?.reasons).toContain('"hikvison" taken for "hikvision" (Jaro–Winkler 0.9778)');
  });

  it("matches pinyin spaced differently, and a word that runs an entry's syllables together, misspelt", () => {
    const spaced = screener.screen({ name: "Hua Wei Technologies" }).hits[0];
    expect(spaced?.entryId).toBe("fcc-huawei");
    expect(spaced?.reasons).toContain('same letters, spaced differently: "huawei technology"');
    const apart = screener.screen({ name: "Hua Wei Technologies Shenzhen" }, { threshold: 0 }).hits[0];
    expect(apart?.breakdown.matched).toContainEqual({ query: "hua wei", entry: "huawei", similarity: 1 });
    expect(ids("Hangzhou Hik Vision Digital Technology Co")).toEqual(["fcc-hikvision"]);
    const run = createScreener([covered("spaced", "Hai Kang Wei Shi Technology", "2021-03-12")]);
    const hit = run.screen({ name: "Haikang Weishi Technology Beijing" }, { threshold: 0 }).hits[0];
    expect(hit?.breakdown.matched).toContainEqual({ query: "haikang", entry: "hai kang", similarity: 1 });
    expect(
      run.screen({ name: "Haikagn Weishi Technology" }, { threshold: 0 }).hits[0]?.breakdown.matched,
    ).toContainEqual({
      query: "haikagn",
      entry: "hai kang",
      similarity: 0.9714,
    });
  });

  it("matches an ASCII name to a listed alias, and a name in characters to its alias", () => {
    const hit = screener.screen({ name: "Zhongxing Telecommunication Equipment Co., Ltd." }).hits[0];
    expect(hit).toMatchObject({ entryId: "fcc-zte", name: "ZTE Corporation" });
    expect(hit?.matchedName).toBe("Zhongxing Telecommunication Equipment Corporation");
    expect(hit?.reasons).toContain('matched the alias "Zhongxing Telecommunication Equipment Corporation"');
    expect(ids("华为技术")).toEqual(["fcc-huawei"]);
  });

  it("matches a name in characters to a listed name in Latin letters (pinyin and the glossary's words)", () => {
    const hit = screener.screen({ name: "海能达通信股份有限公司" }).hits;
    expect(hit).toEqual([]); // Hytera is not a pinyin name: 海能达 reads hainengda
    const zte = createScreener([covered("zte-pinyin", "Zhongxing Communication Equipment", "2021-03-12")]);
    expect(zte.screen({ name: "中兴通讯设备" }).hits.map((h) => h.entryId)).toEqual(["zte-pinyin"]);
  });

  it("does not take an unrelated look-alike for a listed name", () => {
    expect(ids("Hua Xia Bank")).toEqual([]);
    expect(ids("Dahua Bank")).toEqual([]);
    expect(ids("China Merchants Bank")).toEqual([]);
  });

  it("scores each hit with its breakdown, the blend adding up", () => {
    const hit = screener.screen({ name: "Hytera Communication" }, { threshold: 0 }).hits[0];
    expect(hit?.entryId).toBe("fcc-hytera");
    const b = hit?.breakdown;
    expect(b?.blended).toBeCloseTo((b?.tokens ?? 0) * 0.8 + (b?.jaroWinkler ?? 0) * 0.2, 3);
    expect(hit?.score).toBe(b?.blended);
  });

  it("lowers or raises a score by country, or filters on it", () => {
    const base = screener.screen({ name: "China Telecom Americas" }).hits[0]?.score ?? 0;
    const same = screener.screen({ name: "China Telecom Americas", country: "us" }).hits[0];
    expect(same?.breakdown.country).toBe(0.05);
    expect(same?.score).toBe(Math.min(1, base + 0.05));
    const other = screener.screen({ name: "China Telecom Americas", country: "CN" }, { threshold: 0 })
      .hits[0];
    expect(other?.breakdown.country).toBe(-0.05);
    expect(other?.score).toBe(base - 0.05);
    expect(
      screener.screen(
        { name: "China Telecom Americas", country: "CN" },
        { countryMode: "filter", threshold: 0 },
      ).hits,
    ).toEqual([]);
  });

  it("screens at an instant: not yet listed, listed, removed (in the issuer's calendar)", () => {
    const at = (text: string) => parseInstant(text, US_ZONE);
    expect(ids("China Unicom Americas Operations", { at: at("2022-09-19T23:59") })).toEqual([]);
    expect(ids("China Unicom Americas Operations", { at: at("2022-09-20T00:00") })).toEqual([
      "fcc-china-unicom",
    ]);
    // A Chinese list's dates are days in Beijing: 2024-10-09 12:00 in New York is already 10 October there.
    expect(ids("Skydio", { at: at("2024-10-09T11:59") })).toEqual([]);
    expect(ids("Skydio", { at: at("2024-10-09T12:00") })).toEqual(["uel-skydio"]);
    expect(ids("Skydio", { at: at("2025-05-31T11:59") })).toEqual(["uel-skydio"]);
    expect(ids("Skydio", { at: at("2025-05-31T12:00") })).toEqual([]);
    expect(ids("Skydio")).toEqual([]);
  });

  it("uses a documented default threshold and lets it be tuned", () => {
    expect(DEFAULT_THRESHOLD).toBe(0.85);
    expect(ids("Dahua")).toEqual([]);
    expect(ids("Dahua", {})).toEqual(
      screener.screen({ name: "Dahua" }, { threshold: 0.85 }).hits.map((h) => h.entryId),
    );
    expect(screener.screen({ name: "Dahua" }, { threshold: 0.6 }).hits.map((h) => h.entryId)).toContain(
      "fcc-dahua",
    );
  });

  it("refuses a name without letters, a bad country and a bad setting", () => {
    expect(() => screener.screen({ name: " -- " })).toThrow(ScreeningError);
    expect(() => screener.screen({ name: "Huawei", country: "China" })).toThrow(/ISO 3166-1 alpha-2/);
    expect(() => screener.screen({ name: "Huawei" }, { threshold: 1.5 })).toThrow(
      /threshold must be between 0 and 1/,
    );
  });
});

describe("the candidates a query scores", () => {
  it("drops no hit: the hits at a threshold are those of every name sharing a word, cut there", async () => {
    const { Random } = await import("../../bench/common.js");
    const { generateEntries, generateQueries } = await import("../../bench/screening-data.js");
    const r = new Random(7);
    const entries = generateEntries(r, 2_000);
    const generated = createScreener(entries);
    // Threshold 0 leaves no list unread and no name unscored.
    const hitsPerThreshold = [0.7, 0.85, 0.95].map((threshold) => {
      let hits = 0;
      for (const { query } of generateQueries(new Random(threshold * 100), entries, 300)) {
        for (const asked of [query, { ...query, country: "US", address: "Haidian District, Beijing" }]) {
          const pruned = generated.screen(asked, { threshold }).hits;
          const all = generated
            .screen(asked, { threshold: 0, limit: 10_000 })
            .hits.filter((h) => h.score >= threshold);
          expect(pruned).toEqual(all.slice(0, 50));
          hits += pruned.length;
        }
      }
      return hits;
    });
    expect(hitsPerThreshold[0]).toBeGreaterThan(hitsPerThreshold[1] as number);
    expect(hitsPerThreshold[2]).toBeGreaterThan(50);
  });
});
