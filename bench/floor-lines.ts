/**
 * A second, idiomatic floor (for information): the same copy line by line with `readline`, as a
 * plain script would usually be written. `node dist/bench/floor-lines.js in.csv out.csv`.
 * The target is measured against the faster block floor (floor.ts).
 */
import { createReadStream, createWriteStream } from "node:fs";
import { createInterface } from "node:readline";

const [input, output] = process.argv.slice(2);
if (!input || !output) throw new Error("usage: floor-lines.js <in.csv> <out.csv>");
const out = createWriteStream(output);
let first = true;
for await (const line of createInterface({
  input: createReadStream(input),
  crlfDelay: Number.POSITIVE_INFINITY,
})) {
  const ok = out.write(`${line}${first ? ",total_rate,total_amount,layers,error" : ",0,0.00,,"}\n`);
  first = false;
  if (!ok) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
}
await new Promise<void>((resolve) => out.end(resolve));
