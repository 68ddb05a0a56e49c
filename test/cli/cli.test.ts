/** The `truce` command as users and other tools call it: the built CLI (npm test builds it first). */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { truce } from "../run-cli.js";

describe("truce duty", () => {
  it("says in the table why a layer is provisional and what its model leaves out (Procl 10908 autos, 2025-12-01)", () => {
    const args = ["duty", "8703.23.01.90", "--origin", "CN", "--date", "2025-12-01", "--value", "30000"];
    const j = JSON.parse(truce(...args, "--json").stdout);
    const text = truce(...args).stdout;
    const autos = j.layers.find((l: { heading: string }) => l.heading === "9903.94.01");
    expect(autos.limits).toEqual([
      "The US-content deduction for USMCA vehicles and the partner-country caps (UK, Japan, EU, South Korea) are not modelled",
    ]);
    expect(text).toContain(`What the model leaves out:\n  - 9903.94.01: ${autos.limits[0]}`);
    const provisional = j.layers.filter((l: { unconfirmed?: unknown[] }) => l.unconfirmed?.length);
    expect(provisional.length).toBeGreaterThan(0);
    for (const l of provisional)
      for (const f of l.unconfirmed)
        expect(text).toContain(`  - ${l.heading}: ${f.fact} (to confirm: ${f.confirmBy})`);
  });

  it("keeps the JSON contract (fixture TC10: 8541.43.00.10 from CN on 2025-11-01 = 94%, $9,400)", () => {
    const r = truce(
      "duty",
      "8541.43.00.10",
      "--origin",
      "CN",
      "--date",
      "2025-11-01",
      "--value",
      "10000",
      "--json",
    );
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.total).toEqual({ rate: 94, amount: "9400.00" });
    expect(j.layers.map((l: { heading: string }) => l.heading)).toEqual([
      "8541.43.00.10",
      "9903.91.02",
      "9903.45.25",
      "9903.01.24",
      "9903.01.25",
    ]);
    for (const l of j.layers) {
      expect(Object.keys(l)).toEqual(
        expect.arrayContaining(["heading", "authority", "rate", "base", "amount", "citation"]),
      );
      expect(typeof l.rate).toBe("number");
      expect(l.amount).toMatch(/^\d+\.\d\d$/);
    }
    expect(j.notApplied).toContainEqual(
      expect.objectContaining({
        heading: "9903.88.02",
        reason: expect.stringMatching(/replaced by 9903\.91\.02/),
      }),
    );
  });

  it("prints a readable table by default", () => {
    const r = truce("duty", "8703.80.00", "--origin", "CN", "--date", "2025-04-15", "--value", "10000");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/9903\.94\.01\s+section-232-autos\s+25%/);
    expect(r.stdout).toMatch(/Total\s+147\.5%\s+\$14,750\.00/);
    expect(r.stdout).toMatch(
      /9903\.01\.33\s+ieepa-reciprocal\s+not applied to articles subject to Section 232/,
    );
  });

  it("takes an instant with --at in any zone: 13:01 in Beijing is 00:01 in New York", () => {
    const r = truce(
      "duty",
      "6102.20.00.10",
      "--origin",
      "CN",
      "--at",
      "2025-02-04T13:01+08:00",
      "--value",
      "100",
      "--json",
    );
    const j = JSON.parse(r.stdout);
    expect(j.entered).toBe("2025-02-04 00:01 EST");
    expect(j.layers.map((l: { heading: string }) => l.heading)).toContain("9903.01.20");
  });

  it("suggests the nearest codes for an unknown code", () => {
    const r = truce("duty", "8541.43.00.99", "--origin", "CN", "--date", "2025-11-01", "--value", "10000");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--code .*8541\.43\.00\.99/);
    expect(r.stderr).toMatch(/did you mean: .*8541\.43\.00\.10/);
  });

  it("names the field and what was expected for bad input", () => {
    expect(
      truce("duty", "8541.43.00.10", "--origin", "China", "--date", "2025-11-01", "--value", "1").stderr,
    ).toMatch(/--origin "China" is not an ISO 3166 alpha-2 country code/);
    expect(
      truce("duty", "8541.43.00.10", "--origin", "CN", "--date", "2025-02-30", "--value", "1").stderr,
    ).toMatch(/--date "2025-02-30" is not a date/);
    expect(
      truce("duty", "8541.43.00.10", "--origin", "CN", "--date", "2025-11-01", "--value", "12,34x").stderr,
    ).toMatch(/--value "12,34x" is not an amount/);
  });

  it("accepts a statistical number renumbered away, with a warning (TC03: 8507.60.00.20 on 2026-03-02 = 38.4%)", () => {
    const r = truce(
      "duty",
      "8507.60.00.20",
      "--origin",
      "CN",
      "--date",
      "2026-03-02",
      "--value",
      "10000",
      "--json",
    );
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.total).toEqual({ rate: 38.4, amount: "3840.00" });
    expect(j.warnings.join(" ")).toMatch(/not a statistical number on 2026-03-02/);
  });

  it("names what is wrong with a batch file instead of failing with a trace", () => {
    const dir = mkdtempSync(join(tmpdir(), "truce-cli-"));
    const file = join(dir, "bad.csv");
    writeFileSync(file, "code,origin,value\n8541430010,CN,1\n");
    const r = truce("duty", "--input", file);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--input: the header of .* lacks the column\(s\) date/);
    expect(r.stderr).not.toMatch(/\bat \S+ \(/);
  });

  it("splits a batch between threads with --threads, writing the same file, and refuses it without --input", () => {
    const dir = mkdtempSync(join(tmpdir(), "truce-cli-"));
    const file = join(dir, "in.csv");
    const codes = ["8541.43.00.10", "8703.80.00", "6102.20.00.10", "4015.12.10", "8542.31.00", "9999.99"];
    const rows = Array.from(
      { length: 300 },
      (_, i) => `${codes[i % codes.length]},CN,2025-11-${String((i % 28) + 1).padStart(2, "0")},${i}.5`,
    );
    writeFileSync(file, `code,origin,date,value\n${rows.join("\n")}\n`);
    const one = truce("duty", "--input", file, "--threads", "1", "--output", join(dir, "one.csv"));
    const three = truce("duty", "--input", file, "--threads", "3", "--output", join(dir, "three.csv"));
    expect(one.status).toBe(1); // 9999.99 is a heading: its rows are errors
    expect(three.stderr).toBe(one.stderr.replace("one.csv", "three.csv"));
    expect(readFileSync(join(dir, "three.csv"), "utf8")).toBe(readFileSync(join(dir, "one.csv"), "utf8"));
    const alone = truce(
      "duty",
      "8541.43.00.10",
      "--origin",
      "CN",
      "--date",
      "2025-11-01",
      "--value",
      "1",
      "--threads",
      "2",
    );
    expect(alone.status).toBe(2);
    expect(alone.stderr).toBe("truce: --threads is for a batch: give --input FILE\n");
    expect(truce("duty", "--input", file, "--threads", "0").stderr).toMatch(
      /whole number of threads from 1 to 16/,
    );
  });

  it("asks for one line when a subheading covers several", () => {
    const r = truce("duty", "8541.43", "--origin", "CN", "--date", "2025-11-01", "--value", "1");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/covers \d+ tariff lines/);
  });
});

describe("truce duty --importer CN", () => {
  it("gives China's duty on US soybeans at HS6 as the average of its lines, in Beijing time", () => {
    const r = truce(
      "duty",
      "1201.90",
      "--importer",
      "CN",
      "--origin",
      "US",
      "--date",
      "2025-04-15",
      "--value",
      "10000",
      "--json",
    );
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.importer).toBe("CN");
    expect(j.entered).toBe("2025-04-15 00:01 CST (UTC+8)");
    expect(j.enteredAlso).toBe("2025-04-14 12:01 EDT");
    expect(j.layers.map((l: { heading: string }) => l.heading)).toEqual(
      expect.arrayContaining(["1201.90", "CTC 2018-5", "CTC 2025-6"]),
    );
    expect(j.warnings[0]).toMatch(/simple average of its 4 known national lines/);
  });

  it("applies the exclusion option (13% on soybeans from 13:01 Nov 10 2025, Reuters)", () => {
    const r = truce(
      "duty",
      "1201.90.19",
      "--importer",
      "CN",
      "--origin",
      "US",
      "--at",
      "2025-11-10T13:01",
      "--value",
      "10000",
      "--excluded",
      "yes",
      "--json",
    );
    expect(JSON.parse(r.stdout).total).toEqual({ rate: 13, amount: "1300.00" });
  });

  it("rejects an HS code China's schedule does not have, with suggestions", () => {
    const r = truce(
      "duty",
      "1201.99",
      "--importer",
      "CN",
      "--origin",
      "US",
      "--date",
      "2025-04-15",
      "--value",
      "1",
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/1201\.99 is not an HS6 line of China's schedule/);
    expect(r.stderr).toMatch(/did you mean: .*1201\.90/);
  });
});

describe("truce hts and measures", () => {
  it("lists the lines of a subheading with MFN and the special duties pointing at them", () => {
    const r = truce("hts", "8541.43", "--date", "2025-11-01");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/8541\.43\.00\.10/);
    expect(r.stdout).toMatch(/9903\.91\.02/);
  });

  it("lists the measures in force on 2025-11-10 with the fentanyl rate cut to 10%", () => {
    const r = truce("measures", "--on", "2025-11-10", "--json");
    const j = JSON.parse(r.stdout);
    const fentanyl = j.measures.find((m: { measure: string }) => m.measure === "ieepa-fentanyl-cn");
    expect(fentanyl).toMatchObject({ heading: "9903.01.24", rate: "10%", status: "final" });
    expect(j.measures.find((m: { measure: string }) => m.measure === "s122-surcharge")).toBeUndefined();
  });

  it("runs the data check", () => {
    const r = truce("check");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/no problems/);
  });
});

describe("a reader that stops early", () => {
  it("ends the command quietly with exit 0 (truce hts 8708 | head -1)", () => {
    const r = spawnSync(
      "bash",
      ["-c", "set -o pipefail; node dist/src/cli/main.js hts 8708 | head -1 >/dev/null"],
      {
        encoding: "utf8",
      },
    );
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });
});

describe("errors", () => {
  it("bad input is one line on stderr with exit 2: --from after --to, an unknown option", () => {
    const r = truce("average", "--from", "2025-02-01", "--to", "2025-01-01");
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("truce: --from is after --to\n");
    const u = truce("duty", "--bogus");
    expect(u.status).toBe(2);
    expect(u.stderr).toMatch(/unknown option '--bogus'/);
  });

  it("with --json every error is JSON on stdout, exit 2: a command's own check and a usage error", () => {
    const r = truce("average", "--from", "2025-02-01", "--to", "2025-01-01", "--json");
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual({ error: { message: "--from is after --to", suggestions: [] } });
    const u = truce("duty", "8541.43.00.10", "--json", "--bogus");
    expect(u.status).toBe(2);
    expect(u.stderr).toBe("");
    expect(JSON.parse(u.stdout).error.message).toBe("unknown option '--bogus'");
  });
});
