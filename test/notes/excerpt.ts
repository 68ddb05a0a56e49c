/** The note excerpts of test/notes/fixtures (each cites its source in its leading "#" lines) and the lists they feed. */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { csvText } from "../../scripts/notes/io.js";
import { NotesText, type Row } from "../../scripts/notes/text.js";

const here = dirname(fileURLToPath(import.meta.url));

/** An excerpt of the notes text, its citation lines left out. */
export function excerpt(name: string): NotesText {
  const lines = readFileSync(join(here, "fixtures", name), "utf8").split("\n");
  while (lines[0]?.startsWith("#")) lines.shift();
  return new NotesText(lines.join("\n"));
}

/** The lines of a generated list file of data/lists/us (header first). */
export function listLines(file: string): string[] {
  return readFileSync(join(here, "..", "..", "data", "lists", "us", file), "utf8").split("\n");
}

/** The CSV lines of rows as the extraction writes them (header left out). */
export const csvLines = (columns: string[], rows: Row[]): string[] =>
  csvText(columns, rows).trimEnd().split("\n").slice(1);
