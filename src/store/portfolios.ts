/**
 * Portfolios: named sets of lines (code, origin, value and any other entry field but the date),
 * uploaded as CSV with the columns of `truce duty --input` and checked row by row by the same
 * reader (src/batch: CsvRecords, headerColumns, entryFields) and the same entry contract
 * (parseEntryOrProblem); bad rows are reported with their line, field and detail and not stored.
 * A portfolio is priced at a date by the batch pipeline itself (`portfolioDuties`), and its values
 * can weight the trade-weighted averages (`portfolioWeights`).
 */
import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { WeightsFile } from "../analytics/weights.js";
import { CsvRecords, csvCell } from "../batch/csv.js";
import { type BatchFormat, totalsSummary } from "../batch/jobs.js";
import { runBatch } from "../batch/pipeline.js";
import { entryFields, headerColumns } from "../batch/rows.js";
import { InputError } from "../entry/errors.js";
import { parseEntryOrProblem } from "../entry/parse.js";
import { INPUT_COLUMNS, type InputField } from "../entry/schema.js";
import type { Issuer } from "../law/model.js";
import type { Truce } from "../truce.js";
import { CN_ZONE, isoInstant, localDate, US_ZONE } from "../units/time.js";
import type { Store } from "./db.js";

/** The columns a portfolio file must have: a line is priced at the date asked, so it has none. */
export const PORTFOLIO_COLUMNS = ["code", "origin", "value"] as const;
/** Entry columns a portfolio line may not have: the date is given when it is priced. */
const DATED: readonly InputField[] = ["date", "at"];
/** The optional entry fields a line may carry. */
const OPTIONAL_FIELDS = INPUT_COLUMNS.filter(
  (c) => !(PORTFOLIO_COLUMNS as readonly string[]).includes(c) && !DATED.includes(c),
);

export interface PortfolioLine {
  code: string;
  origin: string;
  /** Customs value in dollars as given (decimal text). */
  value: string;
  /** Other entry fields given (importer, quantity, unit, claims …), by batch column name. */
  fields: Partial<Record<InputField, string>>;
}

/** A row of an upload that was not stored. */
export interface LineError {
  line: number;
  /** The column at fault; "row" for a row of the wrong width. */
  field: string;
  detail: string;
}

export interface ReadPortfolio {
  lines: PortfolioLine[];
  errors: LineError[];
}

/**
 * The lines of a portfolio CSV, each checked as an entry on `now`'s date in its importer's zone
 * (a code must be in the schedule of that day). Throws InputError for a file that is no portfolio
 * (no header, a required column missing, a date column).
 */
export function readPortfolioCsv(t: Truce, text: string, now: number, source = "the upload"): ReadPortfolio {
  const lines: PortfolioLine[] = [];
  const errors: LineError[] = [];
  let header: string[] | null = null;
  let columns: ReturnType<typeof headerColumns>["columns"] | undefined;
  const records = new CsvRecords();
  records.push(
    text,
    (_raw, cells, line) => {
      if (header === null) {
        ({ header, columns } = headerColumns(cells, PORTFOLIO_COLUMNS, source));
        const dated = DATED.find((c) => (header as string[]).includes(c));
        if (dated !== undefined)
          throw new InputError(
            dated,
            `a portfolio line has no ${dated}: its duties are asked for a date (remove the ${dated} column)`,
          );
        return;
      }
      if (line < 0) {
        errors.push({ line: -line, field: "row", detail: "unterminated quoted field" });
        return;
      }
      if (cells.length !== header.length) {
        errors.push({
          line,
          field: "row",
          detail: `expected ${header.length} columns, found ${cells.length}`,
        });
        return;
      }
      const fields = entryFields(cells, columns as NonNullable<typeof columns>);
      const importer = fields.importer?.trim().toUpperCase() === "CN" ? "CN" : "US";
      const day = localDate(now, importer === "CN" ? CN_ZONE : US_ZONE);
      const parsed = parseEntryOrProblem({ ...fields, date: day }, t);
      if ("field" in parsed) {
        errors.push({ line, field: parsed.field, detail: parsed.message });
        return;
      }
      const other: PortfolioLine["fields"] = {};
      for (const f of OPTIONAL_FIELDS) {
        const v = fields[f]?.trim();
        if (v) other[f] = v;
      }
      lines.push({
        code: (fields.code ?? "").trim(),
        origin: parsed.entry.origin,
        value: (fields.value ?? "").trim(),
        fields: other,
      });
    },
    true,
  );
  if (header === null) throw new InputError("code", `${source} is empty (expected a header row)`);
  return { lines, errors };
}

export interface PortfolioSummary {
  id: number;
  name: string;
  /** ISO 8601 UTC. */
  created: string;
  lines: number;
}

export interface Portfolio extends Omit<PortfolioSummary, "lines"> {
  lines: PortfolioLine[];
}

/** Stores a portfolio (its lines in one transaction); returns its summary. */
export async function savePortfolio(
  store: Store,
  name: string,
  lines: readonly PortfolioLine[],
  now: number,
): Promise<PortfolioSummary> {
  const created = isoInstant(now);
  return store.db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto("portfolios")
      .values({ name, created, line_count: lines.length })
      .returning("id")
      .executeTakeFirstOrThrow();
    // SQLite takes at most 32766 parameters a statement: 6 columns a row, 1000 rows a statement.
    for (let i = 0; i < lines.length; i += 1000) {
      await trx
        .insertInto("portfolio_lines")
        .values(
          lines.slice(i, i + 1000).map((l, k) => ({
            portfolio_id: id,
            position: i + k + 1,
            code: l.code,
            origin: l.origin,
            value: l.value,
            fields: JSON.stringify(l.fields),
          })),
        )
        .execute();
    }
    return { id, name, created, lines: lines.length };
  });
}

export async function listPortfolios(store: Store): Promise<PortfolioSummary[]> {
  const rows = await store.db
    .selectFrom("portfolios")
    .select(["id", "name", "created", "line_count"])
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, created: r.created, lines: r.line_count }));
}

/** A portfolio with its lines in order, or undefined. */
export async function getPortfolio(store: Store, id: number): Promise<Portfolio | undefined> {
  const p = await store.db
    .selectFrom("portfolios")
    .select(["id", "name", "created"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!p) return undefined;
  const rows = await store.db
    .selectFrom("portfolio_lines")
    .select(["code", "origin", "value", "fields"])
    .where("portfolio_id", "=", id)
    .orderBy("position")
    .execute();
  return {
    ...p,
    lines: rows.map((r) => ({
      code: r.code,
      origin: r.origin,
      value: r.value,
      fields: JSON.parse(r.fields) as PortfolioLine["fields"],
    })),
  };
}

/** Deletes a portfolio and its lines; false if there was none. */
export async function deletePortfolio(store: Store, id: number): Promise<boolean> {
  const r = await store.db.deleteFrom("portfolios").where("id", "=", id).executeTakeFirst();
  return r.numDeletedRows > 0n;
}

/** A line as a flat object: code, origin, value and its other fields. */
export function lineJson(l: PortfolioLine): Record<string, string> {
  return { code: l.code, origin: l.origin, value: l.value, ...l.fields };
}

/**
 * The portfolio as a batch file dated `date`: code,origin,date,value and the other columns its
 * lines use. Line n of the portfolio is line n + 1 of the file (the header is line 1).
 */
export function portfolioBatchCsv(p: Portfolio, date: string): string {
  const used = OPTIONAL_FIELDS.filter((f) => p.lines.some((l) => l.fields[f] !== undefined));
  const out = [["code", "origin", "date", "value", ...used].join(",")];
  for (const l of p.lines) {
    out.push([l.code, l.origin, date, l.value, ...used.map((f) => l.fields[f] ?? "")].map(csvCell).join(","));
  }
  return `${out.join("\n")}\n`;
}

export interface PortfolioDuties {
  /** The batch output: CSV text, or the JSON lines rows parsed. */
  csv?: string;
  rows?: unknown[];
  totals: ReturnType<typeof totalsSummary>;
}

/** The duty on every line of a portfolio on a date, through the batch pipeline (`truce duty --input`). */
export async function portfolioDuties(
  t: Truce,
  p: Portfolio,
  date: string,
  output: BatchFormat,
): Promise<PortfolioDuties> {
  const dir = await mkdtemp(join(tmpdir(), "truce-portfolio-"));
  try {
    const inPath = join(dir, "in.csv");
    const outPath = join(dir, `out.${output}`);
    await writeFile(inPath, portfolioBatchCsv(p, date));
    const summary = await runBatch(t, inPath, outPath, { input: "csv", output });
    const text = readFileSync(outPath, "utf8");
    const totals = totalsSummary(summary, { kind: "duty" });
    if (output === "csv") return { csv: text, totals };
    const rows = text
      .split("\n")
      .filter((s) => s !== "")
      .map((s) => JSON.parse(s) as unknown);
    return { rows, totals };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The values of a portfolio's lines of one importer as the weights of the averages (`runAverage`'s
 * `weights`); `line` is the line's position in the portfolio.
 */
export function portfolioWeights(p: Portfolio, importer: Issuer): WeightsFile {
  const rows = p.lines.flatMap((l, i) =>
    (l.fields.importer?.toUpperCase() ?? "US") === importer
      ? [
          {
            code: l.code.replace(/[.\s]/g, ""),
            origin: l.origin,
            value: Number(l.value.replace(/,/g, "")),
            line: i + 1,
          },
        ]
      : [],
  );
  return {
    path: `portfolio ${p.id}`,
    description: `portfolio ${p.id} (${p.name}): the customs values of its ${rows.length} lines of importer ${importer}`,
    errors: [],
    rows,
  };
}
