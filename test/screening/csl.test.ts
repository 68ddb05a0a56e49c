/**
 * The Consolidated Screening List loader on the samples under test/fixtures/csl (written for these
 * tests in the two formats of trade.gov's download: consolidated.json and consolidated.csv; the
 * Entity List records carry the Federal Register rules that added them, e.g. Huawei Technologies
 * Co., Ltd. by 84 FR 22961, effective 2019-05-16): the exact entries, the same entries from both
 * formats, every bad record reported with its number and field, and files that are not CSL files.
 */
import { createReadStream, readFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { CslFileError, cslFormatOf, readCslCsv, readCslJson } from "../../src/screening/csl.js";

const FIXTURES = join("test", "fixtures", "csl");
const EL_URL = "https://www.bis.doc.gov/index.php/policy-guidance/lists-of-parties-of-concern/entity-list";
const EL_SOURCE = "source: Entity List (EL) - Bureau of Industry and Security";

const json = readCslJson(readFileSync(join(FIXTURES, "consolidated.json")));

describe("consolidated.json", () => {
  it("maps an Entity List record to us-entity-list: FR notice as instrument, start_date as listedOn", () => {
    expect(json.entries[0]).toEqual({
      list: "us-entity-list",
      entryId: "csl:sample-el-01",
      name: "Huawei Technologies Co., Ltd.",
      aliases: ["Huawei", "华为技术有限公司"],
      addresses: ["Bantian, Longgang District, Shenzhen, Guangdong, CN"],
      country: "CN",
      listedOn: "2019-05-16",
      instrument: { citation: "84 FR 22961", fr: "84 FR 22961", url: EL_URL, grade: "S" },
      note: EL_SOURCE,
    });
  });

  it("maps another source to us-csl and keeps the source and programs", () => {
    expect(json.entries.find((e) => e.entryId === "csl:sample-cmic-01")).toEqual({
      list: "us-csl",
      entryId: "csl:sample-cmic-01",
      name: "HUAWEI TECHNOLOGIES CO., LTD.",
      aliases: [],
      addresses: ["Shenzhen, Guangdong, CN"],
      country: "CN",
      listedOn: "2021-06-03",
      instrument: {
        citation: "86 FR 30145",
        fr: "86 FR 30145",
        url: "https://home.treasury.gov/policy-issues/financial-sanctions/consolidated-sanctions-list-non-sdn-lists/ns-cmic-list",
        grade: "S",
      },
      note: "source: Non-SDN Chinese Military-Industrial Complex Companies List (CMIC) - Treasury Department; programs: CMIC-EO13959",
    });
  });

  it("loads every good record, in order, with its list, date and FR page", () => {
    expect(json.entries.map((e) => [e.entryId, e.list, e.listedOn, e.instrument.fr])).toEqual([
      ["csl:sample-el-01", "us-entity-list", "2019-05-16", "84 FR 22961"],
      ["csl:sample-el-02", "us-entity-list", "2019-10-09", "84 FR 54002"],
      ["csl:sample-el-03", "us-entity-list", "2019-10-09", "84 FR 54002"],
      ["csl:sample-el-04", "us-entity-list", "2019-10-09", "84 FR 54002"],
      ["csl:sample-el-05", "us-entity-list", "2019-10-09", "84 FR 54002"],
      ["csl:sample-el-06", "us-entity-list", "2019-10-09", "84 FR 54002"],
      ["csl:sample-el-07", "us-entity-list", "2019-06-21", "84 FR 29371"],
      ["csl:sample-el-08", "us-entity-list", "2020-12-18", "85 FR 83416"],
      ["csl:sample-el-09", "us-entity-list", "2020-12-18", "85 FR 83416"],
      ["csl:sample-el-10", "us-entity-list", "2022-12-16", "87 FR 77505"],
      ["csl:sample-cmic-01", "us-csl", "2021-06-03", "86 FR 30145"],
      // A Treasury record without a start_date: kept, undated (it screens at every instant).
      ["csl:sample-sdn-01", "us-csl", undefined, undefined],
    ]);
    expect(json.entries.find((e) => e.entryId === "csl:sample-el-10")?.aliases).toEqual([
      "YMTC",
      "长江存储科技有限责任公司",
    ]);
  });

  it("reports each bad record with its number, id and field, and drops none in silence", () => {
    expect(json.records).toBe(15);
    expect(json.errors).toEqual([
      {
        record: 13,
        id: "sample-bad-date",
        field: "start_date",
        detail: '"10/09/2019" is not a date YYYY-MM-DD',
      },
      { record: 14, id: "sample-no-name", field: "name", detail: "the record has no name" },
      { record: 15, field: "record", detail: 'expected a record object, got "not a record"' },
    ]);
    expect(json.entries.length + json.errors.length).toBe(json.records);
  });

  it("gives the file's own date (the latest source_last_updated) and its SHA-256 as version", () => {
    expect(json.fileDate).toBe("2026-11-20T09:14:52-05:00");
    expect(json.version).toMatch(/^[0-9a-f]{64}$/);
    expect(readCslJson(readFileSync(join(FIXTURES, "consolidated.json"), "utf8")).version).toBe(json.version);
  });

  it("refuses a file that is not a CSL JSON file", () => {
    expect(() => readCslJson("{")).toThrow(CslFileError);
    expect(() => readCslJson('{"total": 0}')).toThrow('expected {"results": [...]}');
  });
});

describe("consolidated.csv, streamed", () => {
  it("gives the same entries as the JSON sample, and reports its bad records", async () => {
    let progress = 0;
    const csv = await readCslCsv(createReadStream(join(FIXTURES, "consolidated.csv")), (n) => {
      progress = n;
    });
    expect(csv.entries).toEqual(json.entries);
    expect(csv.records).toBe(15);
    expect(progress).toBe(15);
    expect(csv.fileDate).toBeUndefined();
    expect(csv.errors).toEqual([
      {
        record: 13,
        id: "sample-bad-date",
        field: "start_date",
        detail: '"2019-13-01" is not a date YYYY-MM-DD',
      },
      {
        record: 14,
        field: "record",
        detail: "Invalid Record Length: columns length is 29, got 6 on line 15",
      },
      {
        record: 15,
        id: "sample-ends-early",
        field: "end_date",
        detail: "end_date 2019-01-01 is before start_date 2019-10-09",
      },
    ]);
  });

  it("splits many-valued cells at '; ', keeps one country only where every address shares it, ends a listing the day after end_date", async () => {
    const header =
      "_id,source,name,alt_names,addresses,federal_register_notice,start_date,end_date,programs\n";
    const row =
      'x1,Denied Persons List (DPL) - Bureau of Industry and Security,SAMPLE PARTY,"ALIAS ONE; ALIAS TWO","Road 1, Shenzhen, CN; Road 2, Kowloon, HK",82 F.R. 48792 10/01/2017,2017-10-18,2020-10-15,\n';
    const csv = await readCslCsv(Readable.from([header, row]));
    expect(csv.errors).toEqual([]);
    expect(csv.entries).toEqual([
      {
        list: "us-csl",
        entryId: "csl:x1",
        name: "SAMPLE PARTY",
        aliases: ["ALIAS ONE", "ALIAS TWO"],
        addresses: ["Road 1, Shenzhen, CN", "Road 2, Kowloon, HK"],
        listedOn: "2017-10-18",
        removedOn: "2020-10-16",
        instrument: { citation: "82 F.R. 48792 10/01/2017", fr: "82 FR 48792", grade: "S" },
        note: "source: Denied Persons List (DPL) - Bureau of Industry and Security",
      },
    ]);
  });

  it("refuses a record whose id another record has", async () => {
    const csv = await readCslCsv(
      Readable.from([
        "_id,source,name,start_date\n",
        "a,Entity List (EL) - Bureau of Industry and Security,ONE,2020-01-01\n",
        "a,Entity List (EL) - Bureau of Industry and Security,TWO,2020-01-01\n",
      ]),
    );
    expect(csv.entries.map((e) => e.name)).toEqual(["ONE"]);
    expect(csv.errors).toEqual([{ record: 2, id: "a", field: "id", detail: "the id a is also record 1's" }]);
  });

  it("refuses a file without the required columns; a record left unreadable is reported", async () => {
    await expect(readCslCsv(Readable.from(["code,origin\n1,CN\n"]))).rejects.toThrow(
      "not a Consolidated Screening List CSV file: no column _id, source, name, start_date",
    );
    const unclosed = await readCslCsv(Readable.from(['_id,source,name,start_date\na,b,"c,2020-01-01\n']));
    expect(unclosed.entries).toEqual([]);
    expect(unclosed.errors).toMatchObject([{ record: 1, field: "record" }]);
  });

  it("tells the format by the file's name", () => {
    expect(cslFormatOf("consolidated.JSON")).toBe("json");
    expect(cslFormatOf("consolidated.csv")).toBe("csv");
    expect(cslFormatOf("consolidated.xml")).toBeUndefined();
  });
});
