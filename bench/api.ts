/**
 * `npm run bench` (or `npm run bench:api` alone): the API under load. Starts `truce serve` in its own
 * process on loopback, then
 * - the single-duty endpoint: autocannon asks GET /v1/duty over distinct entries (real HTS10 codes in
 *   force over the whole range, dates 2018–2026, ~70% CN origins), rotating through them, and reports
 *   requests/s, latency percentiles and the server's CPU time per request against the targets
 *   (≥ 5,000 req/s, p99 ≤ 10 ms on 2 cores);
 * - the batch upload: 100,000 distinct realistic rows (bench/generate.ts, some bad) POSTed to
 *   /v1/batch and read back as they stream, against `truce duty --input` on the same file in the
 *   same run (runs interleaved; target: the upload at most 2 times the CLI), the two outputs checked
 *   byte for byte.
 * The machine's load is printed with the numbers, since autocannon and the upload share the cores
 * with the server. Writes bench/out/api.json.
 */
import { spawn } from "node:child_process";
import {
  createReadStream,
  createWriteStream,
  mkdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { request } from "node:http";
import { availableParallelism, cpus, loadavg } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { loadHts } from "../src/nomenclature/hts.js";
import { CLI, OUT, prng, SEED, startServer } from "./common.js";
import { ensureInputs, FIRST_DAY, LAST_DAY } from "./generate.js";

const ENTRIES = 4000;
const CONNECTIONS = 50;
const SECONDS = 10;
const TARGET = { requestsPerSecond: 5000, p99Ms: 10 };
const BATCH_ROWS = 100_000;
const BATCH_RUNS = 3;
const BATCH_TARGET_RATIO = 2;

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

/** Load on the duty endpoint: for `seconds`, or until `amount` requests have been answered. */
async function load(
  url: string,
  paths: string[],
  until: { seconds: number } | { amount: number },
): Promise<autocannon.Result> {
  let next = 0;
  return autocannon({
    url,
    connections: CONNECTIONS,
    ...("seconds" in until ? { duration: until.seconds } : { amount: until.amount }),
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

/** CPU time (user + system) a process has used so far, in ms (Linux /proc; 0 elsewhere). */
function cpuMs(pid: number): number {
  try {
    const fields = (readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1] ?? "").split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}

/** `truce duty --input` on a file, timed. */
function cliBatch(input: string, output: string): Promise<{ wallMs: number; code: number | null }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [CLI, "duty", "--input", input, "--output", output], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    child.stderr.resume();
    child.on("error", reject);
    child.on("close", (code) => resolve({ wallMs: performance.now() - t0, code }));
  });
}

/** The same file POSTed to /v1/batch as a stream, the answer written to `output` as it comes. */
function apiBatch(
  url: string,
  input: string,
  output: string,
): Promise<{
  wallMs: number;
  firstByteMs: number;
  status: number;
  trailers: Record<string, string | undefined>;
}> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let firstByteMs = 0;
    const { hostname, port } = new URL(url);
    const req = request(
      {
        hostname,
        port,
        path: "/v1/batch",
        method: "POST",
        headers: { "content-type": "text/csv", "content-length": String(statSync(input).size) },
      },
      (res) => {
        const out = createWriteStream(output);
        res.once("data", () => (firstByteMs = performance.now() - t0));
        res.pipe(out);
        out.on("finish", () =>
          resolve({
            wallMs: performance.now() - t0,
            firstByteMs,
            status: res.statusCode ?? 0,
            trailers: res.trailers,
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    createReadStream(input).pipe(req);
  });
}

const paths = dutyPaths();
const batchInput = join(OUT, "api-batch.csv");
mkdirSync(OUT, { recursive: true });
await ensureInputs(
  { realistic: batchInput, valid: join(OUT, "api-batch-valid.csv"), rates: join(OUT, "api-batch-rates.csv") },
  { rows: BATCH_ROWS, seed: SEED },
);
const server = await startServer();
const machine = () => ({
  cpus: `${availableParallelism()} × ${cpus()[0]?.model ?? "?"}`,
  loadAverage: loadavg()
    .map((x) => x.toFixed(2))
    .join(" "),
});
try {
  // Each distinct answer twice, so that the measure is of a warm process (as a service runs).
  await load(server.url, paths, { amount: 2 * paths.length });
  const before = loadavg();
  const cpu0 = cpuMs(server.pid);
  const r = await load(server.url, paths, { seconds: SECONDS });
  const serverCpuUsPerRequest = Math.round((1000 * (cpuMs(server.pid) - cpu0)) / r.requests.total);
  const duty = {
    endpoint: "GET /v1/duty",
    distinctEntries: paths.length,
    connections: CONNECTIONS,
    seconds: SECONDS,
    requestsPerSecond: Math.round(r.requests.average),
    latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max },
    serverCpuUsPerRequest,
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    machine: {
      cpus: machine().cpus,
      loadAverageBefore: before.map((x) => x.toFixed(2)).join(" "),
      loadAverageAfter: machine().loadAverage,
      note: "autocannon runs on the same cores as the server",
    },
    target: TARGET,
    met: r.requests.average >= TARGET.requestsPerSecond && r.latency.p99 <= TARGET.p99Ms,
  };
  process.stdout.write(
    `\nAPI: GET /v1/duty over ${paths.length} distinct entries, ${CONNECTIONS} connections, ${SECONDS} s\n` +
      `  ${duty.requestsPerSecond} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms; ` +
      `server ${serverCpuUsPerRequest} µs CPU a request; ${r.errors} errors, ${r.non2xx} non-2xx\n` +
      `  target ≥ ${TARGET.requestsPerSecond} req/s and p99 ≤ ${TARGET.p99Ms} ms: ${duty.met ? "met" : "NOT met"}` +
      ` (load average ${duty.machine.loadAverageBefore} before, ${duty.machine.loadAverageAfter} after; ${duty.machine.cpus})\n`,
  );

  // The batch: CLI and upload interleaved, the best of each compared.
  const cliOut = join(OUT, "api-batch-cli-out.csv");
  const apiOut = join(OUT, "api-batch-api-out.csv");
  const loadBefore = machine().loadAverage;
  const cliRuns: number[] = [];
  const apiRuns: { wallMs: number; firstByteMs: number; serverCpuMs: number }[] = [];
  let trailers: Record<string, string | undefined> = {};
  for (let k = 0; k < BATCH_RUNS; k++) {
    const c = await cliBatch(batchInput, cliOut);
    if (c.code !== 0 && c.code !== 1) throw new Error(`truce duty --input exited with ${c.code}`);
    cliRuns.push(c.wallMs);
    const cpu = cpuMs(server.pid);
    const a = await apiBatch(server.url, batchInput, apiOut);
    if (a.status !== 200) throw new Error(`POST /v1/batch answered ${a.status}`);
    apiRuns.push({ wallMs: a.wallMs, firstByteMs: a.firstByteMs, serverCpuMs: cpuMs(server.pid) - cpu });
    trailers = a.trailers;
  }
  const identical = readFileSync(cliOut).equals(readFileSync(apiOut));
  const cliBest = Math.min(...cliRuns);
  const apiBest = apiRuns.reduce((x, y) => (y.wallMs < x.wallMs ? y : x));
  const ratio = apiBest.wallMs / cliBest;
  const batch = {
    endpoint: "POST /v1/batch",
    rows: BATCH_ROWS,
    inputBytes: statSync(batchInput).size,
    cliWallMs: cliRuns.map(Math.round),
    apiWallMs: apiRuns.map((x) => Math.round(x.wallMs)),
    apiFirstByteMs: apiRuns.map((x) => Math.round(x.firstByteMs)),
    apiServerCpuMs: apiRuns.map((x) => Math.round(x.serverCpuMs)),
    ratioBestToBest: Number(ratio.toFixed(3)),
    outputIdentical: identical,
    trailers,
    machine: { cpus: machine().cpus, loadAverageBefore: loadBefore, loadAverageAfter: machine().loadAverage },
    target: { ratio: BATCH_TARGET_RATIO },
    met: identical && ratio <= BATCH_TARGET_RATIO,
  };
  writeFileSync(join(OUT, "api.json"), `${JSON.stringify({ duty, batch }, null, 2)}\n`);
  process.stdout.write(
    `API: POST /v1/batch of ${BATCH_ROWS.toLocaleString("en-US")} realistic rows (${trailers["truce-errors"]} bad) against truce duty --input on the same file, ${BATCH_RUNS} runs each, interleaved\n` +
      `  upload ${apiRuns.map((x) => (x.wallMs / 1000).toFixed(2)).join(" / ")} s (first output byte after ${apiRuns.map((x) => Math.round(x.firstByteMs)).join(" / ")} ms; server CPU ${apiRuns.map((x) => (x.serverCpuMs / 1000).toFixed(2)).join(" / ")} s), ` +
      `CLI ${cliRuns.map((x) => (x / 1000).toFixed(2)).join(" / ")} s; best to best ${ratio.toFixed(2)}x; output ${identical ? "byte-identical" : "DIFFERENT"}\n` +
      `  target ≤ ${BATCH_TARGET_RATIO}x and identical: ${batch.met ? "met" : "NOT met"} (load average ${loadBefore} before, ${batch.machine.loadAverageAfter} after)\n`,
  );
  if (!identical) process.exitCode = 1;
} finally {
  server.stop();
}
