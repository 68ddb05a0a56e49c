/**
 * `truce lists` and `truce parties` as users run them, on a store in a temporary directory: a party
 * kept before the Consolidated Screening List is loaded has only its shipped hits (YMTC: the 2026
 * 1260H list); loading the CSV sample reports
 * the new hit (YMTC, added to the Entity List by 87 FR 77505, effective 2022-12-16) in text and
 * JSON; a second file without DJI reports DJI's hit gone; the same file again changes nothing.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { truce } from "../run-cli.js";

const CLI_RUNS_MS = 180_000;
const SAMPLE_CSV = join("test", "fixtures", "csl", "consolidated.csv");
const SAMPLE_JSON = join("test", "fixtures", "csl", "consolidated.json");

describe("truce lists and truce parties", () => {
  it(
    "loads a CSL file, reports new hits for kept parties, then hits gone",
    () => {
      const d = mkdtempSync(join(tmpdir(), "truce-cli-screening-"));
      const ymtc = JSON.parse(
        truce("parties", "add", "Yangtze Memory Technologies", "--country", "CN", "--data-dir", d, "--json")
          .stdout,
      );
      // Already a hit of the shipped 1260H list (90 FR 1105, Jan 7 2025), not yet of the Entity List.
      expect(ymtc).toMatchObject({ id: 1, name: "Yangtze Memory Technologies", country: "CN" });
      expect(ymtc.hits.map((h: { entryId: string }) => h.entryId)).toEqual([
        "1260h-2025-yangtze-memory-technologies",
      ]);
      expect(truce("parties", "add", "SZ DJI Technology Co Ltd", "--data-dir", d).status).toBe(0);

      const update = truce("lists", "update", "--file", SAMPLE_CSV, "--data-dir", d);
      expect(update.status).toBe(0);
      expect(update.stderr).toContain("read 15 records from consolidated.csv: 12 entries, 3 refused");
      expect(update.stdout).toContain("Since no earlier version: 12 added, 0 removed, 0 changed");
      expect(update.stdout).toContain(
        'refused record 13 (sample-bad-date): start_date: "2019-13-01" is not a date',
      );
      expect(update.stdout).toMatch(
        /#1 Yangtze Memory Technologies \(CN\):\n {4}NEW {3}us-entity-list {2}Yangtze Memory Technologies Co\., Ltd\. {2}score [01]\.\d{3} {2}\[csl:sample-el-10, listed 2022-12-16 by 87 FR 77505\]/,
      );

      // truce screen reads the loaded lists beside the shipped ones (as GET /v1/screen does).
      const screened = JSON.parse(
        truce("screen", "Yangtze Memory Technologies", "--at", "2025-06-01", "--data-dir", d, "--json")
          .stdout,
      );
      expect(screened.hits.map((h: { entryId: string }) => h.entryId)).toContain("csl:sample-el-10");
      // control-check screens its party against the loaded lists too: YMTC as of 2023-06-01, from the
      // CSL only (the 1260H list names it from Jan 31 2024 by DoD, from Jan 7 2025 in the shipped file).
      const check = JSON.parse(
        truce(
          "control-check",
          "--item",
          "laptop",
          "--from",
          "US",
          "--to",
          "CN",
          "--party",
          "Yangtze Memory Technologies",
          "--at",
          "2023-06-01",
          "--data-dir",
          d,
          "--json",
        ).stdout,
      );
      expect(check.licenceRequired).toBe(true);
      expect(check.screening.hits[0]).toMatchObject({ entryId: "csl:sample-el-10", list: "us-entity-list" });
      // A Treasury record without a start_date is loaded undated and screens at every instant.
      const undated = JSON.parse(
        truce("screen", "Zhuhai Zhenrong Co Ltd", "--at", "2018-01-01", "--data-dir", d, "--json").stdout,
      ).hits.find((h: { entryId: string }) => h.entryId === "csl:sample-sdn-01");
      expect(undated).toMatchObject({ list: "us-csl", listedOn: null });
      expect(undated.reasons).toContain("the list gives no listing date: screened at every instant");
      const withoutStore = JSON.parse(
        truce(
          "screen",
          "Yangtze Memory Technologies",
          "--at",
          "2025-06-01",
          "--data-dir",
          join(d, "none"),
          "--json",
        ).stdout,
      );
      expect(withoutStore.hits.map((h: { entryId: string }) => h.entryId)).not.toContain("csl:sample-el-10");

      const listed = JSON.parse(truce("lists", "--data-dir", d, "--json").stdout);
      expect(listed.loaded).toMatchObject([
        {
          id: 1,
          source: "csl",
          format: "csv",
          fileName: "consolidated.csv",
          records: 15,
          entries: 12,
          rejected: 3,
        },
      ]);
      expect(listed.loaded[0].version).toMatch(/^[0-9a-f]{64}$/);

      // The JSON sample without DJI: DJI's hit goes away, YMTC's stays (no news).
      const sample = JSON.parse(readFileSync(SAMPLE_JSON, "utf8"));
      sample.results = sample.results.filter((r: { id?: string }) => r.id !== "sample-el-09");
      const withoutDji = join(d, "consolidated.json");
      writeFileSync(withoutDji, JSON.stringify(sample));
      const second = truce("lists", "update", "--file", withoutDji, "--data-dir", d, "--json");
      expect(second.status).toBe(0);
      const changes = JSON.parse(second.stdout);
      expect(changes).toMatchObject({
        sameVersion: false,
        list: { id: 2, format: "json", fileDate: "2026-11-20T09:14:52-05:00", records: 14, entries: 11 },
        added: [],
        removed: [
          { list: "us-entity-list", entryId: "csl:sample-el-09", name: "SZ DJI Technology Co., Ltd." },
        ],
        changed: [],
      });
      expect(changes.refused.map((e: { record: number; field: string }) => [e.record, e.field])).toEqual([
        [12, "start_date"],
        [13, "name"],
        [14, "record"],
      ]);
      expect(
        changes.parties.map(
          (p: { party: { name: string }; newHits: unknown[]; goneHits: { entryId: string }[] }) => [
            p.party.name,
            p.newHits.length,
            p.goneHits.map((h) => h.entryId),
          ],
        ),
      ).toEqual([
        ["Yangtze Memory Technologies", 0, []],
        ["SZ DJI Technology Co Ltd", 0, ["csl:sample-el-09"]],
      ]);

      const again = JSON.parse(
        truce("lists", "update", "--file", withoutDji, "--data-dir", d, "--json").stdout,
      );
      expect(again).toMatchObject({ sameVersion: true, added: [], removed: [], changed: [] });

      const parties = JSON.parse(truce("parties", "list", "--data-dir", d, "--json").stdout).parties;
      expect(parties.map((p: { hits: { entryId: string }[] }) => p.hits.map((h) => h.entryId))).toEqual([
        ["1260h-2025-yangtze-memory-technologies", "csl:sample-el-10"],
        [],
      ]);
      expect(truce("parties", "remove", "2", "--data-dir", d).status).toBe(0);
      const gone = truce("parties", "remove", "2", "--data-dir", d);
      expect(gone.status).toBe(2);
      expect(gone.stderr).toBe("truce: no party 2 (truce parties list)\n");
    },
    CLI_RUNS_MS,
  );

  it(
    "refuses a file that is neither JSON nor CSV, or not a CSL file, and a party of no country",
    () => {
      const d = mkdtempSync(join(tmpdir(), "truce-cli-screening-"));
      const xml = truce("lists", "update", "--file", join(d, "consolidated.xml"), "--data-dir", d);
      expect(xml.status).toBe(2);
      expect(xml.stderr).toContain('--file: "consolidated.xml" is neither .json nor .csv');
      const notCsl = join(d, "entries.csv");
      writeFileSync(notCsl, "code,origin\n8541.43.00.10,CN\n");
      const bad = truce("lists", "update", "--file", notCsl, "--data-dir", d);
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain(
        "not a Consolidated Screening List CSV file: no column _id, source, name, start_date",
      );
    },
    CLI_RUNS_MS,
  );
});
