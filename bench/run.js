// `npm run bench` entry point: the benchmark is written in TypeScript and built by `npm run build`.
await import("../dist/bench/bench.js");
