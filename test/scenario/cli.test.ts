/** `truce scenario` as users call it: the built CLI (npm test builds it first). */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { truce } from "../run-cli.js";

describe("truce scenario", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "truce-scenario-cli-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("lists the scenarios with their edits", () => {
    const r = truce("scenario", "list", "--json");
    expect(r.status).toBe(0);
    const list = JSON.parse(r.stdout) as { id: string; edits: unknown[] }[];
    expect(list.map((s) => s.id)).toEqual([
      "baseline",
      "control-suspensions-extended-2027-01-10",
      "controls-not-suspended",
      "ieepa-restored",
      "s122-15",
      "thirty-for-thirty",
      "threat-100",
      "truce-lapses-2025-11-10",
    ]);
    expect(list.find((s) => s.id === "threat-100")?.edits).toEqual([{ enable: "threat-100-cn" }]);
    const text = truce("scenario", "list");
    expect(text.stdout).toMatch(/threat-100 {2}The threatened extra 100%/);
    expect(text.stdout).toMatch(/- disable authority section-122/);
    expect(text.stdout).toMatch(
      /- control cn-2025-61-foreign-content from 2025-11-07 00:00: suspended until 2027-01-10 00:00/,
    );
  });

  it("compares two scenarios on one entry, layer by layer (JSON)", () => {
    const r = truce(
      "scenario",
      "compare",
      "baseline",
      "threat-100",
      "6102.20.00.10",
      "--origin",
      "CN",
      "--date",
      "2025-11-15",
      "--value",
      "10000",
      "--json",
    );
    expect(r.status).toBe(0);
    const c = JSON.parse(r.stdout);
    expect(c.a.id).toBe("baseline");
    expect(c.b.id).toBe("threat-100");
    expect(c.total).toEqual({
      a: { rate: 43.4, amount: "4340.00" },
      b: { rate: 143.4, amount: "14340.00" },
      difference: { rate: 100, amount: "10000.00" },
    });
    const threat = c.layers.find((l: { measure: string }) => l.measure === "threat-100-cn");
    expect(threat.a).toBeNull();
    expect(threat.b).toMatchObject({ rate: 100, amount: "10000.00" });
    expect(threat.notApplied.a).toMatch(/threatened/);
    expect(c.results.a.total).toEqual({ rate: 43.4, amount: "4340.00" });
  });

  it("prints a readable comparison, China side with --importer CN and --at", () => {
    const r = truce(
      "scenario",
      "compare",
      "baseline",
      "truce-lapses-2025-11-10",
      "1201.90.19",
      "--importer",
      "CN",
      "--origin",
      "US",
      "--at",
      "2025-11-10T13:01",
      "--value",
      "10000",
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /cn-counter-reciprocal\s+cn-counter-reciprocal\s+CTC 2025-4 10% \$1,000\.00\s+CTC 2025-4 34% \$3,400\.00\s+\+24 pts\s+\+\$2,400\.00/,
    );
    expect(r.stdout).toMatch(/Total\s+38% \$3,800\.00\s+62% \$6,200\.00\s+\+24 pts\s+\+\$2,400\.00/);
  });

  it("compares a batch file: per-row totals, differences and the batch totals", () => {
    const input = join(dir, "entries.csv");
    writeFileSync(
      input,
      "code,origin,date,value\n6102.20.00.10,CN,2026-03-02,10000\n8541.43.00.10,CN,2026-03-02,1000\nnot-a-code,CN,2026-03-02,5\n",
    );
    const output = join(dir, "compared.csv");
    const r = truce(
      "scenario",
      "compare",
      "baseline",
      "ieepa-restored",
      "--input",
      input,
      "--output",
      output,
      "--json",
    );
    expect(r.status).toBe(1); // one bad row
    const summary = JSON.parse(r.stdout);
    expect(summary.totals).toMatchObject({ rows: 3, errors: 1, value: "11000.00" });
    expect(summary.totals.a.amount).toBe("3940.00"); // 33.4% of 10,000 + 60% of 1,000
    expect(summary.totals.b.amount).toBe("5040.00"); // 43.4% of 10,000 + 70% of 1,000
    expect(summary.totals.difference).toEqual({ rate: 10, amount: "1100.00" });
    const lines = readFileSync(output, "utf8").trim().split("\n");
    expect(lines[0]).toBe(
      "code,origin,date,value,total_rate_a,total_amount_a,total_rate_b,total_amount_b,difference_rate,difference_amount,error",
    );
    expect(lines[1]).toBe("6102.20.00.10,CN,2026-03-02,10000,33.4,3340.00,43.4,4340.00,10,1000.00,");
    expect(lines[3]).toMatch(/^not-a-code,CN,2026-03-02,5,,,,,,,"?line 4: code: /);

    // Without --output the rows go to standard output, the totals to stderr.
    const text = truce("scenario", "compare", "baseline", "ieepa-restored", "--input", input);
    expect(text.stdout.trim().split("\n")).toEqual(lines);
    expect(text.stderr).toMatch(
      /3 rows, 2 computed, 1 errors, 0 incomplete; on \$11,000\.00:\n {2}A baseline: \$3,940\.00 \(35\.818182%\)\n {2}B ieepa-restored: \$5,040\.00 \(45\.818182%\)\n {2}B - A: \$1,100\.00 \(10 pts\)/,
    );
    // One batch pipeline: the same rows priced by `truce duty --input` give scenario a's totals.
    const duty = truce("duty", "--input", input);
    expect(duty.stdout.split("\n")[1]).toMatch(/^6102\.20\.00\.10,CN,2026-03-02,10000,33\.4,3340\.00,/);
    expect(duty.stderr).toMatch(/duty \$3,940\.00 \(35\.818182%\) on \$11,000\.00/);
  });

  it("names unknown scenarios and bad input fields", () => {
    const r = truce("scenario", "compare", "baseline", "threat-200", "6102.20.00.10", "--origin", "CN");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /unknown scenario "threat-200" \(known: baseline, control-suspensions-extended-2027-01-10, controls-not-suspended, ieepa-restored/,
    );
    const bad = truce(
      "scenario",
      "compare",
      "baseline",
      "threat-100",
      "6102.20.00.10",
      "--origin",
      "CN",
      "--date",
      "2025-11-15",
    );
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--value is required/);
  });
});
