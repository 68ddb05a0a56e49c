/**
 * `npm run bench`: builds, then measures the batch CLI end to end against a plain stream copy (the
 * floor), the engine in process, and start-up. Prints a table and writes bench/out/results.json.
 * Every child process has a time limit; the whole run takes well under 3 minutes.
 */
import { spawn, spawnSync } from "node:child_process";
import { createReadStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { arch, availableParallelism, cpus, loadavg, platform, totalmem } from "node:os";
import { join, relative } from "node:path";
import { BIG, CLI, OUT, ROOT, ROWS, SEED } from "./common.js";
import { ensureInput } from "./generate.js";

interface Run {
  wallMs: number;
  /** Peak resident set size of the process (all its threads), in MB; null if it could not be read. */
  peakRssMb: number | null;
  code: number | null;
  stdout: string;
  stderr: string;
}

const TIME = "/usr/bin/time";
const hasTime = existsSync(TIME);

/** Runs a command, timing it; peak RSS from /usr/bin/time -v, else from polling /proc/PID/status. */
function measure(cmd: string, args: string[], timeoutMs: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const argv = hasTime ? ["-v", cmd, ...args] : args;
    const t0 = performance.now();
    const child = spawn(hasTime ? TIME : cmd, argv, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let polledKb = 0;
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const poll = hasTime
      ? undefined
      : setInterval(() => {
          try {
            const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
            if (m) polledKb = Math.max(polledKb, Number(m[1]));
          } catch {
            // the process has gone
          }
        }, 10);
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (code) => {
      const wallMs = performance.now() - t0;
      clearTimeout(timer);
      if (poll) clearInterval(poll);
      let peakKb: number | null = polledKb || null;
      if (hasTime) {
        const at = stderr.lastIndexOf("\tCommand being timed:");
        const report = at >= 0 ? stderr.slice(at) : "";
        stderr = at >= 0 ? stderr.slice(0, at) : stderr;
        const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(report);
        peakKb = m ? Number(m[1]) : null;
        const exit = /Exit status: (\d+)/.exec(report);
        if (exit) code = Number(exit[1]);
      }
      resolve({ wallMs, peakRssMb: peakKb === null ? null : peakKb / 1024, code, stdout, stderr });
    });
  });
}

async function countLines(path: string): Promise<number> {
  let n = 0;
  for await (const chunk of createReadStream(path)) {
    const b = chunk as Buffer;
    for (let i = b.indexOf(10); i >= 0; i = b.indexOf(10, i + 1)) n++;
  }
  return n;
}

const best = (runs: Run[]) => runs.reduce((a, b) => (b.wallMs < a.wallMs ? b : a));
const maxRss = (runs: Run[]) => Math.max(...runs.map((r) => r.peakRssMb ?? 0));
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (x: number | null) => (x === null ? "n/a" : `${x.toFixed(0)} MB`);
const node = process.execPath;
const cli = relative(ROOT, CLI);

mkdirSync(OUT, { recursive: true });
const started = performance.now();
// Other processes on the machine slow every figure: the load average is reported with them.
const loadBefore = loadavg()[0] as number;
const commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], {
  cwd: ROOT,
  encoding: "utf8",
}).stdout.trim();

// (a) input
const g0 = performance.now();
const generated = await ensureInput(BIG, { rows: ROWS, seed: SEED });
const generateMs = performance.now() - g0;
const inputBytes = statSync(BIG).size;

// (b) floor, (c) end to end, (f) memory
// Paths given to the children are relative to the repository root, their working directory.
const big = relative(ROOT, BIG);
const floorOut = relative(ROOT, join(OUT, "floor.csv"));
const batchOut = relative(ROOT, join(OUT, "out.csv"));
const floorRuns: Run[] = [];
for (let k = 0; k < 3; k++) {
  floorRuns.push(await measure(node, ["dist/bench/floor.js", big, floorOut], 60_000));
}
const floorLines = await countLines(join(ROOT, floorOut));
const lineFloorRuns: Run[] = [];
for (let k = 0; k < 3; k++) {
  lineFloorRuns.push(await measure(node, ["dist/bench/floor-lines.js", big, floorOut], 60_000));
}
const batchRuns: Run[] = [];
for (let k = 0; k < 3; k++) {
  batchRuns.push(await measure(node, [cli, "duty", "--input", big, "--output", batchOut], 150_000));
}
const batchLines = await countLines(join(ROOT, batchOut));
const batchFailed = batchRuns.find((r) => r.code !== 0 && r.code !== 1); // 1: some rows had errors

// (d) engine in process
interface Analytics {
  dailyBothMs: number;
  daily2017BothMs: number;
  scenarioCompareMs: number;
  portfolioMs: number;
  dutyPerSecond: { US: number; CN: number };
}
const thr = await measure(node, ["dist/bench/throughput.js", big, "200000"], 120_000);
const throughput = JSON.parse(thr.stdout) as {
  uniform: { calls: number; passes: number; best: number; mean: number; distinctCodes: number };
  zipf: { calls: number; passes: number; best: number; mean: number };
};

// (g) analytics and the China side
const analyticsRuns: Analytics[] = [];
for (let k = 0; k < 3; k++) {
  analyticsRuns.push(
    JSON.parse((await measure(node, ["dist/bench/analytics.js"], 120_000)).stdout) as Analytics,
  );
}
const bestOf = (f: (a: Analytics) => number) => Math.min(...analyticsRuns.map(f));
const analytics = {
  runs: analyticsRuns,
  dailyBothMs: bestOf((a) => a.dailyBothMs),
  daily2017BothMs: bestOf((a) => a.daily2017BothMs),
  scenarioCompareMs: bestOf((a) => a.scenarioCompareMs),
  portfolioMs: bestOf((a) => a.portfolioMs),
  dutyPerSecondUS: Math.max(...analyticsRuns.map((a) => a.dutyPerSecond.US)),
  dutyPerSecondCN: Math.max(...analyticsRuns.map((a) => a.dutyPerSecond.CN)),
};

// (e) start-up
const startupRuns: { importMs: number; loadMs: number; totalMs: number; sinceProcessStartMs: number }[] = [];
for (let k = 0; k < 3; k++) {
  const r = await measure(node, ["dist/bench/startup.js"], 30_000);
  startupRuns.push(JSON.parse(r.stdout));
}
const startup = startupRuns.reduce((a, b) => (b.totalMs < a.totalMs ? b : a));
const singleArgs = [
  cli,
  "duty",
  "8541.43.00.10",
  "--origin",
  "CN",
  "--date",
  "2025-11-01",
  "--value",
  "10000",
];
const singleRuns: Run[] = [];
for (let k = 0; k < 3; k++) singleRuns.push(await measure(node, [...singleArgs, "--json"], 30_000));
const single = best(singleRuns);
let singleTotal: unknown;
try {
  singleTotal = (JSON.parse(single.stdout) as { total: unknown }).total;
} catch {
  singleTotal = null;
}

const floor = best(floorRuns);
const lineFloor = best(lineFloorRuns);
const batch = best(batchRuns);
const ratio = batch.wallMs / floor.wallMs;
const rss = maxRss(batchRuns);
const cpu = cpus()[0]?.model ?? "unknown";
const machine = {
  cpu,
  cores: availableParallelism(),
  ramGiB: Number((totalmem() / 2 ** 30).toFixed(1)),
  node: process.version,
  platform: `${platform()} ${arch()}`,
  /** Before the bench started (during it, the bench's own processes count). */
  loadAverage1m: loadBefore,
};
const targets = {
  ratioToFloor: { value: ratio, target: "<= 3", met: ratio <= 3 },
  outputLines: { value: batchLines, target: ROWS + 1, met: batchLines === ROWS + 1 && !batchFailed },
  dutyCallsPerSecond: {
    value: throughput.uniform.best,
    target: ">= 1000000",
    met: throughput.uniform.best >= 1_000_000,
  },
  loadTruceMs: { value: startup.totalMs, target: "<= 1000", met: startup.totalMs <= 1000 },
  batchPeakRssMb: { value: rss, target: "<= 500", met: rss > 0 && rss <= 500 },
  dailySeriesBothMs: { value: analytics.dailyBothMs, target: "<= 1000", met: analytics.dailyBothMs <= 1000 },
  scenarioCompareMs: {
    value: analytics.scenarioCompareMs,
    target: "<= 200",
    met: analytics.scenarioCompareMs <= 200,
  },
  portfolio100kMs: { value: analytics.portfolioMs, target: "<= 2000", met: analytics.portfolioMs <= 2000 },
  chinaNotCostlier: {
    value: analytics.dutyPerSecondCN,
    target: `>= US ${analytics.dutyPerSecondUS}`,
    met: analytics.dutyPerSecondCN >= analytics.dutyPerSecondUS,
  },
};
const results = {
  date: new Date().toISOString(),
  commit,
  machine,
  input: {
    path: big,
    rows: ROWS,
    bytes: inputBytes,
    seed: SEED,
    generated,
    generateMs,
  },
  floor: { runs: floorRuns.map((r) => ({ wallMs: r.wallMs, peakRssMb: r.peakRssMb })), lines: floorLines },
  lineFloor: { runs: lineFloorRuns.map((r) => ({ wallMs: r.wallMs })) },
  batch: {
    command: `node ${cli} duty --input ${big} --output ${batchOut}`,
    runs: batchRuns.map((r) => ({ wallMs: r.wallMs, peakRssMb: r.peakRssMb, exit: r.code })),
    summary: batch.stderr.trim().split("\n").pop(),
    lines: batchLines,
    ratioToFloor: ratio,
    ratioToLineFloor: batch.wallMs / lineFloor.wallMs,
  },
  engine: throughput,
  analytics,
  startup: {
    loadTruce: startupRuns,
    cliSingle: {
      command: `node ${singleArgs.join(" ")} --json`,
      runs: singleRuns.map((r) => ({ wallMs: r.wallMs, exit: r.code })),
      total: singleTotal,
    },
  },
  targets,
  benchMs: performance.now() - started,
};
writeFileSync(join(OUT, "results.json"), `${JSON.stringify(results, null, 2)}\n`);

const ok = (met: boolean) => (met ? "ok" : "MISSED");
const rows: [string, string, string, string][] = [
  ["(b) floor: stream copy + 4 columns", `${s(floor.wallMs)}, ${mb(maxRss(floorRuns))}`, "", ""],
  ["    same, line by line with readline (info)", s(lineFloor.wallMs), "", ""],
  ["(c) batch CLI end to end, wall", s(batch.wallMs), "", ""],
  ["    ratio to floor", `${ratio.toFixed(1)}x`, "<= 3x", ok(targets.ratioToFloor.met)],
  ["    ratio to the readline floor (info)", `${(batch.wallMs / lineFloor.wallMs).toFixed(1)}x`, "", ""],
  [
    "    output lines",
    batchLines.toLocaleString("en-US"),
    (ROWS + 1).toLocaleString("en-US"),
    ok(targets.outputLines.met),
  ],
  [
    "(d) engine.duty() calls/s, batch mix",
    `${(throughput.uniform.best / 1e6).toFixed(2)} M/s`,
    ">= 1 M/s",
    ok(targets.dutyCallsPerSecond.met),
  ],
  ["    same, Zipf(1) code mix (info)", `${(throughput.zipf.best / 1e6).toFixed(2)} M/s`, "", ""],
  ["(e) loadTruce() in a fresh process", s(startup.totalMs), "<= 1 s", ok(targets.loadTruceMs.met)],
  ["    CLI single entry --json, wall", s(single.wallMs), "", JSON.stringify(singleTotal)],
  ["(f) batch peak RSS", mb(rss), "<= 500 MB", ok(targets.batchPeakRssMb.met)],
  [
    "(g) daily average series 2018-2026, both ways",
    s(analytics.dailyBothMs),
    "<= 1 s",
    ok(targets.dailySeriesBothMs.met),
  ],
  ["    same, on the 2017 weights (info)", s(analytics.daily2017BothMs), "", ""],
  [
    "    scenario comparison, full weights",
    s(analytics.scenarioCompareMs),
    "<= 200 ms",
    ok(targets.scenarioCompareMs.met),
  ],
  ["    100,000-line portfolio series", s(analytics.portfolioMs), "<= 2 s", ok(targets.portfolio100kMs.met)],
  [
    "    duty() calls/s, China side vs US side",
    `${(analytics.dutyPerSecondCN / 1e6).toFixed(2)} vs ${(analytics.dutyPerSecondUS / 1e6).toFixed(2)} M/s`,
    "CN >= US",
    ok(targets.chinaNotCostlier.met),
  ],
];
const w = [0, 0, 0];
for (const r of rows) for (let i = 0; i < 3; i++) w[i] = Math.max(w[i] as number, r[i]?.length ?? 0);
const line = (r: string[]) =>
  r
    .map((c, i) => (i < 3 ? c.padEnd(w[i] as number) : c))
    .join("  ")
    .trimEnd();
process.stdout.write(
  [
    "",
    `Truce benchmark (${results.date}, commit ${commit || "?"})`,
    `machine  ${cpu}, ${machine.cores} cores, ${machine.ramGiB} GiB RAM, node ${machine.node}, ${machine.platform}`,
    `load     1-minute load average before the bench: ${loadBefore.toFixed(2)} (above ~0.2, other processes were using the cores)`,
    `input    ${results.input.path}: ${ROWS.toLocaleString("en-US")} rows, ${(inputBytes / 1e6).toFixed(1)} MB (${
      generated ? `generated in ${s(generateMs)}` : "reused"
    })`,
    `batch    ${batch.stderr.trim().split("\n").pop() ?? ""}`,
    "",
    line(["measure", "value", "target", ""]),
    ...rows.map(line),
    "",
    `best of ${floorRuns.length} floor / ${batchRuns.length} batch / ${startupRuns.length} start-up runs; ` +
      `results in ${relative(ROOT, join(OUT, "results.json"))}; bench took ${s(results.benchMs)}`,
    "",
  ].join("\n"),
);
if (batchFailed) process.exitCode = 1;
