/**
 * A single `truce duty` call, as the README's quick start runs it (text and --json), beside `node -e 0`
 * and `loadTruce()` in a fresh process: each run interleaved with the others (so that the machine's
 * load falls on all of them alike), median wall time and median CPU time (user + system, from
 * /usr/bin/time where there is one). `npm run bench` reports it in (e); `npm run bench:startup`
 * (`node bench/run.js startup`) runs only this.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { loadavg } from "node:os";
import { relative } from "node:path";
import { CLI, ROOT } from "./common.js";

/** The README's quick start. */
export const README_ENTRY = [
  "duty",
  "8541.43.00.10",
  "--origin",
  "CN",
  "--date",
  "2025-11-01",
  "--value",
  "10000",
];

/** A code given as an HTS8, as people often write it (the first example of the README's "Using it"). */
export const HTS8_ENTRY = [
  "duty",
  "8703.80.00",
  "--origin",
  "CN",
  "--at",
  "2026-02-24T00:00",
  "--value",
  "50000",
];

/** The quick start with a mistyped code: it fails (exit status 2) with the nearest codes in force. */
export const TYPO_ENTRY = ["duty", "8541.43.00.99", ...README_ENTRY.slice(2)];

export interface Timed {
  command: string;
  wallMs: number[];
  /** User + system CPU of each run (null without /usr/bin/time). */
  cpuMs: (number | null)[];
  medianWallMs: number;
  medianCpuMs: number | null;
}

export interface SingleCall {
  runs: number;
  loadAverage1m: [number, number];
  node: Timed;
  text: Timed;
  json: Timed;
  /** `HTS8_ENTRY --json`. */
  hts8: Timed;
  /** `TYPO_ENTRY --json`. */
  typo: Timed;
  loadTruce: Timed;
  /** The --json answer's total (checks that the call answered). */
  total: unknown;
}

const TIME = "/usr/bin/time";

export const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/** One run: wall time, CPU time and standard output; throws unless it exits with `status`. */
function run(args: string[], status = 0): { wallMs: number; cpuMs: number | null; stdout: string } {
  const timed = existsSync(TIME);
  const t0 = performance.now();
  const r = timed
    ? spawnSync(TIME, ["-f", "%U %S", process.execPath, ...args], { cwd: ROOT, encoding: "utf8" })
    : spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8" });
  const wallMs = performance.now() - t0;
  if (r.status !== status) throw new Error(`node ${args.join(" ")} exited with ${r.status}: ${r.stderr}`);
  let cpuMs: number | null = null;
  if (timed) {
    const [user, system] = (r.stderr.trim().split("\n").pop() ?? "").split(" ").map(Number);
    cpuMs = ((user ?? Number.NaN) + (system ?? Number.NaN)) * 1000;
  }
  return { wallMs, cpuMs, stdout: r.stdout };
}

/** `runs` interleaved runs of each command (after one run of each, not counted, that fills the caches). */
export function measureSingleCall(runs: number): SingleCall {
  const cli = relative(ROOT, CLI);
  const commands: Record<"node" | "text" | "json" | "hts8" | "typo" | "loadTruce", string[]> = {
    node: ["-e", "0"],
    text: [cli, ...README_ENTRY],
    json: [cli, ...README_ENTRY, "--json"],
    hts8: [cli, ...HTS8_ENTRY, "--json"],
    typo: [cli, ...TYPO_ENTRY, "--json"],
    loadTruce: ["dist/bench/startup.js"],
  };
  const statusOf = (name: keyof typeof commands): number => (name === "typo" ? 2 : 0);
  const names = Object.keys(commands) as (keyof typeof commands)[];
  const out = Object.fromEntries(
    names.map((name) => [name, { wall: [] as number[], cpu: [] as (number | null)[], stdout: "" }]),
  );
  const before = loadavg()[0] as number;
  for (const name of names) run(commands[name], statusOf(name));
  for (let k = 0; k < runs; k++) {
    for (const name of names) {
      const r = run(commands[name], statusOf(name));
      const o = out[name] as (typeof out)[string];
      o.wall.push(r.wallMs);
      o.cpu.push(r.cpuMs);
      o.stdout = r.stdout;
    }
  }
  const timed = (name: keyof typeof commands): Timed => {
    const o = out[name] as (typeof out)[string];
    const cpu = o.cpu.filter((c): c is number => c !== null);
    return {
      command: `node ${commands[name].join(" ")}`,
      wallMs: o.wall,
      cpuMs: o.cpu,
      medianWallMs: median(o.wall),
      medianCpuMs: cpu.length === o.cpu.length ? median(cpu) : null,
    };
  };
  let total: unknown = null;
  try {
    total = (JSON.parse(out.json?.stdout ?? "") as { total: unknown }).total;
  } catch {
    // reported as null
  }
  return {
    runs,
    loadAverage1m: [before, loadavg()[0] as number],
    node: timed("node"),
    text: timed("text"),
    json: timed("json"),
    hts8: timed("hts8"),
    typo: timed("typo"),
    loadTruce: timed("loadTruce"),
    total,
  };
}

/** The report's lines: median wall and CPU of each command, and the target of the --json call. */
export function singleCallLines(r: SingleCall): string[] {
  const s = (ms: number | null) => (ms === null ? "n/a" : `${(ms / 1000).toFixed(3)} s`);
  const row = (label: string, t: Timed) =>
    `${label.padEnd(34)} wall ${s(t.medianWallMs)}  cpu ${s(t.medianCpuMs)}`;
  return [
    `single call: median of ${r.runs} interleaved runs; load average ${r.loadAverage1m[0].toFixed(2)} -> ${r.loadAverage1m[1].toFixed(2)}`,
    row("node -e 0", r.node),
    row("truce duty (README quick start)", r.text),
    `${row("truce duty ... --json", r.json)}  target wall <= 0.250 s: ${r.json.medianWallMs <= 250 ? "ok" : "MISSED"} ${JSON.stringify(r.total)}`,
    row("an HTS8 code --json", r.hts8),
    row("a mistyped code --json", r.typo),
    row("loadTruce() in a fresh process", r.loadTruce),
  ];
}
