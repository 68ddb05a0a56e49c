/**
 * Inputs and outputs of the note extraction: the shared datasets it reads (each named by its path under the
 * shared directory), the CSV files it reads and writes, and the list of what it wrote (for the README).
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { parse } from "csv-parse/sync";
import { fail, NotesText, type Row } from "./text.js";

export const NOTES_REL = "data/us/notes/chapter99_2026_rev_6.txt.gz";
export const LISTS_REL = "data/us/lists";
export const HTS_REL = "data/us/hts";
export const FIXTURES_REL = "fixtures/us-china-duty-cases.md";
export const EDITION = "HTS 2026 Revision 6 (USITC, public domain)";

export const sha256 = (b: Buffer | string): string => createHash("sha256").update(b).digest("hex");

/** The shared datasets, read from one directory. */
export class SharedInputs {
  constructor(readonly dir: string) {}

  read(rel: string): Buffer {
    const p = join(this.dir, rel);
    if (!existsSync(p)) fail(`missing input ${rel} under ${this.dir}`);
    return readFileSync(p);
  }

  /** The rows of a third-party list of `data/us/lists`. */
  list(name: string): string[][] {
    return readCsv(this.read(`${LISTS_REL}/${name}`));
  }

  /** The first column of a third-party list, header left out, trimmed. */
  listCodes(name: string): string[] {
    return this.list(name)
      .slice(1)
      .map((r) => (r[0] ?? "").trim());
  }

  /** The Chapter 99 notes text and the gzip file it came from (whose hash the README cites). */
  notes(): { gz: Buffer; text: NotesText } {
    const gz = this.read(NOTES_REL);
    return { gz, text: new NotesText(gunzipSync(gz).toString("latin1")) };
  }
}

/** Rows of a CSV text: quoted cells with doubled quotes, blank lines and "#" comment lines skipped. */
export function readCsv(buf: Buffer | string): string[][] {
  return parse(buf.toString(), {
    comment: "#",
    comment_no_infix: true,
    skip_empty_lines: true,
    relax_column_count: true,
  }) as string[][];
}

const csvCell = (v: string): string => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** A CSV text: header, then the rows sorted by `sortKeys` (deterministic output), one line each. */
export function csvText(columns: string[], rows: Row[], sortKeys: string[] = ["code", "source"]): string {
  const sorted = [...rows].sort((a, b) => {
    for (const k of sortKeys) {
      const x = a[k] ?? "";
      const y = b[k] ?? "";
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  });
  const body = sorted.map((r) => columns.map((c) => csvCell(r[c] ?? "")).join(","));
  return `${[columns.join(","), ...body].join("\n")}\n`;
}

/** Writes the list files into one directory and remembers each file's row count. */
export class ListWriter {
  readonly written: { file: string; rows: number }[] = [];

  constructor(readonly dir: string) {}

  csv(name: string, columns: string[], rows: Row[], sortKeys?: string[]): void {
    writeFileSync(join(this.dir, name), csvText(columns, rows, sortKeys));
    this.written.push({ file: name, rows: rows.length });
  }

  /** Rows of a file as last written, 0 when it was not written. */
  rows(name: string): number {
    return [...this.written].reverse().find((w) => w.file === name)?.rows ?? 0;
  }
}
