/** Batch CSV mode (runBatch): one output row per input row, errors naming line and field, CSV edge cases. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DUTY_COLUMNS as OUTPUT_COLUMNS } from "../../src/batch/jobs.js";
import { Output } from "../../src/batch/output.js";
import {
  type BatchOptions,
  type BatchSummary,
  defaultWorkers,
  runBatch,
  WORKER_FILE_BYTES,
} from "../../src/batch/pipeline.js";
import { InputError } from "../../src/entry/errors.js";
import { parseEntryOrProblem } from "../../src/entry/parse.js";
import { loadTruce, type Truce, truceFor } from "../../src/truce.js";
import { formatCents } from "../../src/units/money.js";
import { truce as cli } from "../run-cli.js";

let t: Truce;
let dir: string;

beforeAll(() => {
  t = loadTruce();
  dir = mkdtempSync(join(tmpdir(), "truce-batch-"));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

let files = 0;
async function batch(
  csv: string,
  options: BatchOptions = {},
): Promise<{ text: string; rows: string[][]; summary: BatchSummary }> {
  const n = files++;
  const input = join(dir, `in-${n}.csv`);
  const output = join(dir, `out-${n}.csv`);
  writeFileSync(input, csv);
  const summary = await runBatch(t, input, output, { workers: 0, ...options });
  const text = readFileSync(output, "utf8");
  return { text, rows: parse(text, { relax_column_count: true }) as string[][], summary };
}

const HEADER = "code,origin,date,value";
const TC10 = "8541.43.00.10,CN,2025-11-01,10000";

describe("runBatch", () => {
  it("repeats every input row with total_rate, total_amount, layers and error (fixture TC10: 94%, $9,400)", async () => {
    const { text, rows, summary } = await batch(
      `${HEADER}\n${TC10}\n8703.80.00,CN,2025-11-12,10000\n6102.20.00.10,VN,2025-05-15,250.50\n`,
    );
    expect(rows[0]).toEqual([...HEADER.split(","), ...OUTPUT_COLUMNS]);
    expect(rows).toHaveLength(4);
    for (const r of rows) expect(r).toHaveLength(8);
    // The input columns come back unchanged.
    expect(text.split("\n")[1]?.startsWith(`${TC10},`)).toBe(true);
    const [, tc10, autos] = rows as string[][];
    expect(tc10?.slice(4, 6)).toEqual(["94", "9400.00"]);
    expect(tc10?.[7]).toBe("");
    // heading:rate=amount per layer, the MFN line first, then TC10's Chapter 99 headings.
    const layers = (tc10?.[6] ?? "").split(";");
    expect(layers.map((l) => l.split(":")[0])).toEqual([
      "8541.43.00.10",
      "9903.91.02",
      "9903.45.25",
      "9903.01.24",
      "9903.01.25",
    ]);
    for (const l of layers) expect(l).toMatch(/^[\d.]+:[^=]+=\d+\.\d\d$/);
    // TC08: 8703.80.00 from China on 2025-11-12 is 137.5%.
    expect(autos?.slice(4, 6)).toEqual(["137.5", "13750.00"]);
    expect(summary).toMatchObject({ rows: 3, errors: 0, incomplete: 0, workerRows: 0 });
  });

  it("names the line and field of a bad row and still computes the rows after it", async () => {
    const { rows, summary } = await batch(
      [
        HEADER,
        TC10,
        "8541.43.00.10,CN,2025-11-01,ten",
        "8541.43.00.10,CN,2025-02-30,10000",
        "8541.43.00.99,CN,2025-11-01,10000",
        "8541.43.00.10,CN,2025-11-01",
        "8541.43.00.10,CNN,2025-11-01,10000",
        TC10,
      ].join("\n"),
    );
    expect(rows).toHaveLength(8);
    const error = (i: number) => rows[i]?.[rows[i].length - 1] ?? "";
    expect(error(2)).toMatch(/^line 3: value: "ten" is not an amount/);
    expect(error(3)).toMatch(/^line 4: date: "2025-02-30" is not a date/);
    expect(error(4)).toMatch(/^line 5: code: 8541\.43\.00\.99 is not an HTS code on 2025-11-01/);
    expect(error(5)).toBe("line 6: expected 4 columns, found 3");
    expect(error(6)).toMatch(/^line 7: origin: /);
    for (const i of [2, 3, 4, 6]) expect(rows[i]?.slice(4, 7)).toEqual(["", "", ""]);
    // The row with too few columns keeps its own text, padded to the header's width, then the four
    // output cells: every row has the header's width.
    expect(rows[5]).toEqual([
      "8541.43.00.10",
      "CN",
      "2025-11-01",
      "",
      "",
      "",
      "",
      "line 6: expected 4 columns, found 3",
    ]);
    for (const row of rows) expect(row).toHaveLength(8);
    // Rows after the bad ones are computed.
    expect(rows[7]?.slice(4, 6)).toEqual(["94", "9400.00"]);
    expect(summary).toMatchObject({ rows: 7, errors: 5, incomplete: 0, workerRows: 0 });
  });

  it("answers a bad code as a plain result on both sides, its suggestions looked up only when asked", async () => {
    const fields = (code: string, importer: string) => ({
      code,
      origin: importer === "CN" ? "US" : "CN",
      date: "2025-06-01",
      value: "100",
      importer,
    });
    for (const [code, importer, message] of [
      ["8541.43.00.99", "US", /^8541\.43\.00\.99 is not an HTS code on 2025-06-01/],
      ["0101.99", "CN", /^0101\.99 is not an HS6 line of China's schedule$/],
      ["12ab", "CN", /is not an HS code \(expected 6, 8 or 10 digits/],
    ] as const) {
      const lookup = vi.spyOn(t.cn, "lookup");
      const problem = parseEntryOrProblem(fields(code, importer), t);
      expect(problem).toMatchObject({ field: "code", message: expect.stringMatching(message) });
      expect(lookup).toHaveBeenCalledTimes(importer === "CN" ? 1 : 0);
      lookup.mockRestore();
    }
    // China's nearest HS6 lines of the heading, found only when the suggestions are called.
    const cn = parseEntryOrProblem(fields("0101.99", "CN"), t);
    expect("suggestions" in cn && cn.suggestions()).toEqual(["010190", "010130", "010129", "010121"]);
    const { rows, summary } = await batch(
      `${HEADER},importer\n0101.99,US,2025-06-01,100,CN\n0101.21,US,2025-06-01,100,CN\n`,
    );
    expect(rows[1]?.at(-1)).toBe("line 2: code: 0101.99 is not an HS6 line of China's schedule");
    expect(rows[2]?.at(-1)).toBe("");
    expect(summary).toMatchObject({ rows: 2, errors: 1 });
  });

  it("answers every kind of bad field as a plain result naming the field, never by throwing", () => {
    const good = { code: "8541.43.00.10", origin: "CN", date: "2025-11-01", value: "10000" };
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ importer: "JP" }, "importer", /"JP" is not supported \(expected US or CN\)/],
      [{ origin: "XX" }, "origin", /"XX" is not an ISO 3166 alpha-2 country code/],
      [{ date: "2025-02-30" }, "date", /"2025-02-30" is not a date/],
      [{ date: "" }, "date", /is required/],
      [{ date: "2017-12-31" }, "date", /dates before 2018-01-01 are not covered/],
      [{ at: "2025-03-09 02:30" }, "at", /does not exist/],
      [{ value: "ten" }, "value", /"ten" is not an amount in US dollars/],
      [{ value: "-5" }, "value", /is negative/],
      [{ value: "" }, "value", /is required/],
      [{ code: "" }, "code", /is required/],
      [{ quantity: "1.2345", unit: "kg" }, "quantity", /at most 3 decimals/],
      [{ quantity: "12" }, "unit", /is required with a quantity/],
      [{ steel_value: "20000" }, "steel_value", /is larger than the customs value/],
      [{ loaded_on: "2025-11-02" }, "loaded_on", /is after the entry date/],
      [{ mode: "ship" }, "mode", /"ship" is not one of vessel, air, truck, rail, postal/],
      [{ claims: "9903.88.69 8541.43" }, "claims", /"8541\.43" is not a Chapter 99 heading/],
      [{ excluded: "maybe" }, "excluded", /is not yes or no/],
      [{ excluded: "yes" }, "excluded", /importer CN\) only/],
    ];
    for (const [change, field, message] of cases) {
      const problem = parseEntryOrProblem({ ...good, ...change }, t);
      expect(problem).toMatchObject({ field, message: expect.stringMatching(message) });
    }
    expect(parseEntryOrProblem(good, t)).toMatchObject({
      entry: { code: "8541430010", valueCents: 1_000_000 },
    });
  });

  it("honours the claims and at columns as scenario compare --input does (a 301 exclusion, 9903.88.69)", async () => {
    // 8483.50.90.40: List 1 25% (9903.88.01) unless the exclusion of note 20(vvv)(i) item 1 is claimed.
    const { rows } = await batch(
      [
        "code,origin,date,value,claims,at",
        "8483.50.90.40,CN,2025-06-01,10000,9903.88.69,",
        "8483.50.90.40,CN,2025-06-01,10000,,",
      ].join("\n"),
    );
    expect(rows[1]?.[6]).toBe("32.8");
    expect(rows[1]?.[8]).not.toMatch(/9903\.88\.01/);
    expect(rows[2]?.[6]).toBe("57.8");
    expect(rows[2]?.[8]).toMatch(/9903\.88\.01:25%/);
  });

  it("refuses entry options beside --input instead of ignoring them (--origin, --value)", () => {
    const r = cli("duty", "--input", "x.csv", "--origin", "CN", "--value", "5");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /--input takes each entry from its row: --origin, --value cannot be used with it/,
    );
    // With --json (JSON lines output) the error is JSON.
    const j = cli("duty", "--input", "x.csv", "--json", "--origin", "CN");
    expect(j.status).toBe(2);
    expect(JSON.parse(j.stdout).error.message).toMatch(/--origin cannot be used with it/);
  });

  it("--json gives JSON lines: each row's result as truce duty --json prints it, or its error", () => {
    const input = join(dir, "json-lines.csv");
    writeFileSync(input, `${HEADER}\n${TC10}\n8541.43.00.10,XX,2025-11-01,100\n`);
    const r = cli("duty", "--input", input, "--json");
    expect(r.status).toBe(1);
    const [first, second] = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const single = JSON.parse(
      cli("duty", "8541.43.00.10", "--origin", "CN", "--date", "2025-11-01", "--value", "10000", "--json")
        .stdout,
    );
    expect(first).toEqual({
      line: 2,
      input: { code: "8541.43.00.10", origin: "CN", date: "2025-11-01", value: "10000" },
      result: single,
    });
    expect(second.line).toBe(3);
    expect(second.error).toMatchObject({ field: "origin", message: expect.stringMatching(/ISO 3166/) });
  });

  it("reads JSON lines input (*.jsonl) with the library's entry fields, a bad line an error row", async () => {
    const input = join(dir, "entries.jsonl");
    const output = join(dir, "entries.out.jsonl");
    writeFileSync(
      input,
      [
        JSON.stringify({ code: "8541430010", origin: "cn", date: "2025-11-01", value: 10000 }),
        "{not json",
        JSON.stringify({ code: "8541.43.00.10", orign: "CN", date: "2025-11-01", value: 1 }),
        "",
      ].join("\n"),
    );
    const summary = await runBatch(t, input, output, { workers: 0 });
    expect(summary).toMatchObject({ rows: 3, errors: 2, input: "jsonl", output: "jsonl" });
    const rows = readFileSync(output, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(rows[0].result.total).toEqual({ rate: 94, amount: "9400.00" });
    expect(rows[1]).toMatchObject({
      line: 2,
      error: { message: expect.stringMatching(/not a JSON object/) },
    });
    expect(rows[2]).toMatchObject({ line: 3, error: { field: "orign" } });
    await expect(runBatch(t, input, join(dir, "x.csv"), { workers: 0, output: "csv" })).rejects.toThrow(
      /JSON lines input gives JSON lines output/,
    );
  });

  it("keeps a row with too many columns whole in its first cell, under the header's width", async () => {
    const { rows, summary } = await batch([HEADER, "8541.43.00.10,CN,2025-11-01,100,extra", TC10].join("\n"));
    expect(rows[1]).toEqual([
      "8541.43.00.10,CN,2025-11-01,100,extra",
      "",
      "",
      "",
      "",
      "",
      "",
      "line 2: expected 4 columns, found 5",
    ]);
    for (const row of rows) expect(row).toHaveLength(8);
    expect(summary.errors).toBe(1);
  });

  it("keeps a quoted field with a comma and an embedded newline, and counts lines through it", async () => {
    const { text, rows } = await batch(
      `${HEADER},note\n${TC10},"solar cells, ""N-type""\nsecond line"\n8541.43.00.10,CN,2025-11-01,x,plain\n`,
    );
    expect(rows).toHaveLength(3);
    expect(rows[1]?.slice(0, 5)).toEqual([
      "8541.43.00.10",
      "CN",
      "2025-11-01",
      "10000",
      'solar cells, "N-type"\nsecond line',
    ]);
    expect(rows[1]?.slice(5)).toEqual(["94", "9400.00", expect.stringContaining("9903.91.02"), ""]);
    // The raw text of the record is written back as it came.
    expect(text).toContain(`${TC10},"solar cells, ""N-type""\nsecond line",94,9400.00,`);
    // The record spans lines 2-3, so the next one is line 4.
    expect(rows[2]?.[8]).toMatch(/^line 4: value: /);
  });

  it("reports an unterminated quoted field on the line where it starts, as one readable row", async () => {
    const rest = `8541.43.00.10,"CN,2025-11-01,10000\n${TC10}`;
    const { rows, summary } = await batch(`${HEADER}\n${TC10}\n${rest}\n`);
    expect(rows).toHaveLength(3);
    expect(rows[1]?.[5]).toBe("9400.00");
    // What follows the opening quote cannot be split into fields: it comes back whole in the first cell.
    expect(rows[2]).toEqual([rest, "", "", "", "", "", "", "line 3: unterminated quoted field"]);
    expect(summary).toMatchObject({ rows: 2, errors: 1, incomplete: 0, workerRows: 0 });
  });

  it("drops a UTF-8 byte order mark before the header and reads CRLF lines", async () => {
    const { text, rows } = await batch(`\uFEFF${HEADER}\r\n${TC10}\r\n`);
    expect(text.startsWith(`${HEADER},total_rate`)).toBe(true);
    expect(rows[1]?.slice(0, 6)).toEqual([...TC10.split(","), "94", "9400.00"]);
  });

  it("accepts columns in any order, in any case, with optional ones", async () => {
    const { rows } = await batch(
      "Value,Date,Origin,Code,Quantity,Unit\n10000,2025-11-01,CN,8541.43.00.10,,\n",
    );
    expect(rows[1]?.slice(6, 8)).toEqual(["94", "9400.00"]);
  });

  it("reads the importer and excluded columns (China's exclusion option on US soybeans)", async () => {
    const { rows } = await batch(
      [
        "code,origin,date,value,importer,excluded",
        "1201.90.19,US,2025-11-11,10000,CN,yes",
        "1201.90.19,US,2025-11-11,10000,CN,no",
        "1201.90.19,US,2025-11-11,10000,CN,maybe",
      ].join("\n"),
    );
    // Excluded: 3% MFN + 10% (CTC 2025-4); not excluded: the 25% of CTC 2018-5 as well.
    expect(rows[1]?.slice(6, 8)).toEqual(["13", "1300.00"]);
    expect(rows[2]?.slice(6, 8)).toEqual(["38", "3800.00"]);
    expect(rows[3]?.[9]).toBe('line 4: excluded: "maybe" is not yes or no');
  });

  it("fails with a clear message when the header lacks a required column", async () => {
    const input = join(dir, "no-value.csv");
    writeFileSync(input, `code,origin,date\n8541.43.00.10,CN,2025-11-01\n`);
    const run = runBatch(t, input, join(dir, "no-value.out.csv"), { workers: 0 });
    await expect(run).rejects.toThrow(InputError);
    await expect(runBatch(t, input, undefined, { workers: 0 })).rejects.toThrow(
      /header of .*no-value\.csv lacks the column\(s\) value \(required: code, origin, date, value\)/,
    );
  });

  it("fails on an empty file", async () => {
    const input = join(dir, "empty.csv");
    writeFileSync(input, "");
    await expect(runBatch(t, input, undefined, { workers: 0 })).rejects.toThrow(/is empty/);
  });

  it("gives the same output, in order, over many blocks and split by code with one or two worker threads", async () => {
    const lines = [`${HEADER},note`];
    const codes = ["8541.43.00.10", "8703.80.00", "6102.20.00.10", "4015.12.10", "8542.31.00", "9999.99"];
    for (let i = 0; i < 1500; i++) {
      const code = codes[i % codes.length];
      const note = i % 97 === 0 ? `"row ${i}, with ""quotes""\nand a newline"` : `row ${i}`;
      lines.push(
        `${code},${i % 3 ? "CN" : "VN"},2025-${String((i % 12) + 1).padStart(2, "0")}-15,${i}.5,${note}`,
      );
    }
    const csv = `${lines.join("\n")}\n`;
    const one = await batch(csv);
    const blocks = await batch(csv, { blockBytes: 1 });
    expect(one.rows).toHaveLength(1501);
    expect(blocks.text).toBe(one.text);
    for (const workers of [1, 2]) {
      const threaded = await batch(csv, { blockBytes: 1, workers });
      expect(threaded.text).toBe(one.text);
      expect({ ...threaded.summary, workerRows: 0 }).toEqual(one.summary);
      // The six codes fall in more than one part: the workers computed some rows, this thread others.
      expect(threaded.summary.workerRows).toBeGreaterThan(0);
      expect(threaded.summary.workerRows).toBeLessThan(1500);
    }
    expect(one.summary.errors).toBe(250); // 9999.99 is a heading, not a tariff line
  }, 60_000);

  it("computes a large file on two threads by default where two CPUs are available, a small one here", () => {
    expect(defaultWorkers(WORKER_FILE_BYTES - 1)).toBe(0);
    expect(defaultWorkers(WORKER_FILE_BYTES)).toBe(availableParallelism() >= 2 ? 1 : 0);
    expect(defaultWorkers(0)).toBe(0);
  });

  it("computes here the part of a worker whose law is not this thread's (a scenario), the header block included", async () => {
    const lapsed = truceFor(t, "truce-lapses-2025-11-10");
    const lines = [HEADER];
    const codes = ["8541.43.00.10", "8703.80.00", "6102.20.00.10", "4015.12.10", "8542.31.00", "0101.21.00"];
    for (let i = 0; i < 600; i++)
      lines.push(`${codes[i % codes.length]},CN,2025-12-${String((i % 28) + 1).padStart(2, "0")},${i}.25`);
    const csv = `${lines.join("\n")}\n`;
    const run = async (workers: number) => {
      const n = files++;
      const input = join(dir, `scenario-${n}.csv`);
      const output = join(dir, `scenario-${n}.out.csv`);
      writeFileSync(input, csv);
      const summary = await runBatch(lapsed, input, output, { workers, blockBytes: 2048 });
      return { text: readFileSync(output, "utf8"), summary };
    };
    const whole = await run(0);
    const split = await run(1);
    expect(split.summary.workerRows).toBe(0);
    expect(split.text).toBe(whole.text);
    // Under the lapsed truce the solar cell pays more than the 94% of TC10.
    expect(whole.text.split("\n")[1]).not.toMatch(/,94,/);
  }, 60_000);

  it("writes text in any script and specific rates as UTF-8 (fresh tomatoes: 3.9¢/kg)", async () => {
    const csv = `${HEADER},note\n0702.00.20.02,MX,2025-06-01,1000,"tomates, café, 番茄"\n`;
    const { rows } = await batch(csv);
    expect(rows[1]?.[4]).toBe("tomates, café, 番茄");
    expect(rows[1]?.[7]).toBe("0702.00.20.02:3.9¢/kg=n/a");
    expect(rows[1]?.[8]).toMatch(/^line 2: incomplete: MFN rate "3.9¢\/kg" needs a quantity/);
  });
});

describe("Output", () => {
  it("writes amounts exactly as formatCents does", () => {
    const amounts = [
      0,
      -0,
      1,
      5,
      9,
      10,
      99,
      100,
      101,
      1234,
      -1,
      -99,
      -100,
      -12_345,
      2 ** 53 - 1,
      -(2 ** 53 - 1),
    ];
    for (let x = 7; x < 1e15; x = x * 13 + 1) amounts.push(x, -x);
    const w = new Output(new Uint8Array(4));
    for (const cents of amounts) {
      w.length = 0;
      w.cents(cents);
      expect(Buffer.from(w.out.subarray(0, w.length)).toString("utf8")).toBe(formatCents(cents));
    }
  });
});
