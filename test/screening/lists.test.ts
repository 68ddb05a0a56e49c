import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultDataDir } from "../../src/law/load.js";
import { loadShippedLists } from "../../src/screening/lists.js";
import { truce } from "../run-cli.js";

const shipped = loadShippedLists(defaultDataDir());
const entriesOf = (list: string) => shipped.entries.filter((e) => e.list === list);
const entry = (list: string, entryId: string) => {
  const found = shipped.entries.find((e) => e.list === list && e.entryId === entryId);
  if (!found) throw new Error(`no entry ${entryId} on ${list}`);
  return found;
};

/** A data directory holding one list file with this text. */
function dataDirWith(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), "truce-lists-"));
  mkdirSync(join(dir, "screening"));
  writeFileSync(join(dir, "screening", name), text);
  return dir;
}

const EL_HEAD = `list: us-entity-list
title: test
coverage: test
instruments:
  el-2024-12-02:
    citation: "89 FR 96790 (Dec 5 2024), FR Doc 2024-28267"
    fr: "89 FR 96790"
    frDoc: "2024-28267"
    grade: P
    effective: 2024-12-02
    published: 2024-12-05
  el-removal:
    citation: "90 FR 1 (Jan 2 2025), FR Doc 2025-00001"
    fr: "90 FR 1"
    frDoc: "2025-00001"
    grade: P
    effective: 2025-01-02
entries:
`;

function problemsOf(entries: string): string {
  return loadShippedLists(dataDirWith("us-entity-list.yaml", EL_HEAD + entries)).problems.join("\n");
}

describe("the shipped restricted-party lists", () => {
  it("load without problems", () => {
    expect(shipped.problems).toEqual([]);
  });

  it("hold each list's entries, every one citing its instrument", () => {
    const counts = Object.fromEntries(
      ["us-entity-list", "us-fcc-covered", "us-1260h", "cn-unreliable-entity", "cn-export-control-list"].map(
        (list) => [list, entriesOf(list).length],
      ),
    );
    expect(counts).toEqual({
      "us-entity-list": 376,
      "us-fcc-covered": 13,
      "us-1260h": 152,
      "cn-unreliable-entity": 81,
      "cn-export-control-list": 153,
    });
    for (const e of entriesOf("us-entity-list")) {
      expect(e.instrument.fr, e.entryId).toMatch(/^\d+ FR \d+$/);
      expect(e.instrument.citation, e.entryId).toContain(
        e.instrument.frDocNotFound === undefined ? `FR Doc ${e.instrument.frDoc}` : "FR Doc number not found",
      );
    }
  });

  it("cite the US Entity List rules by FR page and document, listed on the effective date", () => {
    // 89 FR 96830, FR Doc 2024-28267: effective Dec 2 2024, published Dec 5 2024; the eCFR row
    // (cited "89 FR 96836, 12/5/24") gives the aliases and the address.
    const naura = entry("us-entity-list", "el-2024-12-02-naura-technology-group");
    expect(naura).toMatchObject({
      name: "Naura Technology Group Co., Ltd.",
      aliases: ["Northern Huachuang", "Beifang Huachuang", "Naura", "Naura Science & Technology Group"],
      addresses: ["No. 1 Jiuxianqiao East Road, Chaoyang District, Beijing, China"],
      country: "CN",
      listedOn: "2024-12-02",
      instrument: { fr: "89 FR 96830", frDoc: "2024-28267", grade: "S" },
    });
    expect(naura.note).toContain("cited 89 FR 96836, 12/5/24");
    // 90 FR 4617, FR Doc 2025-00704 (Jan 16 2025): the Zhipu AI entities.
    expect(entry("us-entity-list", "el-2025-01-16-beijing-zhipu-huazhang-technology")).toMatchObject({
      aliases: ["Zhipu AI", "Beijing Knowledge Atlas Technology Co., Ltd."],
      listedOn: "2025-01-16",
      instrument: { fr: "90 FR 4617", frDoc: "2025-00704" },
    });
    // 90 FR 14046, FR Doc 2025-05427: effective Mar 25 2025, published Mar 28.
    expect(entry("us-entity-list", "el-2025-03-25-nettrix-information-industry")).toMatchObject({
      listedOn: "2025-03-25",
      instrument: { frDoc: "2025-05427", grade: "S" },
    });
    // 90 FR 44496, FR Doc 2025-17893: effective Sept 12 2025.
    expect(entry("us-entity-list", "el-2025-09-12-gmc-semiconductor-technology-wuxi")).toMatchObject({
      listedOn: "2025-09-12",
      instrument: { fr: "90 FR 44496", frDoc: "2025-17893" },
    });
    // 89 FR 99702, FR Doc 2024-29136 (Dec 11 2024; pages 99702-99705, the China rows cited at
    // 99703): its two China entities, listed on the publication date (effective date not read).
    expect(entry("us-entity-list", "el-2024-12-11-zhejiang-uniview-technologies")).toMatchObject({
      aliases: ["Uniview"],
      listedOn: "2024-12-11",
      instrument: { fr: "89 FR 99702", frDoc: "2024-29136", grade: "S" },
    });
    expect(entry("us-entity-list", "el-2024-12-11-beijing-zhongdun-security-technology-group").name).toBe(
      "Beijing Zhongdun Security Technology Group Co., Ltd.",
    );
    // Cited "89 FR 96837, 12/5/2024" (a four-digit year, once misread as 2020 and the entry lost) and
    // revised by 90 FR 561 (FR Doc 2024-31468, Jan 6 2025): the note names the revision.
    const guowei = entry("us-entity-list", "el-2024-12-02-shenzhen-guowei-sensing-technology");
    expect(guowei).toMatchObject({ aliases: ["SMIT Sense"], listedOn: "2024-12-02" });
    expect(guowei.note).toContain("Revised by 90 FR 561 of 2025-01-06 (FR Doc 2024-31468)");
    // Filed under China with only Hong Kong addresses: country HK.
    expect(entry("us-entity-list", "el-2025-03-25-inspur-hk-electronics").country).toBe("HK");
    // Cited at 90 FR 48193, the first page of FR Doc 2025-19508; two of its addresses removed after
    // the July 2026 text (FR Doc 2026-17231), which the note says.
    const arrow = entry("us-entity-list", "el-2025-10-09-arrow-electronics-hong-kong");
    expect(arrow).toMatchObject({
      country: "HK",
      listedOn: "2025-10-09",
      instrument: { frDoc: "2025-19508" },
    });
    expect(arrow.note).toContain("FR Doc 2026-17231 (Aug 24 2026) removed two of these addresses");
    // The address-only entries ("Address 12: Room 1502, ...", no party) are left out.
    expect(entriesOf("us-entity-list").some((e) => /^Address \d+$/.test(e.name))).toBe(false);
  });

  it("hold the 1260H notice of Jan 7 2025 and China's lists with their announcements", () => {
    // On the Jan 2025 list and again on the Jun 10 2026 one: one entry, the 2026 name an alias.
    expect(entry("us-1260h", "1260h-2025-catl")).toMatchObject({
      name: "Contemporary Amperex Technology Co., Ltd.",
      aliases: ["CATL"],
      listedOn: "2025-01-07",
      instrument: { fr: "90 FR 1105", frDoc: "2025-00070" },
    });
    // The Jan 2025 list as printed: 133 rows, the parenthesised short name or former name an alias,
    // and the 134th DoD counts, Hesai, identified (not read in the list): graded W, and kept apart
    // from its 2026 listing, which keeps the notice's grade S.
    expect(entriesOf("us-1260h").filter((e) => e.listedOn === "2025-01-07")).toHaveLength(134);
    expect(entry("us-1260h", "1260h-2025-hesai-technology")).toMatchObject({
      name: "Hesai Technology Co., Ltd.",
      aliases: ["Hesai"],
      listedOn: "2025-01-07",
      instrument: { frDoc: "2025-00070", grade: "W" },
    });
    expect(entry("us-1260h", "1260h-2026-hesai-group")).toMatchObject({
      listedOn: "2026-06-10",
      instrument: { frDoc: "2026-11571", grade: "S" },
    });
    expect(entry("us-1260h", "1260h-2025-avic-airborne-systems")).toMatchObject({
      name: "AVIC Airborne Systems Co., Ltd.",
      aliases: ["China Avionics Systems Co., Ltd."],
    });
    // Earlier DoD editions are in the note (not modelled): Huawei since Jun 3 2021, YMTC since Jan 31 2024.
    expect(entry("us-1260h", "1260h-2025-huawei").note).toContain("DoD's edition of 2021-06-03 already");
    expect(entry("us-1260h", "1260h-2025-yangtze-memory-technologies").note).toContain(
      "edition of 2024-01-31",
    );
    expect(entry("us-1260h", "1260h-2025-shenzhen-dajiang-baiwang-technology").note).toContain(
      "under Shenzhen DJI Innovation Technology Co., Ltd.",
    );
    // Renamed by 2026: "CETC Cyberspace Security Technology Co., Ltd. (formerly Chen Du Westone ...)".
    expect(entry("us-1260h", "1260h-2025-cheng-du-westone-information-industry").aliases).toContain(
      "CETC Cyberspace Security Technology Co., Ltd.",
    );
    expect(entry("us-1260h", "1260h-2026-alibaba-group-holding")).toMatchObject({
      aliases: ["Alibaba"],
      listedOn: "2026-06-10",
      instrument: { fr: "91 FR 35189", frDoc: "2026-11571", grade: "S" },
    });
    expect(entry("cn-unreliable-entity", "uel-2025-02-04-illumina").instrument.citation).toContain(
      "Announcement [2025] No. 4 (Feb 4 2025)",
    );
    expect(entry("cn-unreliable-entity", "uel-2025-04-04-skydio").note).toContain(
      "suspended for one year from 2025-11-10",
    );
    // [2025] No. 2 (Jan 14 2025, Xinhua) and No. 9 (Sept 25 2025); Feb 16 2023, the first listing.
    expect(entry("cn-unreliable-entity", "uel-2025-01-14-anduril-industries")).toMatchObject({
      listedOn: "2025-01-14",
      aliases: ["安杜里尔公司"],
    });
    expect(entry("cn-unreliable-entity", "uel-2025-09-25-saronic-technologies")).toMatchObject({
      name: "Saronic Technologies, Inc.",
      aliases: ["Saronic Technologies", "萨罗尼克科技公司"],
      listedOn: "2025-09-25",
    });
    expect(entry("cn-unreliable-entity", "uel-2023-02-16-lockheed-martin").listedOn).toBe("2023-02-16");
    // [2025] No. 1 (Jan 2 2025): its 10 US firms, 7 of them identified from a compilation (graded W).
    const no1 = entriesOf("cn-unreliable-entity").filter((e) => e.entryId.startsWith("uel-2025-01-02-"));
    expect(no1).toHaveLength(10);
    expect(no1.filter((e) => e.instrument.grade === "W")).toHaveLength(7);
    expect(
      entry("cn-unreliable-entity", "uel-2025-01-02-raytheon-lockheed-martin-javelin-joint-venture"),
    ).toMatchObject({
      aliases: ["标枪合资公司"],
      listedOn: "2025-01-02",
      instrument: { grade: "W" },
    });
    // MOFCOM 2026 No. 23 (Jun 22 2026): 10 US entities, each with its Chinese name.
    const no23 = entriesOf("cn-export-control-list").filter((e) =>
      e.instrument.citation.includes("2026 No. 23"),
    );
    expect(no23).toHaveLength(10);
    expect(entry("cn-export-control-list", "ecl-2026-06-22-mp-materials")).toMatchObject({
      name: "MP Materials Corp.",
      aliases: ["芒廷帕斯材料公司"],
      country: "US",
      listedOn: "2026-06-22",
      instrument: { grade: "S" },
    });
    const noticed = entriesOf("cn-export-control-list").filter((e) =>
      e.instrument.citation.includes("2025 No. 22"),
    );
    expect(noticed).toHaveLength(12);
    expect(noticed.every((e) => e.listedOn === "2025-04-10" && e.removedOn === undefined)).toBe(true);
  });

  it("hold the FCC Covered List's 13 named companies (16 items, 4 naming no company, one naming two)", () => {
    const fcc = entriesOf("us-fcc-covered");
    expect(fcc).toHaveLength(13);
    expect(entry("us-fcc-covered", "fcc-2021-03-12-huawei-technologies-company")).toMatchObject({
      name: "Huawei Technologies Company",
      listedOn: "2021-03-12",
      instrument: { grade: "P", url: "https://www.fcc.gov/supplychain/coveredlist" },
    });
    expect(fcc.filter((e) => e.listedOn === "2022-09-20").map((e) => e.name)).toEqual([
      "Pacific Networks Corp",
      "ComNet (USA) LLC",
      "China Unicom (Americas) Operations Limited",
    ]);
    expect(entry("us-fcc-covered", "fcc-2026-07-07-digitalsystem-technology-inc").note).toContain(
      "section 214 of the Communications Act of 1934",
    );
  });
});

describe("the list files' check", () => {
  it("is part of truce check", () => {
    const r = truce("check");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`${shipped.entries.length} restricted-party list entries checked`);
  });

  it("names an unknown instrument key with its file and entry", () => {
    const problems = problemsOf(
      `  - { entryId: a, name: A, listedOn: 2024-12-02, listedBy: el-2024-12-03 }\n`,
    );
    expect(problems).toBe(
      'screening/us-entity-list.yaml: entries.0.listedBy: unknown instrument "el-2024-12-03"',
    );
  });

  it("gives no entries from a file that fails its schema, and says where", () => {
    const result = loadShippedLists(
      dataDirWith(
        "us-entity-list.yaml",
        `${EL_HEAD}  - { entryId: a, name: A, listedOn: 2024-12-02, listedBy: el-2024-12-02 }\n  - { entryId: b, name: B, listedOn: "Dec 2 2024", listedBy: el-2024-12-02 }\n`,
      ),
    );
    expect(result.entries).toEqual([]);
    expect(result.problems.join("\n")).toMatch(
      /^screening\/us-entity-list\.yaml: entries\.1\.listedOn: expected YYYY-MM-DD/,
    );
  });

  it("catches an entry listed before its instrument took effect", () => {
    expect(problemsOf(`  - { entryId: a, name: A, listedOn: 2024-12-01, listedBy: el-2024-12-02 }\n`)).toBe(
      "screening/us-entity-list.yaml: entries.0 (a): listedOn 2024-12-01 is before el-2024-12-02 took effect (2024-12-02)",
    );
  });

  it("catches an address where a name belongs and an alias repeating the name", () => {
    // The Entity List's address-only entries ("Address 12: Room 1502, ...") name no party.
    expect(
      problemsOf(`  - { entryId: a, name: Address 12, listedOn: 2024-12-02, listedBy: el-2024-12-02 }\n`),
    ).toBe('screening/us-entity-list.yaml: entries.0 (a): an address where a name belongs ("Address 12")');
    expect(
      problemsOf(
        `  - { entryId: a, name: A Co, aliases: ["Room 1502, Easey Commercial Building"], listedOn: 2024-12-02, listedBy: el-2024-12-02 }\n`,
      ),
    ).toContain('an address where a name belongs ("Room 1502, Easey Commercial Building")');
    expect(
      problemsOf(
        `  - { entryId: a, name: Brinc Drones, aliases: [BRINC Drones, AsAm, asam], listedOn: 2024-12-02, listedBy: el-2024-12-02 }\n`,
      ).split("\n"),
    ).toEqual([
      'screening/us-entity-list.yaml: entries.0 (a): "BRINC Drones" repeats its name or another alias',
      'screening/us-entity-list.yaml: entries.0 (a): "asam" repeats its name or another alias',
    ]);
    // A name with a number that is not an address is a name.
    expect(
      problemsOf(
        `  - { entryId: a, name: 360 Security Technology, listedOn: 2024-12-02, listedBy: el-2024-12-02 }\n`,
      ),
    ).toBe("");
  });

  it("catches a removal before the listing and before the removing instrument", () => {
    const problems = problemsOf(
      `  - { entryId: a, name: A, listedOn: 2024-12-02, listedBy: el-2024-12-02, removedOn: 2024-12-01, removedBy: el-removal }\n`,
    );
    expect(problems).toContain("entries.0 (a): removedOn 2024-12-01 is before listedOn 2024-12-02");
    expect(problems).toContain(
      "entries.0 (a): removedOn 2024-12-01 is before el-removal took effect (2025-01-02)",
    );
  });

  it("refuses an entry graded above its instrument, or graded apart without its source", () => {
    expect(
      problemsOf(`  - { entryId: a, name: A, listedOn: 2024-12-02, listedBy: el-2024-12-02, grade: S }\n`),
    ).toBe(
      "screening/us-entity-list.yaml: entries.0.source: an entry graded apart from its instrument names the source it was read in",
    );
    const graded = EL_HEAD.replace(
      "grade: P\n    effective: 2024-12-02",
      "grade: S\n    effective: 2024-12-02",
    );
    const problems = loadShippedLists(
      dataDirWith(
        "us-entity-list.yaml",
        `${graded}  - { entryId: a, name: A, listedOn: 2024-12-02, listedBy: el-2024-12-02, grade: P, source: x }\n`,
      ),
    ).problems;
    expect(problems).toEqual([
      "screening/us-entity-list.yaml: entries.0.grade: grade P above its instrument's (S)",
    ]);
  });

  it("catches an entry whose cited FR page is not within its listing rule", () => {
    // The eCFR cites the Dec 11 2024 rule's China rows at 89 FR 99703, inside FR Doc 2024-29136
    // (89 FR 99702-99705); the Dec 2 2024 rule starts at 89 FR 96790 (its rows cited at 96836).
    const withDec11 = EL_HEAD.replace(
      "entries:\n",
      '  el-2024-12-11: { citation: "89 FR 99702 (Dec 11 2024), FR Doc 2024-29136", fr: "89 FR 99702", frDoc: "2024-29136", grade: S, effective: 2024-12-11 }\nentries:\n',
    );
    const problemsWith = (entries: string) =>
      loadShippedLists(dataDirWith("us-entity-list.yaml", withDec11 + entries)).problems.join("\n");
    expect(
      problemsWith(
        `  - { entryId: a, name: A, listedOn: 2024-12-02, listedBy: el-2024-12-02, frCited: 89 FR 96836 }\n  - { entryId: b, name: B, listedOn: 2024-12-11, listedBy: el-2024-12-11, frCited: 89 FR 99703 }\n`,
      ),
    ).toBe("");
    // A cited page mapped to the wrong rule: it lies in the later one.
    expect(
      problemsWith(
        `  - { entryId: a, name: A, listedOn: 2024-12-02, listedBy: el-2024-12-02, frCited: 89 FR 99703 }\n`,
      ),
    ).toBe(
      "screening/us-entity-list.yaml: entries.0 (a): frCited 89 FR 99703 is in el-2024-12-11 (from 89 FR 99702), not in el-2024-12-02 (from 89 FR 96790)",
    );
    // Before the rule's first page, or in another volume (another year).
    expect(
      problemsWith(
        `  - { entryId: a, name: A, listedOn: 2024-12-11, listedBy: el-2024-12-11, frCited: 89 FR 96836 }\n`,
      ),
    ).toBe(
      "screening/us-entity-list.yaml: entries.0 (a): frCited 89 FR 96836 is not in el-2024-12-11, which starts at 89 FR 99702",
    );
    expect(
      problemsWith(
        `  - { entryId: a, name: A, listedOn: 2024-12-11, listedBy: el-2024-12-11, frCited: 90 FR 99703 }\n`,
      ),
    ).toContain("frCited 90 FR 99703 is not in el-2024-12-11");
    expect(
      problemsWith(
        `  - { entryId: a, name: A, listedOn: 2024-12-11, listedBy: el-2024-12-11, frCited: 89FR 99703 }\n`,
      ),
    ).toContain('frCited "89FR 99703" is not like "89 FR 99703"');
  });

  it("catches a duplicate entry id", () => {
    expect(
      problemsOf(
        `  - { entryId: a, name: A, listedOn: 2024-12-02, listedBy: el-2024-12-02 }\n  - { entryId: a, name: B, listedOn: 2024-12-02, listedBy: el-2024-12-02 }\n`,
      ),
    ).toBe("screening/us-entity-list.yaml: entries.1 (a): duplicate entryId, first at entries.0");
  });

  it("requires FR page and document number of a US Entity List instrument, named in its citation", () => {
    const noFr = EL_HEAD.replace(
      "entries:\n",
      '  el-no-fr: { citation: "a rule without its FR page", grade: S, effective: 2024-12-02 }\nentries:\n  - { entryId: a, name: A, listedOn: 2024-12-02, listedBy: el-no-fr }\n',
    );
    expect(loadShippedLists(dataDirWith("us-entity-list.yaml", noFr)).problems.join("\n")).toContain(
      "screening/us-entity-list.yaml: instruments.el-no-fr: a US Entity List instrument needs its FR page (fr) and FR Doc number (frDoc, or frDocNotFound saying where it was looked for)",
    );
    const wrongDoc = EL_HEAD.replace('frDoc: "2024-28267"', 'frDoc: "2024-28268"').replace(
      "entries:\n",
      "entries: []\n",
    );
    const problems = loadShippedLists(dataDirWith("us-entity-list.yaml", wrongDoc)).problems.join("\n");
    expect(problems).toContain("instruments.el-2024-12-02: the citation does not name FR Doc 2024-28268");
  });

  it("keeps a rule whose FR Doc number was not found only as such: saying so in its citation, never at grade P", () => {
    const notFound = (citation: string, extra: string) =>
      EL_HEAD.replace(
        "entries:\n",
        `  el-nf: { citation: "${citation}", fr: 89 FR 68548, frDocNotFound: "mirrors searched", ${extra} effective: 2024-08-27 }\nentries:\n  - { entryId: a, name: A, listedOn: 2024-08-27, listedBy: el-nf }\n`,
      );
    const problems = (text: string) =>
      loadShippedLists(dataDirWith("us-entity-list.yaml", text)).problems.join("\n");
    expect(problems(notFound("89 FR 68548, FR Doc number not found", "grade: S,"))).toBe("");
    expect(problems(notFound("89 FR 68548", "grade: S,"))).toContain(
      'instruments.el-nf: the citation does not say "FR Doc number not found"',
    );
    expect(problems(notFound("89 FR 68548, FR Doc number not found", "grade: P,"))).toContain(
      "instruments.el-nf: grade P without the rule's FR Doc number",
    );
    expect(
      problems(
        notFound("89 FR 68548, FR Doc 2024-19132, FR Doc number not found", 'frDoc: "2024-19132", grade: S,'),
      ),
    ).toContain("instruments.el-nf: frDocNotFound beside frDoc 2024-19132");
    // The shipped file: Hytera Communications, listed by 89 FR 68548 of Aug 27 2024 (eCFR).
    const hytera = shipped.entries.find((e) => e.name === "Hytera Communications Limited");
    expect(hytera).toMatchObject({
      list: "us-entity-list",
      listedOn: "2024-08-27",
      instrument: { fr: "89 FR 68548" },
    });
    expect(hytera?.instrument.frDoc).toBeUndefined();
  });

  it("catches a file named for another list", () => {
    const problems = loadShippedLists(
      dataDirWith("us-1260h.yaml", EL_HEAD.replace("entries:\n", "entries: []\n")),
    ).problems;
    expect(problems).toContain(
      'screening/us-1260h.yaml: list: "us-entity-list" in a file named for "us-1260h"',
    );
  });
});
