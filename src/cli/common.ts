/** Pieces every `truce` command shares: failing with a message, date arguments, entry options. */
import { type Command, InvalidArgumentError, Option } from "commander";
import { errorJson } from "../entry/result.js";
import type { EntryFields } from "../entry/schema.js";
import { formatCode } from "../nomenclature/codes.js";
import { isCalendarDate } from "../units/time.js";

/** Whether the command was asked for JSON: its errors are then JSON too. */
export function wantsJson(): boolean {
  return process.argv.includes("--json");
}

/** The JSON of an error (see `errorJson`), on standard output where the answer would have been. */
export function writeJsonError(error: Parameters<typeof errorJson>[0]): void {
  process.stdout.write(`${JSON.stringify(errorJson(error), null, 2)}\n`);
}

/** The line that offers the codes a user may have meant ("" when there are none). */
export function didYouMean(suggestions: readonly string[]): string {
  return suggestions.length > 0 ? `\n  did you mean: ${suggestions.map(formatCode).join(", ")}?` : "";
}

/**
 * Ends the command on an error (exit 2: the user's input; 1: anything else): one line
 * `truce: message` on stderr, or with --json `{"error": {message, suggestions}}` on stdout.
 */
export function fail(message: string, code = 2): never {
  if (wantsJson()) writeJsonError({ detail: message });
  else process.stderr.write(`truce: ${message}\n`);
  process.exit(code);
}

/** `--threads` of a batch: how many threads compute a CSV file (this one and workers). */
export const THREADS_OPTION = [
  "--threads <n>",
  "batch mode: threads computing a CSV file, split by heading between them (default 2 for a file of 16 MiB or more where two CPUs are available, else 1; more pays only on separate cores, and each thread loads its own copy of the data)",
  threadsArg,
] as const;

function threadsArg(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < 1 || n > 16)
    throw new InvalidArgumentError("expected a whole number of threads from 1 to 16");
  return n;
}

/** A commander argument parser for YYYY-MM-DD. */
export function dateArg(v: string): string {
  if (!isCalendarDate(v)) throw new InvalidArgumentError("expected a date YYYY-MM-DD");
  return v;
}

/** The options that describe one entry (the columns of a batch file), as `truce duty` takes them. */
export function addEntryOptions(command: Command): Command {
  return command
    .option("--origin <ISO2>", "country of origin (ISO 3166 alpha-2, e.g. CN)")
    .option(
      "--date <YYYY-MM-DD>",
      "date of entry (evaluated at 00:01 in the importer's time zone: New York or Beijing)",
    )
    .option(
      "--at <instant>",
      "instant of entry, e.g. 2025-11-10T00:01 (importer's zone) or 2025-11-10T05:01Z",
    )
    .option("--value <USD>", "customs value in US dollars")
    .addOption(new Option("--importer <US|CN>", "importing country").default("US"))
    .option("--quantity <n>", "quantity, for specific rates")
    .option("--unit <unit>", "unit of the quantity (kg, No., liters ...)")
    .option("--steel-value <USD>", "value of the steel content (Section 232 derivatives)")
    .option("--aluminum-value <USD>", "value of the aluminum content")
    .option("--copper-value <USD>", "value of the copper content")
    .option(
      "--loaded-on <YYYY-MM-DD>",
      "date the goods were loaded on the final mode of transport (in-transit rules)",
    )
    .addOption(
      new Option("--mode <mode>", "mode of transport").choices(["vessel", "air", "truck", "rail", "postal"]),
    )
    .option("--claim <heading...>", "Chapter 99 headings claimed, e.g. a 301 exclusion 9903.88.69")
    .addOption(
      new Option(
        "--excluded <yes|no>",
        "importer CN: the importer holds an exclusion from the 2018-2019 retaliation",
      ).choices(["yes", "no"]),
    );
}

/** The entry fields of the options added by `addEntryOptions`. */
export function entryFields(
  code: string | undefined,
  o: Record<string, string | string[] | boolean | undefined>,
): EntryFields {
  const text = (v: string | string[] | boolean | undefined) => (typeof v === "string" ? v : undefined);
  return {
    code,
    origin: text(o.origin),
    date: text(o.date),
    at: text(o.at),
    value: text(o.value),
    importer: text(o.importer),
    quantity: text(o.quantity),
    unit: text(o.unit),
    steel_value: text(o.steelValue),
    aluminum_value: text(o.aluminumValue),
    copper_value: text(o.copperValue),
    loaded_on: text(o.loadedOn),
    mode: text(o.mode),
    claims: Array.isArray(o.claim) ? o.claim.join(" ") : undefined,
    excluded: text(o.excluded),
  };
}
