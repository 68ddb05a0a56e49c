/**
 * `npm run bench`: builds, then measures what users send (issue 10): the batch CLI end to end on a
 * million distinct realistic rows (bench/generate.ts) and on the same rows all valid, against the
 * limit script (split, one look-up of a prepared rate, one multiplication: bench/limit.ts) and a
 * bare read-and-write copy (bench/floor.ts); a single `truce duty --json` call; `duty()` in process
 * on distinct entries; start-up and the analytics; and the batch run again in one process once its
 * per-code tables are built (bench/warm.ts: the floor of this design), on the rows as given and on the
 * same rows in order of heading (what locality could gain). Prints a table with the targets and writes
 * bench/out/results.json. Every child process has a time limit; the run aims at under 3 minutes, so a
 * slow batch is run fewer times.
 */
import { spawn, spawnSync } from "node:child_process";
import { createReadStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { arch, availableParallelism, cpus, loadavg, platform, totalmem } from "node:os";
import { join, relative } from "node:path";
import { defaultWorkers } from "../src/batch/pipeline.js";
import { BIG, BY_HEADING, CLI, OUT, RATES, ROOT, ROWS, SEED, VALID } from "./common.js";
import { ensureInputs, writeInHeadingOrder } from "./generate.js";
import { measureSingleCall } from "./single.js";

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
        // time prints "Command exited with non-zero status N" before its report: not the command's output.
        stderr = (at >= 0 ? stderr.slice(0, at) : stderr).replace(
          /Command exited with non-zero status \d+\n$/,
          "",
        );
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

/** Runs a command up to `most` times, fewer once the runs have taken `budgetMs` in all. */
async function repeat(cmd: string, args: string[], most: number, budgetMs: number, timeoutMs: number) {
  const runs: Run[] = [];
  let spent = 0;
  while (runs.length < most && (runs.length === 0 || spent < budgetMs)) {
    const r = await measure(cmd, args, timeoutMs);
    runs.push(r);
    spent += r.wallMs;
  }
  return runs;
}

const best = (runs: Run[]) => runs.reduce((a, b) => (b.wallMs < a.wallMs ? b : a));
const maxRss = (runs: Run[]) => Math.max(...runs.map((r) => r.peakRssMb ?? 0));
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const cpuS = (ms: number | null) => (ms === null ? "n/a" : s(ms));
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

// (a) inputs
const g0 = performance.now();
const { stats: inputStats, generated } = await ensureInputs(
  { realistic: BIG, valid: VALID, rates: RATES },
  { rows: ROWS, seed: SEED },
);
const generateMs = performance.now() - g0;
const inputBytes = statSync(BIG).size;

// (b) the copy and the limit, (c) the batch on both files, (f) memory
// Paths given to the children are relative to the repository root, their working directory.
const big = relative(ROOT, BIG);
const valid = relative(ROOT, VALID);
const floorOut = relative(ROOT, join(OUT, "floor.csv"));
const limitOut = relative(ROOT, join(OUT, "limit.csv"));
const batchOut = relative(ROOT, join(OUT, "out.csv"));
const validOut = relative(ROOT, join(OUT, "out-valid.csv"));
const floorRuns = await repeat(node, ["dist/bench/floor.js", big, floorOut], 3, 60_000, 60_000);
const floorLines = await countLines(join(ROOT, floorOut));
const lineFloorRuns = await repeat(node, ["dist/bench/floor-lines.js", big, floorOut], 3, 60_000, 60_000);
const limitArgs = ["dist/bench/limit.js", relative(ROOT, RATES), big, limitOut];
const limitRuns = await repeat(node, limitArgs, 3, 60_000, 60_000);
const limitLines = await countLines(join(ROOT, limitOut));
const batchArgs = (input: string, output: string) => [cli, "duty", "--input", input, "--output", output];
// A slow batch (over ~20 s) is run once: the bench stays near 3 minutes.
const batchRuns = await repeat(node, batchArgs(big, batchOut), 3, 20_000, 400_000);
const batchLines = await countLines(join(ROOT, batchOut));
const validRuns = await repeat(node, batchArgs(valid, validOut), 3, 20_000, 400_000);
const validLines = await countLines(join(ROOT, validOut));
// Exit 1: some rows had errors (expected in the realistic file); anything else is a failure.
const batchFailed = [...batchRuns, ...validRuns].find((r) => r.code !== 0 && r.code !== 1);

// (c') the floor of this design: the same batch again in one process, every per-code table built
const warmRun = await measure(
  node,
  ["dist/bench/warm.js", big, relative(ROOT, join(OUT, "warm.csv"))],
  120_000,
);
interface Warm {
  loadMs: number;
  firstMs: number;
  secondMs: number;
  sameOutput: boolean;
}
const warm = JSON.parse(warmRun.stdout) as Warm;
// The same rows in order of heading, on one thread: what computing rows in that order could gain.
writeInHeadingOrder(BIG, BY_HEADING);
const headingRun = await measure(
  node,
  ["dist/bench/warm.js", relative(ROOT, BY_HEADING), relative(ROOT, join(OUT, "warm-by-heading.csv"))],
  120_000,
);
const warmByHeading = JSON.parse(headingRun.stdout) as Warm;

// (d) engine in process, on distinct entries
interface Analytics {
  dailyBothMs: number;
  daily2017BothMs: number;
  scenarioCompareMs: number;
  portfolioMs: number;
  dutyPerSecond: { US: number; CN: number };
}
const thr = await measure(node, ["dist/bench/throughput.js", valid, "100000", "500000"], 120_000);
const throughput = JSON.parse(thr.stdout) as {
  distinct: { calls: number; warmUpCalls: number; perSecond: number };
  price: { calls: number; perSecond: number };
  library: { calls: number; perSecond: number };
  repeated: { calls: number; passes: number; best: number; mean: number };
  zipf: { calls: number; passes: number; best: number; mean: number };
};

// (g) analytics and the China side
const analyticsRuns = (await repeat(node, ["dist/bench/analytics.js"], 3, 20_000, 120_000)).map(
  (r) => JSON.parse(r.stdout) as Analytics,
);
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

// (e) start-up: loadTruce(), a single CLI call (median of 7, bench/single.ts), and Node itself
const startupRuns: { importMs: number; loadMs: number; totalMs: number; sinceProcessStartMs: number }[] = [];
for (let k = 0; k < 3; k++) {
  const r = await measure(node, ["dist/bench/startup.js"], 30_000);
  startupRuns.push(JSON.parse(r.stdout));
}
const startup = startupRuns.reduce((a, b) => (b.totalMs < a.totalMs ? b : a));
const single = measureSingleCall(7);
const singleMedianMs = single.json.medianWallMs;
const nodeMedianMs = single.node.medianWallMs;

const floor = best(floorRuns);
const lineFloor = best(lineFloorRuns);
const limit = best(limitRuns);
const batch = best(batchRuns);
const validBatch = best(validRuns);
const toLimit = batch.wallMs / limit.wallMs;
const badToValid = batch.wallMs / validBatch.wallMs;
const rss = maxRss([...batchRuns, ...validRuns]);
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
  batchToLimit: { value: toLimit, target: "<= 2", met: toLimit <= 2 },
  batchPeakRssMb: { value: rss, target: "<= 500", met: rss > 0 && rss <= 500 },
  badToValid: { value: badToValid, target: "<= 1.2", met: badToValid <= 1.2 },
  singleJsonMs: { value: singleMedianMs, target: "<= 250", met: singleMedianMs <= 250 },
  dutyDistinctPerSecond: {
    value: throughput.distinct.perSecond,
    target: ">= 1000000",
    met: throughput.distinct.perSecond >= 1_000_000,
  },
  outputLines: {
    value: [batchLines, validLines],
    target: ROWS + 1,
    met: batchLines === ROWS + 1 && validLines === ROWS + 1 && !batchFailed,
  },
  loadTruceMs: { value: startup.totalMs, target: "<= 1000", met: startup.totalMs <= 1000 },
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
const summary = (r: Run) => r.stderr.trim().split("\n").pop() ?? "";
const runsOf = (runs: Run[]) => runs.map((r) => ({ wallMs: r.wallMs, peakRssMb: r.peakRssMb, exit: r.code }));
const results = {
  date: new Date().toISOString(),
  commit,
  machine,
  input: {
    realistic: big,
    valid,
    rates: relative(ROOT, RATES),
    bytes: inputBytes,
    seed: SEED,
    ...inputStats,
    generated,
    generateMs,
  },
  floor: { runs: runsOf(floorRuns), lines: floorLines },
  lineFloor: { runs: runsOf(lineFloorRuns) },
  limit: { command: `node ${limitArgs.join(" ")}`, runs: runsOf(limitRuns), lines: limitLines },
  batch: {
    command: `node ${batchArgs(big, batchOut).join(" ")}`,
    threads: 1 + defaultWorkers(inputBytes),
    runs: runsOf(batchRuns),
    summary: summary(batch),
    lines: batchLines,
    ratioToLimit: toLimit,
    ratioToFloor: batch.wallMs / floor.wallMs,
    ratioToLineFloor: batch.wallMs / lineFloor.wallMs,
  },
  warmBatch: { ...warm, ratioToLimit: warm.secondMs / limit.wallMs },
  warmBatchByHeading: warmByHeading,
  validBatch: {
    command: `node ${batchArgs(valid, validOut).join(" ")}`,
    runs: runsOf(validRuns),
    summary: summary(validBatch),
    lines: validLines,
    ratioToLimit: validBatch.wallMs / limit.wallMs,
  },
  engine: throughput,
  analytics,
  startup: {
    loadTruce: startupRuns,
    single,
  },
  targets,
  benchMs: performance.now() - started,
};
writeFileSync(join(OUT, "results.json"), `${JSON.stringify(results, null, 2)}\n`);

const ok = (met: boolean) => (met ? "ok" : "MISSED");
const x = (ratio: number) => `${ratio.toFixed(2)}x`;
const perSecond = (n: number) =>
  n < 100_000 ? `${(n / 1e3).toFixed(1)} k/s` : `${(n / 1e6).toFixed(2)} M/s`;
const rows: [string, string, string, string][] = [
  ["(b) bare copy: read, write + 4 columns", `${s(floor.wallMs)}, ${mb(maxRss(floorRuns))}`, "", ""],
  ["    same, line by line with readline (info)", s(lineFloor.wallMs), "", ""],
  ["    limit: split, look up a rate, multiply", `${s(limit.wallMs)}, ${mb(maxRss(limitRuns))}`, "", ""],
  [
    `(c) batch, 1M realistic rows, wall (${1 + defaultWorkers(inputBytes)} thread(s), the default)`,
    s(batch.wallMs),
    "",
    "",
  ],
  [
    "    again in one process, tables built (floor, info)",
    `${s(warm.secondMs)} = ${x(warm.secondMs / limit.wallMs)}${warm.sameOutput ? "" : " (OUTPUT DIFFERS)"}`,
    "",
    "",
  ],
  [
    "    one thread, first / tables built: input order (info)",
    `${s(warm.firstMs)} / ${s(warm.secondMs)}`,
    "",
    "",
  ],
  [
    "    same rows in heading order (locality floor, info)",
    `${s(warmByHeading.firstMs)} / ${s(warmByHeading.secondMs)}`,
    "",
    "",
  ],
  ["    ratio to the limit", x(toLimit), "<= 2x", ok(targets.batchToLimit.met)],
  ["    ratio to the bare copy (info)", x(batch.wallMs / floor.wallMs), "", ""],
  ["    batch, the same rows all valid, wall", s(validBatch.wallMs), "", ""],
  ["    realistic / all valid", x(badToValid), "<= 1.2x", ok(targets.badToValid.met)],
  [
    "    output lines, realistic / valid",
    `${batchLines.toLocaleString("en-US")} / ${validLines.toLocaleString("en-US")}`,
    (ROWS + 1).toLocaleString("en-US"),
    ok(targets.outputLines.met),
  ],
  ["(f) batch peak RSS (either file)", mb(rss), "<= 500 MB", ok(targets.batchPeakRssMb.met)],
  [
    "(d) engine.duty() calls/s, distinct entries",
    perSecond(throughput.distinct.perSecond),
    ">= 1 M/s",
    ok(targets.dutyDistinctPerSecond.met),
  ],
  [
    "    engine.price() (duty() where it does not answer)",
    perSecond(throughput.price.perSecond),
    ">= 1 M/s",
    ok(throughput.price.perSecond >= 1_000_000),
  ],
  [
    "    truce.duty(entry), parsing included, distinct",
    perSecond(throughput.library.perSecond),
    ">= 1 M/s",
    ok(throughput.library.perSecond >= 1_000_000),
  ],
  ["    same entries repeated, hot (info)", perSecond(throughput.repeated.best), "", ""],
  ["    Zipf(1) code mix, repeated (info)", perSecond(throughput.zipf.best), "", ""],
  [
    "(e) CLI single entry --json, median wall",
    s(singleMedianMs),
    "<= 0.25 s",
    `${ok(targets.singleJsonMs.met)} ${JSON.stringify(single.total)}`,
  ],
  ["    same, median CPU (user + system) (info)", cpuS(single.json.medianCpuMs), "", ""],
  ["    README quick start (text), median wall (info)", s(single.text.medianWallMs), "", ""],
  ["    an HTS8 code, --json (info)", s(single.hts8.medianWallMs), "", ""],
  ["    a mistyped code, --json (info)", s(single.typo.medianWallMs), "", ""],
  ["    node -e 0, median wall, CPU (info)", `${s(nodeMedianMs)}, ${cpuS(single.node.medianCpuMs)}`, "", ""],
  ["    loadTruce() in a fresh process", s(startup.totalMs), "<= 1 s", ok(targets.loadTruceMs.met)],
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
const k = inputStats.kinds;
process.stdout.write(
  [
    "",
    `Truce benchmark (${results.date}, commit ${commit || "?"})`,
    `machine  ${cpu}, ${machine.cores} cores, ${machine.ramGiB} GiB RAM, node ${machine.node}, ${machine.platform}`,
    `load     1-minute load average before the bench: ${loadBefore.toFixed(2)} (above ~0.2, other processes were using the cores)`,
    `input    ${big}: ${ROWS.toLocaleString("en-US")} rows, ${(inputBytes / 1e6).toFixed(1)} MB (${
      generated ? `generated in ${s(generateMs)}` : "reused"
    }); distinct rows ${inputStats.distinct.realistic.toLocaleString("en-US")}, in ${valid} ${inputStats.distinct.valid.toLocaleString("en-US")}`,
    `         codes dotted ${inputStats.written.dotted.toLocaleString("en-US")}, digits ${inputStats.written.digits.toLocaleString("en-US")}; importer CN ${inputStats.importerCn.toLocaleString("en-US")}; ` +
      `out of date ${k.outOfDate}, unknown ${k.unknown}, bad value ${k.badValue}, bad date ${k.badDate}, short ${k.short}`,
    `batch    realistic: ${summary(batch)}`,
    `         all valid: ${summary(validBatch)}`,
    "",
    line(["measure", "value", "target", ""]),
    ...rows.map(line),
    "",
    `best of ${floorRuns.length} copy / ${limitRuns.length} limit / ${batchRuns.length} + ${validRuns.length} batch / ${analyticsRuns.length} analytics / ${startupRuns.length} start-up runs; ` +
      `results in ${relative(ROOT, join(OUT, "results.json"))}; bench took ${s(results.benchMs)}`,
    "",
  ].join("\n"),
);
if (batchFailed) process.exitCode = 1;
