/**
 * A CSV batch split by code between threads (src/batch/rows.ts `Part`, `mergeParts`) against the
 * same batch computed whole: the same output, byte for byte, and the same totals, on a sample of rows
 * drawn with an exact integer PRNG (US codes of every era dotted or not, HTS8 codes, Chinese HS6
 * codes, dates 2018-2026, origins with and without special rules, column 2 origins, claims and
 * quantities, codes out of force on their date, short rows and quoted rows), in one block and in
 * many.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { Buffers } from "../../src/batch/blocks.js";
import { Output } from "../../src/batch/output.js";
import { mergeParts, partOf, Rows } from "../../src/batch/rows.js";
import { formatCode } from "../../src/nomenclature/codes.js";
import { loadTruce, type Truce } from "../../src/truce.js";
import { Sampler } from "../differential/sampler.js";

let t: Truce;

beforeAll(() => {
  t = loadTruce();
});

const HEADER = "code,origin,date,value,importer,claims,quantity,unit";
const US_ORIGINS = ["CN", "CN", "CN", "HK", "VN", "MX", "DE", "RU", "KP", "JP"];
const CN_ORIGINS = ["US", "US", "US", "DE", "JP"];
const FIRST_DAY = Date.UTC(2018, 0, 2);
const DAYS = 3250; // to 2026-11-24

function sample(seed: number): string {
  const s = new Sampler(seed);
  const codes10 = [...t.hts.codes10()];
  const codes8 = [...t.hts.codes8()];
  const hs6 = [...t.cn.codes()];
  // 400 days of 2018-2026, each on many rows.
  const days = Array.from({ length: 400 }, () =>
    new Date(FIRST_DAY + s.below(DAYS) * 86_400_000).toISOString().slice(0, 10),
  );
  const day = () => s.pick(days);
  const value = () =>
    `${s.int(0, 999_999)}${s.chance(4, 5) ? `.${String(s.below(100)).padStart(2, "0")}` : ""}`;
  const lines = [HEADER];
  const row = (code: string, origin: string, importer: string) => {
    const extra = s.below(40);
    // Mostly the common form; some rows with a claim or a quantity.
    const claims = extra === 0 ? "9903.88.69" : "";
    const quantity = extra === 1 ? "12,kg" : ",";
    lines.push(`${code},${origin},${day()},${value()},${importer},${claims},${quantity}`);
  };
  for (let k = 0; k < 300; k++) {
    const code = s.pick(codes10);
    for (let n = 0; n < 20; n++)
      row(s.chance(1, 2) ? formatCode(code) : code, s.pick(US_ORIGINS), s.chance(1, 3) ? "US" : "");
  }
  for (let k = 0; k < 40; k++) {
    const code = s.pick(codes8);
    for (let n = 0; n < 10; n++) row(s.chance(1, 2) ? formatCode(code) : code, s.pick(US_ORIGINS), "US");
  }
  for (let k = 0; k < 80; k++) {
    const code = s.pick(hs6);
    for (let n = 0; n < 10; n++) row(s.chance(1, 2) ? formatCode(code) : code, s.pick(CN_ORIGINS), "CN");
  }
  return `${lines.join("\n")}\n`;
}

/** The sample with some malformed rows: short, quoted with a newline, with a bad value. */
function withBadRows(csv: string): string {
  const lines = csv.trimEnd().split("\n");
  for (let i = 7; i < lines.length; i += 211)
    lines[i] = (lines[i] as string).split(",").slice(0, 2).join(",");
  for (let i = 11; i < lines.length; i += 307)
    lines[i] = `"${lines[i]?.split(",")[0]}\nsplit",CN,2025-01-01,1`;
  for (let i = 13; i < lines.length; i += 401) lines[i] = (lines[i] as string).replace(/,(\d+)/, ",1.2.3");
  return `${lines.join("\n")}\n`;
}

interface Run {
  text: string;
  rows: number;
  errors: number;
}

/** Holds a run equal to the expected one: its counts, then its output line by line (naming the first that differs). */
function expectSame(label: object, got: Run, want: Run): void {
  expect({ ...label, rows: got.rows, errors: got.errors }).toEqual({
    ...label,
    rows: want.rows,
    errors: want.errors,
  });
  const a = got.text.split("\n");
  const b = want.text.split("\n");
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++)
    if (a[i] !== b[i]) expect({ ...label, line: i, row: a[i] }).toEqual({ ...label, line: i, row: b[i] });
}

/** The output of the CSV computed whole, or in `of` parts merged, over blocks of `blockBytes`. */
function run(csv: string, of: number, blockBytes: number): Run {
  const bytes = Buffer.from(csv);
  const whole = new Rows(t, { kind: "duty" }, "csv", "csv", "sample.csv");
  const parts = Array.from(
    { length: of },
    (_, index) => new Rows(t, { kind: "duty" }, "csv", "csv", "sample.csv", { index, of }),
  );
  const out: string[] = [];
  let rows = 0;
  let errors = 0;
  let lines = 0;
  for (let start = 0; start < bytes.length; ) {
    // Blocks end after a newline outside quotes (as BlockReader's do).
    let end = Math.min(bytes.length, start + blockBytes);
    while (end < bytes.length && (bytes[end - 1] !== 0x0a || quotesIn(bytes.subarray(start, end)) % 2 === 1))
      end++;
    const block = bytes.subarray(start, end);
    const r =
      of === 1
        ? whole.block(block, lines, new Buffers())
        : mergeParts(
            parts.map((p) => p.block(block, lines, new Buffers())),
            new Output(new Uint8Array(16)),
          );
    out.push(Buffer.from(r.out.subarray(0, r.length)).toString("utf8"));
    rows += r.rows;
    errors += r.errors;
    lines += block.filter((b) => b === 0x0a).length;
    start = end;
  }
  return { text: out.join(""), rows, errors };
}

function quotesIn(b: Uint8Array): number {
  let n = 0;
  for (const x of b) if (x === 0x22) n++;
  return n;
}

describe("a CSV batch split by code", () => {
  it("writes the whole batch's output byte for byte, with its totals, in 2 or 3 parts and over many blocks", () => {
    const csv = withBadRows(sample(20251101));
    const whole = run(csv, 1, 1 << 20);
    const twoLineRecords = (csv.split('"').length - 1) / 2; // each opens and closes a quote
    // Lines less the header, the last newline and the second line of each two-line record.
    expect(whole.rows).toBe(csv.split("\n").length - 2 - twoLineRecords);
    expect(whole.errors).toBeGreaterThan(20);
    for (const [of, blockBytes] of [
      [2, 1 << 20],
      [3, 1 << 20],
      [2, 4096],
    ] as const) {
      expectSame({ of, blockBytes }, run(csv, of, blockBytes), whole);
    }
  });

  it("computes a block without quotes in order of heading with the output of record by record", () => {
    // Rows of all kinds, with lines the byte-level reading must take as CsvRecords does: empty lines,
    // CRLF line ends, codes of fewer than four digits or none, short rows, text that is not ASCII.
    const odd = [
      "",
      "8541.43.00.10,CN,2025-06-02,1000,US\r",
      "85,CN,2025-06-02,10,US",
      "abc,CN,2025-06-02,10,US",
      ",CN,2025-06-02,10,US",
      "8541",
      "8541.43.00.10,CN",
      "\r",
      "8541.43.00.10,Ćina,2025-06-02,10,US",
      "0101.21.00.10,MX,2026-01-15,99.5,US,,,",
    ];
    const lines = sample(20260101).trimEnd().split("\n");
    for (const [k, row] of odd.entries()) lines.splice(1 + 97 * (k + 1), 0, row);
    const csv = `${lines.join("\n")}\n`;
    // Record by record: the same rows and one quoted record after them (a block with a quote is read
    // by CsvRecords, in input order); its output is the last line.
    const quoted = run(`${csv}"x",CN,2025-01-01,1,US,,,\n`, 1, 1 << 20);
    const out = quoted.text.split("\n");
    out.splice(-2, 1);
    const reference = { text: out.join("\n"), rows: quoted.rows - 1, errors: quoted.errors - 1 };
    for (const [of, blockBytes] of [
      [1, 1 << 20],
      [1, 1000],
      [2, 1 << 20],
      [3, 5000],
    ] as const)
      expectSame({ of, blockBytes }, run(csv, of, blockBytes), reference);
  });

  it("puts every spelling of a code, and every code of a heading, in one part, and spreads headings over the parts", () => {
    const of = 3;
    const at = (code: string) => partOf(code, 0, code.length, of);
    expect(at("8541.43.00.10")).toBe(at("8541430010"));
    expect(at("8541.43")).toBe(at("854143"));
    // The schedules are read by heading: a thread reads only the headings of its part.
    for (const code of ["8541.10.00.80", "8541.43", "854190", "8541.49.10", "8541"])
      expect(at(code)).toBe(at("8541430010"));
    const headings = ["0101", "2804", "3920", "6203", "7208", "8418", "8541", "8703", "9403"];
    const seen = new Set(headings.map(at));
    expect(seen.size).toBe(of);
    // Headings spread about evenly over two parts (the default split of a large file).
    const byPart = [0, 0];
    for (let h = 100; h < 10_000; h++) {
      const code = String(h).padStart(4, "0");
      byPart[partOf(code, 0, 4, 2)]++;
    }
    expect(Math.min(...byPart) / Math.max(...byPart)).toBeGreaterThan(0.9);
  });
});
