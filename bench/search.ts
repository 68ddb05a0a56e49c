/**
 * `npm run bench` (or `node bench/run.js search` alone): search as you type. Realistic queries typed
 * one keystroke at a time ("s", "so", "sol", … "solar cells"; codes digit by digit; China's HS), each
 * prefix one search:
 * - in process: the time of each keystroke's search over a built index (wall and CPU), p50/p99/max,
 *   and the time to build each index (once, on the first search);
 * - over HTTP: `truce serve` on loopback, its indexes built by a first request, then autocannon sends
 *   the keystroke URLs in turn; p99 against the target (≤ 20 ms).
 * The machine's load is printed with the numbers. Writes bench/out/search.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { loadCnSchedule } from "../src/nomenclature/cn.js";
import { defaultHtsDir, loadHts } from "../src/nomenclature/hts.js";
import { type Nomenclature, Searcher } from "../src/nomenclature/search.js";
import { OUT, processCpuMs, startServer } from "./common.js";

const TARGET_HTTP_P99_MS = 20;
const ROUNDS = 20;
const CONNECTIONS = 10;
const SECONDS = 10;

/** What people look for, as they would type it. */
const TYPED: { text: string; nomenclature: Nomenclature }[] = [
  ...[
    "solar cells",
    "lithium ion batteries",
    "steel screws",
    "wooden furniture",
    "cotton t-shirts",
    "electric vehicles",
    "laptop computers",
    "aluminum foil",
    "toys",
    "smartphones",
    "semiconductors",
    "men's shoes of leather",
    "frozen shrimp",
    "ball bearings",
    "8541.43.00.10",
    "9503",
    "6110.20",
  ].map((text) => ({ text, nomenclature: "hts" as const })),
  ...["soybeans", "pork", "liquefied natural gas", "1201.90", "cars"].map((text) => ({
    text,
    nomenclature: "hs" as const,
  })),
];

/** Every prefix of every typed query, in typing order. */
const KEYSTROKES = TYPED.flatMap(({ text, nomenclature }) =>
  Array.from({ length: text.length }, (_, k) => ({ q: text.slice(0, k + 1), nomenclature })),
);

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] as number;
const ms = (x: number) => Math.round(x * 1000) / 1000;

// ------------------------------------------------------------------------------------------------ in process

const hts = loadHts();
const searcher = new Searcher(hts, loadCnSchedule(join(defaultHtsDir(), "..", "cn")));
const build: Record<string, { wallMs: number; cpuMs: number }> = {};
for (const nomenclature of ["hts", "hs"] as const) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  searcher.search("x", { nomenclature });
  const cpu = process.cpuUsage(c0);
  build[nomenclature] = {
    wallMs: Math.round(performance.now() - t0),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
  };
}
const wall: number[] = [];
const cpu: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  for (const { q, nomenclature } of KEYSTROKES) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    searcher.search(q, { nomenclature });
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
}
wall.sort((a, b) => a - b);
cpu.sort((a, b) => a - b);
const inProcess = {
  keystrokes: KEYSTROKES.length,
  rounds: ROUNDS,
  wallMs: {
    p50: ms(percentile(wall, 0.5)),
    p99: ms(percentile(wall, 0.99)),
    max: ms(wall[wall.length - 1] ?? 0),
  },
  cpuMs: { p50: ms(percentile(cpu, 0.5)), p99: ms(percentile(cpu, 0.99)), max: ms(cpu[cpu.length - 1] ?? 0) },
  indexBuild: build,
  loadAverage: loadavg()
    .map((x) => x.toFixed(2))
    .join(" "),
};
process.stdout.write(
  `\nSearch as you type, in process: ${KEYSTROKES.length} keystrokes × ${ROUNDS}: ` +
    `wall p50 ${inProcess.wallMs.p50} ms, p99 ${inProcess.wallMs.p99} ms, max ${inProcess.wallMs.max} ms; ` +
    `CPU p99 ${inProcess.cpuMs.p99} ms; index built in ${build.hts?.wallMs} ms (HTS), ${build.hs?.wallMs} ms (HS) ` +
    `(load average ${inProcess.loadAverage})\n`,
);

// ------------------------------------------------------------------------------------------------ over HTTP

const paths = KEYSTROKES.map(
  ({ q, nomenclature }) =>
    `/v1/search?q=${encodeURIComponent(q)}${nomenclature === "hs" ? "&nomenclature=hs" : ""}`,
);
const server = await startServer();
try {
  for (const nomenclature of ["hts", "hs"]) {
    const r = await fetch(`${server.url}/v1/search?q=x&nomenclature=${nomenclature}`);
    if (r.status !== 200) throw new Error(`GET /v1/search answered ${r.status}`);
  }
  let next = 0;
  const before = loadavg();
  const cpuBefore = processCpuMs(server.pid);
  const r = await autocannon({
    url: server.url,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [
      {
        setupRequest: (req) => {
          req.path = paths[next++ % paths.length] as string;
          return req;
        },
      },
    ],
  });
  const cpuAfter = processCpuMs(server.pid);
  const serverCpuMsPerRequest =
    cpuBefore === null || cpuAfter === null || r.requests.total === 0
      ? null
      : ms((cpuAfter - cpuBefore) / r.requests.total);
  const overHttp = {
    endpoint: "GET /v1/search",
    distinctQueries: paths.length,
    connections: CONNECTIONS,
    seconds: SECONDS,
    requestsPerSecond: Math.round(r.requests.average),
    latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max },
    errors: r.errors,
    non2xx: r.non2xx,
    /** The server's CPU per request: what the load on the machine does not change. */
    serverCpuMsPerRequest,
    target: { p99Ms: TARGET_HTTP_P99_MS },
    met: r.latency.p99 <= TARGET_HTTP_P99_MS && r.non2xx === 0 && r.errors === 0,
    machine: {
      cpus: `${availableParallelism()} × ${cpus()[0]?.model ?? "?"}`,
      loadAverageBefore: before.map((x) => x.toFixed(2)).join(" "),
      loadAverageAfter: loadavg()
        .map((x) => x.toFixed(2))
        .join(" "),
      note: "autocannon runs on the same cores as the server",
    },
  };
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, "search.json"), `${JSON.stringify({ inProcess, overHttp }, null, 2)}\n`);
  process.stdout.write(
    `Search as you type, over HTTP: ${paths.length} keystroke URLs, ${CONNECTIONS} connections, ${SECONDS} s: ` +
      `${overHttp.requestsPerSecond} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms; ` +
      `${r.errors} errors, ${r.non2xx} non-2xx; server CPU ${serverCpuMsPerRequest ?? "?"} ms a request\n` +
      `  target p99 ≤ ${TARGET_HTTP_P99_MS} ms: ${overHttp.met ? "met" : "NOT met"} ` +
      `(load average ${overHttp.machine.loadAverageBefore} before, ${overHttp.machine.loadAverageAfter} after; ${overHttp.machine.cpus})\n`,
  );
} finally {
  server.stop();
}
