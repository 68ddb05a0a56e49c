/**
 * `npm run bench:ingest`: reading news articles (issue 13).
 * - In process: a written article of about 2,000 words (bench/news-articles.ts) read by
 *   `ingestArticle` after a warm-up, each call timed (wall and CPU), p50/p99 against the target
 *   (≤ 100 ms). The publication instant is given (as --published does), so the timing holds whether
 *   or not the page's own is read.
 * - End to end: 1,000 distinct articles (HTML and text; every fiftieth with no publication instant)
 *   written to bench/out/news/ and read by `truce ingest DIR` as users run it, wall and CPU time of
 *   the process (/usr/bin/time), against the target (≤ 20 s); the JSON lines are counted and the
 *   bad files must be exactly the undated ones.
 * The machine's load is printed with the numbers. Writes bench/out/ingest.json.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg } from "node:os";
import { join } from "node:path";
import { ingestArticle } from "../src/news/ingest.js";
import { parsePublished } from "../src/news/input.js";
import { newsKnowledge } from "../src/news/load.js";
import { loadTruce } from "../src/truce.js";
import { CLI, OUT } from "./common.js";
import { batchArticle, longArticle } from "./news-articles.js";

const TARGET_ARTICLE_MS = 100;
const TARGET_BATCH_S = 20;
const ARTICLES = 1_000;
const WARM_UP = 20;
const CALLS = 200;
const TIME = "/usr/bin/time";

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] as number;
const round = (x: number) => Math.round(x * 100) / 100;

// ---------------------------------------------------------------- one article in process

const truce = loadTruce();
const knowledge = newsKnowledge(truce);
const article = longArticle();
const input = { raw: article.raw, format: "html" as const, published: parsePublished(article.published) };
for (let i = 0; i < WARM_UP; i++) ingestArticle(input, knowledge);
const wall: number[] = [];
const cpu: number[] = [];
let items = 0;
for (let i = 0; i < CALLS; i++) {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  items = ingestArticle(input, knowledge).items.length;
  wall.push(Number(process.hrtime.bigint() - t0) / 1e6);
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
}
wall.sort((a, b) => a - b);
cpu.sort((a, b) => a - b);
const single = {
  words: article.words,
  bytes: Buffer.byteLength(article.raw),
  items,
  calls: CALLS,
  wallMs: {
    p50: round(percentile(wall, 0.5)),
    p99: round(percentile(wall, 0.99)),
    max: round(wall.at(-1) ?? 0),
  },
  cpuMs: { p50: round(percentile(cpu, 0.5)), p99: round(percentile(cpu, 0.99)) },
  targetMs: TARGET_ARTICLE_MS,
  loadAverage: loadavg().map(round),
};
process.stdout.write(
  `ingest, one article of ${single.words} words (${single.bytes} bytes, ${items} items) in process, ${CALLS} calls after ${WARM_UP}: ` +
    `wall p50 ${single.wallMs.p50} ms, p99 ${single.wallMs.p99} ms; CPU p50 ${single.cpuMs.p50} ms, p99 ${single.cpuMs.p99} ms ` +
    `(target ≤ ${TARGET_ARTICLE_MS} ms: ${single.wallMs.p99 <= TARGET_ARTICLE_MS ? "met" : "NOT met"}); load ${single.loadAverage.join(" ")}\n`,
);

// ---------------------------------------------------------------- 1,000 articles through the CLI

const folder = join(OUT, "news");
rmSync(folder, { recursive: true, force: true });
mkdirSync(folder, { recursive: true });
let undated = 0;
for (let n = 0; n < ARTICLES; n++) {
  const a = batchArticle(n);
  if (!a.dated) undated++;
  writeFileSync(join(folder, a.name), a.content);
}
const timing = join(OUT, "ingest-time.txt");
const lines = join(OUT, "ingest-lines.jsonl");
const loadBefore = loadavg().map(round);
const run = spawnSync(TIME, ["-f", "%e %U %S %M", "-o", timing, process.execPath, CLI, "ingest", folder], {
  encoding: "utf8",
  maxBuffer: 1024 * 1024 * 1024,
});
if (run.error) throw new Error(`${TIME} could not run the batch: ${run.error.message}`);
writeFileSync(lines, run.stdout);
const [elapsed, user, system, maxKb] =
  readFileSync(timing, "utf8").trim().split("\n").at(-1)?.split(" ").map(Number) ?? [];
const answers = run.stdout
  .trim()
  .split("\n")
  .filter((l) => l !== "")
  .map((l) => JSON.parse(l) as { file: string; error?: { kind: string } });
const failed = answers.filter((a) => a.error);
const noInstant = failed.filter((a) => a.error?.kind === "no-publication-instant").length;
const batch = {
  articles: ARTICLES,
  undatedWritten: undated,
  lines: answers.length,
  read: answers.length - failed.length,
  failed: failed.length,
  failedNoPublicationInstant: noInstant,
  asExpected: answers.length === ARTICLES && failed.length === undated && noInstant === undated,
  exitCode: run.status,
  wallS: elapsed,
  cpuS: round((user ?? 0) + (system ?? 0)),
  maxRssKb: maxKb,
  targetS: TARGET_BATCH_S,
  summary: run.stderr.trim(),
  loadAverageBefore: loadBefore,
  loadAverageAfter: loadavg().map(round),
};
process.stdout.write(
  `ingest, ${ARTICLES} articles through \`truce ingest DIR\`: wall ${batch.wallS} s, CPU ${batch.cpuS} s, max RSS ${maxKb} KB ` +
    `(target ≤ ${TARGET_BATCH_S} s: ${(batch.wallS ?? Infinity) <= TARGET_BATCH_S ? "met" : "NOT met"}); ` +
    `${batch.read} read, ${batch.failed} failed (${noInstant} without a publication instant; ${undated} written undated: ${batch.asExpected ? "as expected" : "NOT as expected"}); ` +
    `load ${batch.loadAverageBefore.join(" ")} → ${batch.loadAverageAfter.join(" ")}\n  ${batch.summary}\n`,
);

writeFileSync(
  join(OUT, "ingest.json"),
  `${JSON.stringify({ machine: { cpus: `${availableParallelism()} × ${cpus()[0]?.model ?? "?"}` }, single, batch }, null, 2)}\n`,
);
