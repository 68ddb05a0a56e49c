/**
 * The floor: streams a CSV in and writes it back out with four constant extra columns, with no
 * parsing beyond splitting lines. `node dist/bench/floor.js in.csv out.csv`.
 */
import { createReadStream, createWriteStream } from "node:fs";

const [input, output] = process.argv.slice(2);
if (!input || !output) throw new Error("usage: floor.js <in.csv> <out.csv>");
const out = createWriteStream(output);
let pending = "";
let buf = "";
let first = true;
for await (const chunk of createReadStream(input, { encoding: "utf8", highWaterMark: 1 << 20 })) {
  const text = pending + (chunk as string);
  let start = 0;
  for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n", start)) {
    buf += `${text.slice(start, nl)}${first ? ",total_rate,total_amount,layers,error" : ",0,0.00,,"}\n`;
    first = false;
    start = nl + 1;
  }
  pending = text.slice(start);
  if (buf.length > 1 << 16) {
    if (!out.write(buf)) await new Promise<void>((r) => out.once("drain", () => r()));
    buf = "";
  }
}
if (pending) buf += `${pending},0,0.00,,\n`;
out.write(buf);
await new Promise<void>((resolve) => out.end(resolve));
