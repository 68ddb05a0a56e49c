/**
 * `npm run bench` (or `npm run bench:api` alone): the single-duty endpoint under load. Starts
 * `truce serve` in its own process on loopback, then autocannon asks GET /v1/duty over distinct
 * entries (real HTS10 codes in force over the whole range, dates 2018–2026, ~70% CN origins),
 * rotating through them, and reports requests/s and latency percentiles against the targets
 * (≥ 5,000 req/s, p99 ≤ 10 ms on 2 cores). The machine's load is printed with the numbers, since
 * autocannon shares the cores with the server. Writes bench/out/api.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { loadHts } from "../src/nomenclature/hts.js";
import { OUT, prng, SEED, startServer } from "./common.js";
import { FIRST_DAY, LAST_DAY } from "./generate.js";

const ENTRIES = 4000;
const CONNECTIONS = 50;
const SECONDS = 10;
const TARGET = { requestsPerSecond: 5000, p99Ms: 10 };

/** HTS10 codes in force on every date of the range (on the first day and on each date their line may change). */
function codesInForceThroughout(): string[] {
  const hts = loadHts();
  return [...hts.codes10()].filter((c) =>
    [FIRST_DAY, ...hts.changeDates(c, FIRST_DAY, LAST_DAY)].every((d) => hts.inForce(c, d) !== undefined),
  );
}

/** Distinct duty URLs, deterministic for the seed. */
function dutyPaths(): string[] {
  const codes = codesInForceThroughout();
  const random = prng(SEED);
  const first = Date.parse(`${FIRST_DAY}T00:00:00Z`);
  const span = (Date.parse(`${LAST_DAY}T00:00:00Z`) - first) / 86_400_000;
  const origins = ["HK", "VN", "MX", "DE", "US"];
  const paths = new Set<string>();
  while (paths.size < ENTRIES) {
    const code = codes[Math.floor(random() * codes.length)] as string;
    const origin = random() < 0.7 ? "CN" : (origins[Math.floor(random() * origins.length)] as string);
    const date = new Date(first + Math.floor(random() * (span + 1)) * 86_400_000).toISOString().slice(0, 10);
    const value = (Math.exp(random() * Math.log(1_000_000)) + 1).toFixed(2);
    paths.add(`/v1/duty?code=${code}&origin=${origin}&date=${date}&value=${value}`);
  }
  return [...paths];
}

async function load(url: string, paths: string[], seconds: number): Promise<autocannon.Result> {
  let next = 0;
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        setupRequest: (req) => {
          req.path = paths[next++ % paths.length] as string;
          return req;
        },
      },
    ],
  });
}

const paths = dutyPaths();
const server = await startServer();
try {
  // Each distinct answer once, so that the measure is of a warm process (as a service runs).
  await load(server.url, paths, 3);
  const before = loadavg();
  const r = await load(server.url, paths, SECONDS);
  const result = {
    endpoint: "GET /v1/duty",
    distinctEntries: paths.length,
    connections: CONNECTIONS,
    seconds: SECONDS,
    requestsPerSecond: Math.round(r.requests.average),
    latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max },
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    machine: {
      cpus: `${availableParallelism()} × ${cpus()[0]?.model ?? "?"}`,
      loadAverageBefore: before.map((x) => x.toFixed(2)).join(" "),
      loadAverageAfter: loadavg()
        .map((x) => x.toFixed(2))
        .join(" "),
      note: "autocannon runs on the same cores as the server",
    },
    target: TARGET,
    met: r.requests.average >= TARGET.requestsPerSecond && r.latency.p99 <= TARGET.p99Ms,
  };
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, "api.json"), `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(
    `\nAPI: GET /v1/duty over ${paths.length} distinct entries, ${CONNECTIONS} connections, ${SECONDS} s\n` +
      `  ${result.requestsPerSecond} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms; ` +
      `${r.errors} errors, ${r.non2xx} non-2xx\n` +
      `  target ≥ ${TARGET.requestsPerSecond} req/s and p99 ≤ ${TARGET.p99Ms} ms: ${result.met ? "met" : "NOT met"}` +
      ` (load average ${result.machine.loadAverageBefore} before, ${result.machine.loadAverageAfter} after; ${result.machine.cpus})\n`,
  );
} finally {
  server.stop();
}
