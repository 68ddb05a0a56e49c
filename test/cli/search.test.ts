/**
 * `truce search` and `truce measure`: their JSON is the API's answer byte for byte, their text names
 * the lines and the citations, bad input exits 2 with one line naming it.
 */
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/api/app.js";
import { loadTruce } from "../../src/truce.js";
import { truce as cli } from "../run-cli.js";

const app = createApp(loadTruce());
/** Each run loads the law and builds an index. */
const CLI_RUNS_MS = 180_000;

describe("truce search", () => {
  it(
    "prints what GET /v1/search answers, and the lines as text",
    async () => {
      for (const [args, query] of [
        [
          ["solar", "cells", "--date", "2025-06-01", "--limit", "5"],
          "q=solar%20cells&date=2025-06-01&limit=5",
        ],
        [["soybeans", "--hs", "--limit", "3"], "q=soybeans&nomenclature=hs&limit=3"],
      ] as const) {
        const r = cli("search", ...args, "--json");
        expect(r.status, r.stderr).toBe(0);
        expect(r.stdout).toBe(await (await app.request(`/v1/search?${query}`)).text());
      }
      const text = cli("search", "8541.43", "--date", "2025-06-01");
      expect(text.stdout.split("\n").slice(0, 3)).toEqual([
        'HTS revision 2025_rev_15: 3 result(s) for "8541.43"',
        "",
        "8541.43.00     Photovoltaic cells assembled in modules or made up into panels",
      ]);
    },
    CLI_RUNS_MS,
  );

  it("refuses a date before 2025 Basic and a limit out of range (exit 2)", () => {
    const early = cli("search", "solar", "--date", "2024-06-01");
    expect([early.status, early.stderr]).toEqual([
      2,
      "truce: --date: the HTS search covers the revisions from 2025_basic (2025-01-01) on; 2024-06-01 is before\n",
    ]);
    expect(cli("search", "solar", "--limit", "101").status).toBe(2);
  });
});

describe("truce measure", () => {
  it(
    "prints what GET /v1/measures/{id} answers, and the dated values with their citations",
    async () => {
      const r = cli("measure", "ieepa-fentanyl-cn", "--json");
      expect(r.stdout).toBe(await (await app.request("/v1/measures/ieepa-fentanyl-cn")).text());
      const text = cli("measure", "s301-list3").stdout;
      expect(text).toContain(
        "2018-09-24 00:01 EDT       final       10%     9903.88.03   9903.88.03 10% starts",
      );
      expect(text).toContain("USTR notice, 83 FR 47974 (Sept 21 2018), FR Doc 2018-20610 [P]");
      expect(text).toContain("USTR notice, 84 FR 20459 (May 9 2019) [P]");
      // A value resting on an unconfirmed fact is marked: the November 2025 order's number.
      expect(cli("measure", "ieepa-fentanyl-cn").stdout).toContain(
        "2025-11-10 00:01 EST       final       10%     9903.01.24 * 9903.01.24 20% → 10%",
      );
    },
    CLI_RUNS_MS,
  );

  it("refuses an unknown id with the ids it may have meant (exit 2)", () => {
    const r = cli("measure", "s301-list9");
    expect([r.status, r.stderr]).toEqual([
      2,
      "truce: no measure s301-list9\n  did you mean: s301-list1, s301-list2, s301-list3, s301-list4a, s301-list4b?\n",
    ]);
  });
});
