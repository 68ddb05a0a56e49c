/**
 * One entry of a restricted-party list (US Entity List, FCC Covered List, 1260H, China's
 * Unreliable Entity List and export-control list, or a loaded Consolidated Screening List), with
 * the instrument that listed it. Shared by the list files under data/screening, the CSL loader,
 * the store and the screening matcher.
 */
import { z } from "zod";
import { calendarDate } from "../law/schema.js";

export const LIST_IDS = [
  "us-entity-list",
  "us-fcc-covered",
  "us-1260h",
  "cn-unreliable-entity",
  "cn-export-control-list",
  "us-csl",
] as const;
export type ListId = (typeof LIST_IDS)[number];

/** The instrument that listed, revised or removed an entry (FR page and document number where one exists). */
export const listInstrument = z
  .object({
    citation: z.string().min(1),
    fr: z.string().optional(),
    frDoc: z.string().optional(),
    /**
     * Where a Federal Register rule's document number was looked for and not found: the entries it
     * listed are kept (a listed party must screen), and its citation says "FR Doc number not found".
     */
    frDocNotFound: z.string().min(1).optional(),
    url: z.url().optional(),
    grade: z.enum(["P", "S", "W"]),
  })
  .strict();
export type ListInstrument = z.infer<typeof listInstrument>;

export const listEntry = z
  .object({
    list: z.enum(LIST_IDS),
    /** Stable within its list, e.g. "el-2024-0412-huawei-tech" or a CSL record id. */
    entryId: z.string().min(1),
    name: z.string().min(1),
    aliases: z.array(z.string().min(1)).default([]),
    addresses: z.array(z.string()).default([]),
    /** ISO 3166-1 alpha-2 of the party's country, where the list gives one. */
    country: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .optional(),
    /**
     * The day it was listed. Absent where the list does not date the listing (many Treasury records
     * of the Consolidated Screening List): the entry then screens at every instant, and says so.
     */
    listedOn: calendarDate.optional(),
    instrument: listInstrument,
    /** Removed from the list on this date (the entry no longer screens as a hit from then). */
    removedOn: calendarDate.optional(),
    removedBy: listInstrument.optional(),
    note: z.string().optional(),
  })
  .strict();
export type ListEntry = z.infer<typeof listEntry>;
