/**
 * The limit: what a batch cannot go below while still pricing each row. It splits each line (finds the
 * code and the value), looks up
 * the rate prepared for the code as written (bench/out/rates.csv, written with the inputs), multiplies
 * the value by it once and writes the batch's output columns (total_rate, total_amount, layers, error).
 * No validation, no dates, no law. `node dist/bench/limit.js rates.csv in.csv out.csv`.
 */
import { createReadStream, createWriteStream, readFileSync } from "node:fs";

const [ratesPath, input, output] = process.argv.slice(2);
if (!ratesPath || !input || !output) throw new Error("usage: limit.js <rates.csv> <in.csv> <out.csv>");

/** Code as written → [rate as a percentage text, rate as a fraction]. */
const rates = new Map<string, [string, number]>();
for (const line of readFileSync(ratesPath, "utf8").split("\n").slice(1)) {
  const comma = line.indexOf(",");
  if (comma < 0) continue;
  const ppm = Number(line.slice(comma + 1));
  rates.set(line.slice(0, comma), [String(ppm / 10_000), ppm / 1_000_000]);
}

const out = createWriteStream(output);
let pending = "";
let buf = "";
let first = true;
const row = (line: string): string => {
  if (first) {
    first = false;
    return `${line},total_rate,total_amount,layers,error\n`;
  }
  // The fields needed: the code (first) and the value (fourth).
  const afterCode = line.indexOf(",");
  const code = line.slice(0, afterCode);
  const rate = rates.get(code);
  if (rate === undefined) return `${line},,,,unknown code\n`;
  const afterDate = line.indexOf(",", line.indexOf(",", afterCode + 1) + 1);
  const afterValue = line.indexOf(",", afterDate + 1);
  const value = line.slice(afterDate + 1, afterValue < 0 ? line.length : afterValue);
  const amount = (Number(value) * rate[1]).toFixed(2);
  return `${line},${rate[0]},${amount},${code}:${rate[0]}%=${amount},\n`;
};
for await (const chunk of createReadStream(input, { encoding: "utf8", highWaterMark: 1 << 20 })) {
  const text = pending + (chunk as string);
  let start = 0;
  for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n", start)) {
    buf += row(text.slice(start, nl));
    start = nl + 1;
  }
  pending = text.slice(start);
  if (buf.length > 1 << 16) {
    if (!out.write(buf)) await new Promise<void>((r) => out.once("drain", () => r()));
    buf = "";
  }
}
if (pending) buf += row(pending);
out.write(buf);
await new Promise<void>((resolve) => out.end(resolve));
