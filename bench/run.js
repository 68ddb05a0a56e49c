// `npm run bench` entry point: the benchmarks are written in TypeScript and built by `npm run build`.
// `node bench/run.js api` runs only the API's.
const only = process.argv[2];
if (only !== "api") await import("../dist/bench/bench.js");
await import("../dist/bench/api.js");
