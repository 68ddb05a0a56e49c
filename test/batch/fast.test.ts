/**
 * The batch's fast path (src/batch/fast.ts) against the general path: the same CSV output, byte for
 * byte, on a sample of rows drawn with an exact integer PRNG (US codes of every era dotted or not,
 * HTS8 codes, Chinese HS6 codes, dates 2018-2026, origins with and without special rules, column 2
 * origins, claims and quantities that leave the fast path, codes out of force on their date), each
 * code seen on many dates, so that most rows are priced from what the fast path learned.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { Buffers } from "../../src/batch/blocks.js";
import { Rows } from "../../src/batch/rows.js";
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
  // 400 days of 2018-2026, each on many rows (the fast path knows a day once the general path has seen it).
  const days = Array.from({ length: 400 }, () =>
    new Date(FIRST_DAY + s.below(DAYS) * 86_400_000).toISOString().slice(0, 10),
  );
  const day = () => s.pick(days);
  const value = () =>
    `${s.int(0, 999_999)}${s.chance(4, 5) ? `.${String(s.below(100)).padStart(2, "0")}` : ""}`;
  const lines = [HEADER];
  const row = (code: string, origin: string, importer: string) => {
    const extra = s.below(40);
    // Mostly the common form; some rows with a claim or a quantity (the general path's).
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

function run(csv: string, fastPath: boolean): { text: string; fastRows: number; errors: number } {
  const rows = new Rows(t, { kind: "duty" }, "csv", "csv", "sample.csv", fastPath);
  const r = rows.block(Buffer.from(csv), 0, new Buffers());
  return {
    text: Buffer.from(r.out.subarray(0, r.length)).toString("utf8"),
    fastRows: rows.fastRows,
    errors: r.errors,
  };
}

describe("the batch's fast path", () => {
  it("writes the general path's output byte for byte, while pricing most rows", () => {
    const csv = sample(20251101);
    const fast = run(csv, true);
    const plain = run(csv, false);
    expect(plain.fastRows).toBe(0);
    const rows = csv.split("\n").length - 2;
    expect(fast.fastRows).toBeGreaterThan(rows / 2);
    // Codes out of force on their date are in the sample (plain error rows on both paths).
    expect(plain.errors).toBeGreaterThan(0);
    expect(fast.errors).toBe(plain.errors);
    const a = fast.text.split("\n");
    const b = plain.text.split("\n");
    expect(a.length).toBe(b.length);
    for (let i = 0; i < a.length; i++)
      if (a[i] !== b[i]) expect({ line: i, row: a[i] }).toEqual({ line: i, row: b[i] });
  });
});
