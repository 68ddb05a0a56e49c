// `npm run bench` entry point: the benchmarks are written in TypeScript and built by `npm run build`.
// `node bench/run.js api` runs only the API's, `node bench/run.js search` only search as you type.
const only = process.argv[2];
if (only === undefined) await import("../dist/bench/bench.js");
if (only === undefined || only === "api") await import("../dist/bench/api.js");
if (only === undefined || only === "search") await import("../dist/bench/search.js");
