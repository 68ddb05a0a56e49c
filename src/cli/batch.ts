/** `--input` of `truce duty` and `truce scenario compare`: runs the batch pipeline with a progress bar and a summary. */
import { SingleBar } from "cli-progress";
import type { BatchFormat } from "../batch/jobs.js";
import { type BatchJob, jobScenarios, totalsSummary } from "../batch/jobs.js";
import { type BatchSummary, formatOf, runBatch } from "../batch/pipeline.js";
import { InputError } from "../entry/errors.js";
import type { Truce } from "../truce.js";
import { fail } from "./common.js";
import { money } from "./render.js";

export interface BatchCommandOptions {
  input: string;
  output?: string;
  /**
   * Without --output: JSON lines on standard output. With --output: the summary as JSON on standard
   * output (the rows' format follows the output file's name: *.jsonl or *.ndjson, else CSV).
   */
  json?: boolean;
  /** Threads computing a CSV file (default: see `runBatch`'s workers). */
  threads?: number;
}

function summaryText(s: BatchSummary, job: BatchJob, output: string | undefined): string {
  const t = totalsSummary(s, job);
  const counts = `${t.rows} rows, ${t.computed} computed, ${t.errors} errors, ${t.incomplete} incomplete`;
  const where = output ? `, written to ${output}` : "";
  if ("duty" in t)
    return `${counts}${where}; duty ${money(t.duty.amount)} (${t.duty.rate}%) on ${money(t.value)}`;
  const sc = jobScenarios(job);
  return [
    `${counts}${where}; on ${money(t.value)}:`,
    `  A ${sc?.a.id}: ${money(t.a.amount)} (${t.a.rate}%)`,
    `  B ${sc?.b.id}: ${money(t.b.amount)} (${t.b.rate}%)`,
    `  B - A: ${money(t.difference.amount)} (${t.difference.rate} pts)`,
  ].join("\n");
}

function outputFormat(o: BatchCommandOptions): BatchFormat {
  if (o.output) return formatOf(o.output);
  return o.json ? "jsonl" : formatOf(o.input);
}

/**
 * Runs a batch for a command: rows to --output (or standard output), a progress bar on a terminal,
 * the summary on stderr (and as JSON on stdout with --json and --output). Exit code 1 if a row failed.
 */
export async function batchCommand(truce: () => Truce, job: BatchJob, o: BatchCommandOptions): Promise<void> {
  const bar =
    process.stderr.isTTY && o.output
      ? new SingleBar({ format: "{bar} {percentage}% | {rows} rows | {errors} errors", hideCursor: true })
      : undefined;
  let started = false;
  let summary: BatchSummary;
  try {
    summary = await runBatch(truce, o.input, o.output, {
      job,
      output: outputFormat(o),
      ...(o.threads === undefined ? {} : { workers: o.threads - 1 }),
      onProgress: (read, total, t) => {
        if (!started) bar?.start(total, 0, { rows: 0, errors: 0 });
        started = true;
        bar?.update(read, { rows: t.rows, errors: t.errors });
      },
    });
  } catch (e) {
    bar?.stop();
    if (e instanceof InputError) fail(`--input: ${e.detail}`);
    if ((e as NodeJS.ErrnoException).code === "ENOENT") fail(`--input: ${(e as Error).message}`);
    throw e;
  }
  bar?.stop();
  process.stderr.write(`truce: ${summaryText(summary, job, o.output)}\n`);
  if (o.json && o.output) {
    const body = { ...jobScenarios(job), totals: totalsSummary(summary, job) };
    process.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
  }
  process.exitCode = summary.errors > 0 ? 1 : 0;
}
