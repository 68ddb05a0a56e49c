/**
 * The snapshot of the HTS data files that `loadHts` reads: revisions.csv, column2-countries.csv and
 * pre2025/successors.csv.gz as read, and each stored revision file split by heading (the first four
 * digits of its codes), with its texts and parent nodes renumbered to the heading's. Answering for one
 * code then parses only its heading's part of each file instead of gunzipping and parsing all of them.
 * Kept in the cache (units/cache.ts), keyed by the data files and the code that reads them.
 */
import { existsSync, readdirSync } from "node:fs";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { keptFilesKey, readParts, writeParts } from "../units/cache.js";
import { headingOf } from "./codes.js";
import type { HtsRevision, StoredFile, StoredLine } from "./hts.js";

/** Periods in which column 2 applies to an origin (see data/hts/column2-countries.csv). */
export type Column2Rules = Map<string, { from: string; until: string }[]>;

/** What the snapshot is made of: the data files as read. */
export interface SnapshotSources {
  revisions: readonly HtsRevision[];
  column2: Column2Rules;
  /** The rows of pre2025/successors.csv.gz: code, successors, basis. */
  successors: string[][];
  /** The stored file of each revision (`files[k]`: revision k). */
  files: readonly StoredFile[];
}

export interface Snapshot {
  revisions: HtsRevision[];
  column2: Column2Rules;
  successors: string[][];
  /** The headings held (the first four digits of codes, see `headingOf`). */
  headings(): string[];
  /** A heading's part of each stored file that has one: [revision index, part], in revision order. */
  heading(heading: string): [number, StoredFile][];
}

/** The snapshot's header as kept (see `writeParts`); its parts are the headings' parts of the files. */
interface Header {
  revisions: HtsRevision[];
  column2: [string, { from: string; until: string }[]][];
  successors: string[][];
}

const KIND = "hts";

/** This module and hts.ts (same directory, same extension: .js built, .ts in tests). */
function codeFiles(): string[] {
  const self = fileURLToPath(import.meta.url);
  return [self, join(self, "..", `hts${extname(self)}`)];
}

/**
 * The key of the HTS data directory `dir`: the files the snapshot is made of (read and hashed unless
 * unchanged since a run kept it in `cacheDir`: see `keptFilesKey`).
 */
export function snapshotKey(dir: string, cacheDir: string): string {
  const stored = (d: string) =>
    readdirSync(d)
      .filter((n) => n.endsWith(".json.gz"))
      .sort()
      .map((n) => join(d, n));
  const files = [
    join(dir, "revisions.csv"),
    join(dir, "column2-countries.csv"),
    ...[join(dir, "pre2025", "successors.csv.gz")].filter((path) => existsSync(path)),
    ...stored(dir),
    ...stored(join(dir, "changes")),
  ];
  return keptFilesKey(cacheDir, KIND, codeFiles(), dir, files);
}

/**
 * The snapshot kept under `key`, or undefined (none, or unreadable). Only its header is read here; a
 * heading's bytes are read when it is asked for.
 */
export function readSnapshot(cacheDir: string, key: string): Snapshot | undefined {
  const kept = readParts<Header>(cacheDir, KIND, key);
  if (kept === undefined) return undefined;
  const { revisions, column2, successors } = kept.header;
  return {
    revisions,
    column2: new Map(column2),
    successors,
    headings: () => kept.names(),
    heading: (heading) => kept.part<[number, StoredFile][]>(heading) ?? [],
  };
}

/** Keeps the snapshot of the files read. */
export function writeSnapshot(cacheDir: string, key: string, sources: SnapshotSources): void {
  const { revisions, column2, successors, files } = sources;
  const byHeading = new Map<string, [number, StoredFile][]>();
  files.forEach((file, k) => {
    for (const [heading, part] of splitByHeading(file)) {
      const parts = byHeading.get(heading) ?? [];
      parts.push([k, part]);
      byHeading.set(heading, parts);
    }
  });
  const header: Header = { revisions: [...revisions], column2: [...column2], successors };
  writeParts(cacheDir, KIND, key, header, byHeading);
}

/** One heading's part of a stored file: its lines, with the texts and nodes they use renumbered. */
class HeadingPart {
  private readonly texts: string[] = [];
  private readonly textIndex = new Map<number, number>();
  private readonly nodes: [number, string, number][] = [];
  private readonly nodeIndex = new Map<number, number>();
  readonly lines: StoredLine[] = [];
  readonly added: StoredLine[] = [];
  readonly changed: StoredLine[] = [];
  readonly removed: string[] = [];

  constructor(private readonly from: StoredFile) {}

  private text(index: number): number {
    let own = this.textIndex.get(index);
    if (own === undefined) {
      own = this.texts.length;
      this.texts.push(this.from.texts[index] as string);
      this.textIndex.set(index, own);
    }
    return own;
  }

  private node(index: number): number {
    if (index < 0) return index;
    let own = this.nodeIndex.get(index);
    if (own === undefined) {
      const [parent, code, text] = this.from.nodes[index] as [number, string, number];
      const node: [number, string, number] = [this.node(parent), code, this.text(text)];
      own = this.nodes.length;
      this.nodes.push(node);
      this.nodeIndex.set(index, own);
    }
    return own;
  }

  line(s: StoredLine): StoredLine {
    const out: StoredLine = { ...s, d: this.text(s.d), p: this.node(s.p) };
    for (const k of ["u", "g", "s", "o", "h"] as const) {
      const index = s[k];
      if (index !== undefined) out[k] = this.text(index);
    }
    if (s.f !== undefined) out.f = s.f.map((index) => this.text(index));
    return out;
  }

  file(): StoredFile {
    const { format, revision, previous } = this.from;
    return {
      format,
      revision,
      ...(previous === undefined ? {} : { previous }),
      texts: this.texts,
      nodes: this.nodes,
      ...(this.from.lines === undefined ? {} : { lines: this.lines }),
      ...(this.from.added === undefined ? {} : { added: this.added }),
      ...(this.from.changed === undefined ? {} : { changed: this.changed }),
      ...(this.from.removed === undefined ? {} : { removed: this.removed }),
    };
  }
}

/** A stored file's parts by heading. */
function splitByHeading(file: StoredFile): Map<string, StoredFile> {
  const parts = new Map<string, HeadingPart>();
  const partOf = (code: string): HeadingPart => {
    const heading = headingOf(code);
    let part = parts.get(heading);
    if (part === undefined) {
      part = new HeadingPart(file);
      parts.set(heading, part);
    }
    return part;
  };
  for (const code of file.removed ?? []) partOf(code).removed.push(code);
  for (const s of file.lines ?? []) partOf(s.c).lines.push(partOf(s.c).line(s));
  for (const s of file.added ?? []) partOf(s.c).added.push(partOf(s.c).line(s));
  for (const s of file.changed ?? []) partOf(s.c).changed.push(partOf(s.c).line(s));
  return new Map([...parts].map(([heading, part]) => [heading, part.file()]));
}
