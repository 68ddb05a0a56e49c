// `npm run bench` entry point: the benchmarks are written in TypeScript and built by `npm run build`.
// `node bench/run.js api` runs only the API's, `node bench/run.js search` only search as you type,
// `node bench/run.js startup` only the single call's (also part of the whole bench), `node bench/run.js
// screening` only the name screening's, `node bench/run.js ingest` only the reading of news articles.
const only = process.argv[2];
if (only === undefined) await import("../dist/bench/bench.js");
if (only === undefined || only === "api") await import("../dist/bench/api.js");
if (only === undefined || only === "search") await import("../dist/bench/search.js");
if (only === undefined || only === "screening") await import("../dist/bench/screening.js");
if (only === undefined || only === "ingest") await import("../dist/bench/ingest.js");
if (only === "startup") {
  const { measureSingleCall, singleCallLines } = await import("../dist/bench/single.js");
  process.stdout.write(`${singleCallLines(measureSingleCall(11)).join("\n")}\n`);
}
