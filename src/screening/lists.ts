/**
 * The restricted-party lists shipped with Truce: one YAML file a list under data/screening
 * (`<list-id>.yaml`), each naming its instruments once (the Federal Register rule, FCC notice or
 * MOFCOM announcement) and its entries by instrument key. Read into `ListEntry` values
 * (list-entry.ts) for the matcher; the same reading is the data check of the list files
 * (`truce check`): unknown instrument keys, an entry listed before its instrument took effect or
 * removed before it was listed, duplicate entry ids, an address where a name or alias belongs, an
 * alias repeating the entry's name or another alias (ignoring case), a US Entity List instrument without its
 * Federal Register page and document number (or, for a number not found, `frDocNotFound` and a
 * citation saying so, below grade P), an entry whose cited FR page (`frCited`) is not within
 * its listing rule, and an entry read only in a report of its instrument (graded S or W) without
 * that report named.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { calendarDate } from "../law/schema.js";
import { readYamlFile } from "../law/yaml-files.js";
import { LIST_IDS, type ListEntry, type ListId, listInstrument } from "./list-entry.js";

/** The lists shipped as files (the Consolidated Screening List is loaded by the user, not shipped). */
export const SHIPPED_LIST_IDS = LIST_IDS.filter((id) => id !== "us-csl");

/** An instrument as a list file names it: the entry's instrument plus the date it took effect. */
const fileInstrument = listInstrument
  .extend({
    /** The date the instrument took effect (an Entity List rule: its effective date, often before publication). */
    effective: calendarDate,
    /** The date it was published (Federal Register) or announced, where it differs from `effective`. */
    published: calendarDate.optional(),
  })
  .strict();
export type FileInstrument = z.infer<typeof fileInstrument>;

const fileEntry = z
  .object({
    entryId: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "expected a lower-case id like el-2024-12-02-naura"),
    name: z.string().min(1),
    aliases: z.array(z.string().min(1)).default([]),
    addresses: z.array(z.string().min(1)).default([]),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, "expected an ISO 3166-1 alpha-2 code like CN")
      .optional(),
    listedOn: calendarDate,
    /** Key of the instrument (in this file's `instruments`) that listed the entry. */
    listedBy: z.string().min(1),
    removedOn: calendarDate.optional(),
    removedBy: z.string().min(1).optional(),
    /**
     * The Federal Register page the list's codified text cites for the entry ("89 FR 99703" in the
     * eCFR's Entity List), which lies within the listing rule: not always the rule's first page.
     */
    frCited: z.string().min(1).optional(),
    note: z.string().min(1).optional(),
    /**
     * Where the entry was read when not in the instrument's own text (a secondary report of the
     * rule): its grade (below the instrument's) and the source (its address, or the document).
     */
    grade: z.enum(["P", "S", "W"]).optional(),
    source: z.string().min(1).optional(),
  })
  .strict();

const GRADE_RANK = { P: 0, S: 1, W: 2 } as const;

const listFile = z
  .object({
    list: z.enum(SHIPPED_LIST_IDS as [ListId, ...ListId[]]),
    title: z.string().min(1),
    /** What the file holds and what it does not (years, rules covered, rules not found). */
    coverage: z.string().min(1),
    instruments: z.record(
      z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "expected a lower-case key"),
      fileInstrument,
    ),
    entries: z.array(fileEntry),
  })
  .strict()
  .superRefine((file, ctx) => {
    file.entries.forEach((e, i) => {
      for (const field of ["listedBy", "removedBy"] as const) {
        const key = e[field];
        if (key !== undefined && !(key in file.instruments))
          ctx.addIssue({
            code: "custom",
            path: ["entries", i, field],
            message: `unknown instrument "${key}"`,
          });
      }
      const listedBy = file.instruments[e.listedBy];
      if (e.grade !== undefined && listedBy && GRADE_RANK[e.grade] < GRADE_RANK[listedBy.grade])
        ctx.addIssue({
          code: "custom",
          path: ["entries", i, "grade"],
          message: `grade ${e.grade} above its instrument's (${listedBy.grade})`,
        });
      if (e.grade !== undefined && e.grade !== listedBy?.grade && e.source === undefined)
        ctx.addIssue({
          code: "custom",
          path: ["entries", i, "source"],
          message: "an entry graded apart from its instrument names the source it was read in",
        });
      if ((e.removedOn === undefined) !== (e.removedBy === undefined))
        ctx.addIssue({
          code: "custom",
          path: ["entries", i, e.removedOn === undefined ? "removedBy" : "removedOn"],
          message: "removedOn and removedBy go together",
        });
    });
  });
export type ListFile = z.infer<typeof listFile>;

const FR_PAGE = /^\d{1,3} FR \d+$/;
/**
 * A name that is an address: the eCFR's numbered further addresses ("Address 12") or a street
 * address ("Room 1502, ...", "No. 1 ...", "18 Shing Yip Street").
 */
const ADDRESS_AS_NAME =
  /^(?:Address \d+\b|(?:Room|Rm\.?|Flat|Suite|Unit|Floor|No\.) ?\d|\d+[A-Z]?,? [A-Z][a-z]+ (?:Road|Street|Avenue|Lu|Jie)\b)/;
const FR_DOC = /^(19|20)\d{2}-\d{5}$/;
/** What the citation of a rule whose FR document number was not found says. */
export const FR_DOC_NOT_FOUND = "FR Doc number not found";

/**
 * What the schema cannot see in a valid list file: dates against the instruments, duplicate entry
 * ids, and (US Entity List) instruments without FR page and document number, or whose citation text
 * does not name them.
 */
export function listFileProblems(file: string, list: ListFile): string[] {
  const problems: string[] = [];
  const seen = new Map<string, number>();
  list.entries.forEach((e, i) => {
    const where = `${file}: entries.${i} (${e.entryId})`;
    const first = seen.get(e.entryId);
    if (first !== undefined) problems.push(`${where}: duplicate entryId, first at entries.${first}`);
    else seen.set(e.entryId, i);
    const listedBy = list.instruments[e.listedBy];
    if (listedBy && e.listedOn < listedBy.effective)
      problems.push(
        `${where}: listedOn ${e.listedOn} is before ${e.listedBy} took effect (${listedBy.effective})`,
      );
    if (e.removedOn !== undefined && e.removedOn < e.listedOn)
      problems.push(`${where}: removedOn ${e.removedOn} is before listedOn ${e.listedOn}`);
    if (ADDRESS_AS_NAME.test(e.name) || e.aliases.some((a) => ADDRESS_AS_NAME.test(a)))
      problems.push(
        `${where}: an address where a name belongs ("${[e.name, ...e.aliases].find((n) => ADDRESS_AS_NAME.test(n))}")`,
      );
    const names = new Set<string>();
    for (const n of [e.name, ...e.aliases]) {
      const key = n.toLowerCase();
      if (names.has(key)) problems.push(`${where}: "${n}" repeats its name or another alias`);
      names.add(key);
    }
    if (e.frCited !== undefined && listedBy) {
      const misplaced = citedOutsideRule(e.frCited, e.listedBy, list.instruments);
      if (misplaced) problems.push(`${where}: ${misplaced}`);
    }
    const removedBy = e.removedBy === undefined ? undefined : list.instruments[e.removedBy];
    if (removedBy && e.removedOn !== undefined && e.removedOn < removedBy.effective)
      problems.push(
        `${where}: removedOn ${e.removedOn} is before ${e.removedBy} took effect (${removedBy.effective})`,
      );
  });
  for (const [key, inst] of Object.entries(list.instruments)) {
    const where = `${file}: instruments.${key}`;
    if (list.list === "us-entity-list") {
      if (inst.fr === undefined || (inst.frDoc === undefined && inst.frDocNotFound === undefined))
        problems.push(
          `${where}: a US Entity List instrument needs its FR page (fr) and FR Doc number (frDoc, or frDocNotFound saying where it was looked for)`,
        );
    }
    if (inst.frDocNotFound !== undefined) {
      if (inst.frDoc !== undefined) problems.push(`${where}: frDocNotFound beside frDoc ${inst.frDoc}`);
      if (!inst.citation.includes(FR_DOC_NOT_FOUND))
        problems.push(`${where}: the citation does not say "${FR_DOC_NOT_FOUND}"`);
      if (inst.grade === "P") problems.push(`${where}: grade P without the rule's FR Doc number`);
    }
    if (inst.fr !== undefined) {
      if (!FR_PAGE.test(inst.fr)) problems.push(`${where}: fr "${inst.fr}" is not like "89 FR 96790"`);
      else if (!inst.citation.includes(inst.fr))
        problems.push(`${where}: the citation does not name ${inst.fr}`);
    }
    if (inst.frDoc !== undefined) {
      if (!FR_DOC.test(inst.frDoc)) problems.push(`${where}: frDoc "${inst.frDoc}" is not like "2024-28267"`);
      else if (!inst.citation.includes(`FR Doc ${inst.frDoc}`))
        problems.push(`${where}: the citation does not name FR Doc ${inst.frDoc}`);
    }
  }
  return problems;
}

const frPage = (fr: string) => {
  const [volume, page] = fr.split(" FR ").map(Number);
  return { volume: volume ?? Number.NaN, page: page ?? Number.NaN };
};

/**
 * Why a cited page cannot lie in the rule `key` ("89 FR 99703" in the rule starting at 89 FR 99702
 * does), or undefined: not an FR page, another volume, before the rule's first page, or at or
 * after the first page of another of the file's rules that starts after it (FR pages run on, so
 * that page is in the later rule).
 */
function citedOutsideRule(cited: string, key: string, instruments: Record<string, FileInstrument>) {
  if (!FR_PAGE.test(cited)) return `frCited "${cited}" is not like "89 FR 99703"`;
  const fr = instruments[key]?.fr;
  if (fr === undefined || !FR_PAGE.test(fr)) return undefined;
  const at = frPage(cited);
  const rule = frPage(fr);
  if (at.volume !== rule.volume || at.page < rule.page)
    return `frCited ${cited} is not in ${key}, which starts at ${fr}`;
  const later = Object.entries(instruments).find(([, other]) => {
    if (other.fr === undefined || !FR_PAGE.test(other.fr)) return false;
    const start = frPage(other.fr);
    return start.volume === at.volume && start.page > rule.page && start.page <= at.page;
  });
  return later && `frCited ${cited} is in ${later[0]} (from ${later[1].fr}), not in ${key} (from ${fr})`;
}

function toListInstrument(inst: FileInstrument): ListEntry["instrument"] {
  const { effective: _effective, published: _published, ...rest } = inst;
  return rest;
}

/** The entries of one valid list file, as the matcher reads them. */
export function listEntries(list: ListFile): ListEntry[] {
  return list.entries.map((e) => {
    const instrument = list.instruments[e.listedBy];
    if (!instrument) throw new Error(`${list.list}: ${e.entryId}: unknown instrument "${e.listedBy}"`);
    const removedBy = e.removedBy === undefined ? undefined : list.instruments[e.removedBy];
    return {
      list: list.list,
      entryId: e.entryId,
      name: e.name,
      aliases: e.aliases,
      addresses: e.addresses,
      ...(e.country === undefined ? {} : { country: e.country }),
      listedOn: e.listedOn,
      instrument: { ...toListInstrument(instrument), grade: e.grade ?? instrument.grade },
      ...(e.removedOn === undefined ? {} : { removedOn: e.removedOn }),
      ...(removedBy === undefined ? {} : { removedBy: toListInstrument(removedBy) }),
      ...(e.note === undefined && e.source === undefined
        ? {}
        : { note: [e.note, e.source && `Entry read in ${e.source}`].filter(Boolean).join(" ") }),
    };
  });
}

/** The list files under `<dataDir>/screening`, validated: `{ file, list }` for each valid one. */
export function readListFiles(dataDir: string, problems: string[]): { file: string; list: ListFile }[] {
  const dir = join(dataDir, "screening");
  if (!existsSync(dir)) {
    problems.push(`no screening list directory: ${join("data", "screening")}`);
    return [];
  }
  const out: { file: string; list: ListFile }[] = [];
  for (const name of readdirSync(dir)
    .filter((n) => /\.ya?ml$/.test(n))
    .sort()) {
    const file = `screening/${name}`;
    const list = readYamlFile(join(dir, name), file, listFile, problems);
    if (!list) continue;
    const expected = name.replace(/\.ya?ml$/, "");
    if (list.list !== expected)
      problems.push(`${file}: list: "${list.list}" in a file named for "${expected}"`);
    out.push({ file, list });
  }
  const lists = out.map((o) => o.list.list);
  for (const id of new Set(lists)) {
    if (lists.filter((l) => l === id).length > 1)
      problems.push(`screening: more than one file holds list ${id}`);
  }
  return out;
}

/**
 * Every entry of the lists shipped under `<dataDir>/screening` (dataDir is the repository's data/
 * directory), with the problems found: a file that fails its schema gives no entries; the other
 * problems (`listFileProblems`) leave the entries loaded. `truce check` reports the problems.
 */
export function loadShippedLists(dataDir: string): { entries: ListEntry[]; problems: string[] } {
  const problems: string[] = [];
  const entries: ListEntry[] = [];
  for (const { file, list } of readListFiles(dataDir, problems)) {
    problems.push(...listFileProblems(file, list));
    entries.push(...listEntries(list));
  }
  return { entries, problems };
}
