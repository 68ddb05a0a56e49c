/**
 * The store's commands as users run them: `truce portfolio`, `truce watch`, `truce scenario save`,
 * on a store in a temporary directory given by --data-dir or TRUCE_DATA_DIR.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { truce } from "../run-cli.js";

/** Tests that run the CLI (it loads the law on each run) get more than the default minute. */
const CLI_RUNS_MS = 180_000;

function dir(): string {
  return mkdtempSync(join(tmpdir(), "truce-cli-store-"));
}

describe("truce portfolio", () => {
  it(
    "keeps a CSV's good lines, names the bad ones (exit 1), lists, shows and prices them",
    () => {
      const d = dir();
      const csv = join(d, "lines.csv");
      writeFileSync(csv, "code,origin,value\n8541.43.00.10,CN,10000\n8541.43.00.10,XX,5\n");
      const add = truce("portfolio", "add", "solar", "--input", csv, "--data-dir", d, "--json");
      expect(add.status).toBe(1);
      const added = JSON.parse(add.stdout);
      expect(added).toMatchObject({ id: 1, name: "solar", lines: 1 });
      expect(added.errors).toEqual([
        {
          line: 3,
          field: "origin",
          detail: '"XX" is not an ISO 3166 alpha-2 country code (e.g. CN, HK, VN)',
        },
      ]);
      const list = JSON.parse(truce("portfolio", "list", "--data-dir", d, "--json").stdout);
      expect(list.portfolios).toEqual([{ id: 1, name: "solar", created: added.created, lines: 1 }]);
      const show = JSON.parse(truce("portfolio", "show", "1", "--data-dir", d, "--json").stdout);
      expect(show.lines).toEqual([{ code: "8541.43.00.10", origin: "CN", value: "10000" }]);
      const priced = truce("portfolio", "show", "1", "--date", "2025-11-01", "--data-dir", d);
      expect(priced.status).toBe(0);
      expect(priced.stdout.split("\n")[1]).toMatch(/^8541\.43\.00\.10,CN,2025-11-01,10000,94,9400\.00,/);
      const missing = truce("portfolio", "show", "7", "--data-dir", d);
      expect([missing.status, missing.stderr]).toEqual([2, "truce: no portfolio 7 (truce portfolio list)\n"]);
    },
    CLI_RUNS_MS,
  );
});

describe("truce watch", () => {
  it(
    "shows what changed for a watched line since it was last seen, then marks it seen",
    () => {
      const d = dir();
      // The store's directory from the environment this time (the child inherits it).
      const run = truce;
      const before = process.env.TRUCE_DATA_DIR;
      process.env.TRUCE_DATA_DIR = d;
      try {
        const add = run(
          "watch",
          "add",
          "--code",
          "8541.43.00.10",
          "--origin",
          "CN",
          "--value",
          "10000",
          "--since",
          "2025-11-09",
        );
        expect([add.status, add.stdout]).toEqual([
          0,
          'watching 8541.43.00.10 from CN in watchlist "default" (1 lines)\n',
        ]);
        const shown = JSON.parse(run("watch", "--now", "2025-11-11", "--days", "0", "--json").stdout);
        const cut = shown.items[0].changes[0];
        expect([cut.instant, cut.measure, cut.before.total.amount, cut.after.total.amount]).toEqual([
          "2025-11-10T05:01:00Z",
          "ieepa-fentanyl-cn",
          "9400.00",
          "8400.00",
        ]);
        const text = run("watch", "--now", "2025-11-11", "--days", "0").stdout;
        expect(text).toContain("2025-11-10 00:01 EST  9903.01.24 20% → 10%  [ieepa-fentanyl-cn]");
        expect(text).toContain("after:  84% $8,400.00");
        expect(run("watch", "seen", "--at", "2025-11-11").status).toBe(0);
        const after = JSON.parse(
          run("watch", "changes", "--now", "2025-11-12", "--days", "0", "--json").stdout,
        );
        expect(after.items[0].changes).toEqual([]);
        const bad = run("watch", "add", "--code", "8541.43.00.10", "--origin", "XX");
        expect(bad.status).toBe(2);
        expect(bad.stderr).toMatch(/^truce: --origin "XX" is not an ISO 3166/);
        const none = run("watch", "--list", "other");
        expect([none.status, none.stderr]).toEqual([
          2,
          'truce: no watchlist "other" (add a line to it: truce watch add --list other --code … --origin …)\n',
        ]);
      } finally {
        process.env.TRUCE_DATA_DIR = before;
      }
    },
    CLI_RUNS_MS,
  );

  it("has help", () => {
    const help = truce("watch", "add", "--help");
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("--data-dir <dir>");
  });
});

describe("truce scenario save", () => {
  it(
    "keeps a scenario file and compares under its id",
    () => {
      const d = dir();
      const file = join(d, "fentanyl-stays-20.yaml");
      writeFileSync(
        file,
        [
          "id: fentanyl-stays-20",
          "title: The fentanyl tariff stays at 20%",
          "description: What if the cut of the IEEPA fentanyl tariff to 10% on Nov 10 2025 (CSMS 66749380) had not happened.",
          "sources: [https://content.govdelivery.com/accounts/USDHSCBP/bulletins/3fa83c4]",
          "edits:",
          '  - set: { measure: ieepa-fentanyl-cn, from: "2025-11-10 00:01", rate: "20%", heading: "9903.01.24" }',
          "",
        ].join("\n"),
      );
      const save = truce("scenario", "save", file, "--data-dir", d);
      expect([save.status, save.stdout]).toEqual([
        0,
        'scenario fentanyl-stays-20 saved ("The fentanyl tariff stays at 20%")\n',
      ]);
      expect(truce("scenario", "save", file, "--data-dir", d).status).toBe(2);
      const compared = truce(
        "scenario",
        "compare",
        "baseline",
        "fentanyl-stays-20",
        "8541.43.00.10",
        "--origin",
        "CN",
        "--date",
        "2025-11-10",
        "--value",
        "10000",
        "--data-dir",
        d,
        "--json",
      );
      expect(compared.status).toBe(0);
      expect(JSON.parse(compared.stdout).total.difference).toEqual({ rate: 10, amount: "1000.00" });
      const list = JSON.parse(truce("scenario", "list", "--data-dir", d, "--json").stdout);
      expect(list.map((s: { id: string }) => s.id)).toContain("fentanyl-stays-20");
    },
    CLI_RUNS_MS,
  );
});
