import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkLaw } from "../../src/law/check.js";
import {
  defaultDataDir,
  LawError,
  loadLaterHeadings,
  loadNotesHeadingLists,
  loadNotInHts,
  loadRenumbered,
} from "../../src/law/load.js";
import { loadLaw } from "../../src/law/read-law.js";
import { loadHts } from "../../src/nomenclature/hts.js";
import { INSTRUMENT_HEADER as header, lawDir, TEST_MEASURE } from "./law-dir.js";

const hts = loadHts();

function problems(dir: string): string[] {
  try {
    return checkLaw(loadLaw({ dataDir: dir }), hts, new Map(), new Set(), loadLaterHeadings(dir)).problems;
  } catch (e) {
    if (e instanceof LawError) return e.problems;
    throw e;
  }
}

describe("the shipped law", () => {
  it("passes the data check", () => {
    const law = loadLaw();
    const report = checkLaw(
      law,
      hts,
      loadNotInHts(),
      loadRenumbered(),
      loadLaterHeadings(),
      loadNotesHeadingLists(),
    );
    expect(report.problems).toEqual([]);
    expect(report.checked.codes).toBeGreaterThan(10_000);
    expect(law.measures.length).toBeGreaterThan(30);
  });
});

describe("the data check rejects", () => {
  it("a successor of an HS 2017-era code that no shipped revision has", () => {
    const bad = {
      ...hts,
      succeededCodes: () => ["8541406020"],
      successors: () => ({ codes: ["85414399"], basis: "test" }),
    };
    expect(checkLaw(loadLaw(), bad, loadNotInHts(), loadRenumbered(), loadLaterHeadings()).problems).toEqual([
      "successors.csv.gz: 8541406020 -> 85414399, in no shipped HTS revision",
    ]);
  });

  const measure = TEST_MEASURE;
  it("contradictory values from the same instant", () => {
    const dir = lawDir(`${header}${measure}values:
  - { measure: m1, from: "2020-01-01 00:01", rate: "10%" }
  - { measure: m1, from: "2020-01-01 00:01", rate: "25%" }
`);
    expect(problems(dir).join("\n")).toMatch(/contradictory values from the same instant/);
  });

  it("a missing citation, naming the file and field", () => {
    const dir = lawDir(`${header.replace('  citation: "Test citation"\n', "")}${measure}values:
  - { measure: m1, from: "2020-01-01 00:01", rate: "10%" }
`);
    expect(problems(dir).join("\n")).toMatch(/test\.yaml: instrument\.citation/);
  });

  it("an unknown Chapter 99 heading", () => {
    const dir = lawDir(`${header}${measure.replace("9903.88.01", "9903.99.99")}values:
  - { measure: m1, from: "2020-01-01 00:01", rate: "10%" }
`);
    expect(problems(dir).join("\n")).toMatch(/heading 9903\.99\.99 is in no shipped HTS revision/);
  });

  it("list codes that are not in the HTS", () => {
    const dir = lawDir(
      `${header}${measure.replace('{ prefixes: ["8541"] }', "{ lists: [l.csv] }")}values:
  - { measure: m1, from: "2020-01-01 00:01", rate: "10%" }
`,
      { "l.csv": "code\n85414300\n12345678\n" },
    );
    expect(problems(dir).join("\n")).toMatch(/1 code\(s\) in no shipped HTS revision: 12345678/);
  });

  it("a malformed rate and a value naming an unknown measure", () => {
    const dir = lawDir(`${header}${measure}values:
  - { measure: m1, from: "2020-01-01 00:01", rate: "ten percent" }
  - { measure: nope, from: "2020-01-01 00:01", rate: "10%" }
`);
    const text = problems(dir).join("\n");
    expect(text).toMatch(/values\.0\.rate: expected an ad valorem rate/);
  });

  it("a stacking rule naming an authority no measure has (a typo such as section-232-steal)", () => {
    const dir = lawDir(`${header}${measure.replace(
      '    products: { prefixes: ["8541"] }',
      '    products: { prefixes: ["8541"] }\n    notStackedOn: [{ authorities: [section-232-steal], reason: "not on 232 goods" }]',
    )}values:
  - { measure: m1, from: "2020-01-01 00:01", rate: "10%" }
`);
    expect(problems(dir)).toContain(
      'us/test.yaml: measures.0.notStackedOn.0.authorities.0: unknown authority "section-232-steal", which no measure has',
    );
  });

  it("a one-word typo in a stacking rule of the shipped law (section-232-steal), naming file and field", () => {
    const dir = mkdtempSync(join(tmpdir(), "truce-typo-"));
    try {
      cpSync(join(defaultDataDir(), "law"), join(dir, "law"), { recursive: true });
      cpSync(join(defaultDataDir(), "lists"), join(dir, "lists"), { recursive: true });
      cpSync(join(defaultDataDir(), "horizon.yaml"), join(dir, "horizon.yaml"));
      const file = join(dir, "law", "us", "eo-14257-reciprocal.yaml");
      const text = readFileSync(file, "utf8");
      expect(text).toContain("[section-232-steel, ");
      writeFileSync(file, text.replace("[section-232-steel, ", "[section-232-steal, "));
      expect(problems(dir)).toEqual([
        'us/eo-14257-reciprocal.yaml: measures.0.notStackedOn.0.authorities.0: unknown authority "section-232-steal", which no measure has (did you mean section-232-steel, section-232-metals, section-232-uas?)',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("references to unknown measures, naming the field: values, exemptions, in-transit rules, replaces", () => {
    const dir = lawDir(`${header}${measure}    replaces: [m2]
values:
  - { measure: m1, from: "2020-01-01 00:01", rate: "10%" }
  - { measure: m0, from: "2020-01-01 00:01", rate: "10%" }
exemptions:
  - { measure: m11, reason: "exempt", products: { all: true } }
inTransit:
  - { measure: m-1, loadedBefore: "2020-01-01 00:01", enteredBefore: "2020-02-01 00:01" }
`);
    expect(problems(dir)).toEqual([
      "us/test.yaml: values.1.measure: unknown measure m0 (did you mean m1?)",
      "us/test.yaml: exemptions.0.measure: unknown measure m11 (did you mean m1?)",
      "us/test.yaml: inTransit.0.measure: unknown measure m-1 (did you mean m1?)",
      "us/test.yaml: measures.0.replaces.0: unknown measure m2 (did you mean m1?)",
    ]);
  });

  it("a claim that is not the exemption's heading nor a named option, and a claim with no heading to declare", () => {
    const dir = lawDir(`${header}${measure}  - id: m2
    authority: section-301
    headingUnknown: "not yet published in the sources held"
    label: "Test measure without heading"
    origins: [CN]
    products: { prefixes: ["8542"] }
    requiresClaim: "applies only to described goods"
values:
  - { measure: m1, from: "2020-01-01 00:01", rate: "10%" }
  - { measure: m2, from: "2020-01-01 00:01", rate: "10%" }
exemptions:
  - { measure: m1, heading: "9903.88.69", claim: "9903.88.70", reason: "excluded", products: { all: true } }
  - { measure: m1, claim: cn-exclusoin, reason: "excluded", products: { all: true } }
`);
    expect(problems(dir)).toEqual(
      expect.arrayContaining([
        "us/test.yaml: exemptions.0.claim: claims 9903.88.70, but the exemption's heading is 9903.88.69 (the importer claims an exemption by declaring its heading)",
        'us/test.yaml: exemptions.1.claim: unknown claim "cn-exclusoin" (a heading, or one of cn-exclusion) (did you mean cn-exclusion?)',
        "us/test.yaml: measures.1.requiresClaim: the measure has no heading for the importer to declare (the claim is its heading)",
      ]),
    );
  });

  it.each([
    ["instrument.signed", "  signed: 2025-02-29\n", ""],
    ["instrument.published", "  published: 2025-04-31\n", ""],
    ["instrument.announced", "  announced: 2025-13-01\n", ""],
    [
      "measures.0.notStackedOn.0.remainderFrom",
      "",
      '    notStackedOn: [{ authorities: [section-301], reason: r, remainderFrom: "2025-06-31 00:01" }]\n',
    ],
    [
      "exemptions.0.from",
      "",
      "",
      'exemptions:\n  - { measure: m1, reason: r, products: { all: true }, from: "2025-04-31 00:01" }\n',
    ],
    [
      "exemptions.0.until",
      "",
      "",
      'exemptions:\n  - { measure: m1, reason: r, products: { all: true }, until: "2025-04-01 24:00" }\n',
    ],
    [
      "inTransit.0.loadedBefore",
      "",
      "",
      'inTransit:\n  - { measure: m1, loadedBefore: "2025-02-30 00:01", enteredBefore: "2025-05-01 00:01" }\n',
    ],
    [
      "inTransit.0.loadedFrom",
      "",
      "",
      'inTransit:\n  - { measure: m1, loadedFrom: "2025-11-31", loadedBefore: "2025-03-01 00:01", enteredBefore: "2025-05-01 00:01" }\n',
    ],
    [
      "inTransit.0.enteredBefore",
      "",
      "",
      'inTransit:\n  - { measure: m1, loadedBefore: "2025-03-01 00:01", enteredBefore: "2025-05-01 12:60" }\n',
    ],
    [
      "gaps.0.from",
      "",
      "",
      'gaps:\n  - { from: "2025-09-31 00:00", until: "2025-10-01 00:00", note: "a test gap in the data" }\n',
    ],
    [
      "gaps.0.until",
      "",
      "",
      'gaps:\n  - { from: "2025-09-01 00:00", until: "2026-02-29 00:00", note: "a test gap in the data" }\n',
    ],
  ])(
    "an impossible date in %s, naming the file and field",
    (field, instrumentLine, measureLine, tail = "") => {
      const text = `${header.replace("  grade: P\n", `  grade: P\n${instrumentLine}`)}${measure}${measureLine}values:
  - { measure: m1, from: "2020-01-01 00:01", rate: "10%" }
${tail}`;
      expect(problems(lawDir(text))).toEqual([
        expect.stringMatching(
          new RegExp(`^us/test\\.yaml: ${field.replace(/\./g, "\\.")}: not a real calendar date`),
        ),
      ]);
    },
  );

  it("an impossible date in horizon.yaml, naming the file and field", () => {
    const dir = lawDir(
      `${header}${measure}values:\n  - { measure: m1, from: "2020-01-01 00:01", rate: "10%" }\n`,
    );
    writeFileSync(
      join(dir, "horizon.yaml"),
      'US: { confirmedTo: "2026-09-31", basis: "a test horizon for the test instrument" }\nCN: { confirmedTo: "2026-10-10", basis: "a test horizon for the test instrument" }\n',
    );
    expect(problems(dir)).toEqual([
      expect.stringMatching(/^horizon\.yaml: US\.confirmedTo: not a real calendar date/),
    ]);
  });

  it("an impossible date, naming the file and field (2025-04-31 00:01)", () => {
    const dir = lawDir(`${header}${measure}values:
  - { measure: m1, from: "2025-04-31 00:01", rate: "10%" }
`);
    expect(problems(dir).join("\n")).toMatch(
      /test\.yaml: values\.0\.from: not a real calendar date and time/,
    );
  });

  it("a final value without a rate", () => {
    const dir = lawDir(`${header}${measure}values:
  - { measure: m1, from: "2020-01-01 00:01" }
`);
    expect(problems(dir).join("\n")).toMatch(/a final value needs a rate/);
  });

  it("a layer printed under a heading the HTS in force has dropped (9903.81.87 is gone from 2026-04-06)", () => {
    const dir =
      lawDir(`${header}${measure.replace("section-301", "section-232-steel").replace("9903.88.01", "9903.81.87")}values:
  - { measure: m1, from: "2025-06-04 00:01", rate: "50%" }
`);
    expect(problems(dir).join("\n")).toMatch(
      /heading 9903\.81\.87 is printed from 2025-06-04 on, but HTS 2026_rev_5 \(in force from 2026-04-06\) no longer has it/,
    );
    const ended =
      lawDir(`${header}${measure.replace("section-301", "section-232-steel").replace("9903.88.01", "9903.81.87")}values:
  - { measure: m1, from: "2025-06-04 00:01", rate: "50%" }
  - { measure: m1, from: "2026-04-06 00:01", status: unmodelled, note: "the 9903.82 regime is not modelled" }
`);
    expect(problems(ended)).toEqual([]);
  });

  it("a Section 232 measure whose codes differ from the notes' list for its heading", () => {
    const dir =
      lawDir(`${header}${measure.replace("section-301", "section-232-aluminum").replace("9903.88.01", "9903.85.07").replace('["8541"]', '["76101000", "76169910"]')}values:
  - { measure: m1, from: "2025-03-12 00:01", rate: "25%" }
`);
    const notes = new Map([["9903.85.07", new Set(["76101000", "76129010"])]]);
    const text = checkLaw(
      loadLaw({ dataDir: dir }),
      hts,
      new Map(),
      new Set(),
      new Map(),
      notes,
    ).problems.join("\n");
    expect(text).toMatch(
      /heading 9903\.85\.07: 1 code\(s\) the Chapter 99 notes list are not in m1: 76129010/,
    );
    expect(text).toMatch(
      /heading 9903\.85\.07: m1 cover\(s\) 1 code\(s\) the Chapter 99 notes do not list under it: 76169910/,
    );
  });

  it("an in-transit rule whose modes differ from its heading's words (9903.03.02: loaded onto a vessel)", () => {
    const rule = (
      modes: string,
    ) => `${header}${measure.replace("section-301", "section-122").replace("9903.88.01", "9903.03.01")}values:
  - { measure: m1, from: "2026-02-24 00:01", rate: "10%" }
inTransit:
  - { measure: m1, heading: "9903.03.02", loadedBefore: "2026-02-24 00:01", enteredBefore: "2026-02-28 00:01"${modes} }
`;
    expect(problems(lawDir(rule(""))).join("\n")).toMatch(
      /in transit 9903\.03\.02\): the heading says "loaded onto a vessel ... and in transit": modes must be \[vessel\], not any/,
    );
    expect(problems(lawDir(rule(", modes: [vessel]")))).toEqual([]);
  });

  const later = (heading: string, row: string) =>
    lawDir(
      `${header}${measure.replace("9903.88.01", heading)}values:
  - { measure: m1, from: "2026-07-24 00:01", rate: "12.5%" }
`,
      { "ch99-headings-later.csv": `heading,revision,source\n${row}\n` },
    );

  it("a heading of a later HTS revision only when listed with its revision and source", () => {
    expect(problems(later("9903.05.31", '9903.05.31,2026 rev 13,"91 FR 47318, note 52"'))).toEqual([]);
    const unlisted = problems(later("9903.05.31", "9903.05.43,2026 rev 13,91 FR 47318")).join("\n");
    expect(unlisted).toMatch(/heading 9903\.05\.31 is in no shipped HTS revision/);
    expect(unlisted).toMatch(/lists 9903\.05\.43, which no measure names: remove it/);
    expect(problems(later("9903.05.31", "9903.05.31,,")).join("\n")).toMatch(
      /9903\.05\.31 needs the revision and the source that create it/,
    );
  });

  it("a later-revision heading that a shipped revision already has", () => {
    expect(problems(later("9903.88.01", "9903.88.01,2026 rev 13,a notice")).join("\n")).toMatch(
      /lists 9903\.88\.01, which a shipped HTS revision has: remove it/,
    );
  });

  it("a measure in force without a heading, unless it says why and states it as unconfirmed", () => {
    const headless = measure.replace('    heading: "9903.88.01"\n', "");
    const values = `values:
  - { measure: m1, from: "2026-12-04 00:01", rate: "15%" }
`;
    expect(problems(lawDir(`${header}${headless}${values}`)).join("\n")).toMatch(
      /m1 has a final value but no Chapter 99 heading/,
    );
    const unknown = headless.replace(
      "    origins:",
      '    headingUnknown: "not yet published anywhere"\n    origins:',
    );
    expect(problems(lawDir(`${header}${unknown}${values}`)).join("\n")).toMatch(
      /a measure whose heading is unknown must state it as unconfirmed/,
    );
    const stated = unknown.replace(
      "    origins:",
      '    unconfirmed: [{ fact: "its heading is in no HTS revision up to 2026 rev 10", confirmBy: "the HTS revision after 2026 rev 10 that adds it" }]\n    origins:',
    );
    expect(problems(lawDir(`${header}${stated}${values}`))).toEqual([]);
  });

  it("an unconfirmed fact without what would confirm it, and the old file-level provisional", () => {
    const vague = measure.replace(
      "    origins:",
      '    unconfirmed: [{ fact: "the list is a third-party extraction" }]\n    origins:',
    );
    const values = `values:\n  - { measure: m1, from: "2020-01-01 00:01", rate: "10%" }\n`;
    expect(problems(lawDir(`${header}${vague}${values}`))).toEqual([
      expect.stringMatching(/^us\/test\.yaml: measures\.0\.unconfirmed\.0\.confirmBy: /),
    ]);
    expect(problems(lawDir(`${header}provisional: "not confirmed"\n${measure}${values}`))).toEqual([
      expect.stringMatching(/^us\/test\.yaml: .*provisional/),
    ]);
  });
});
