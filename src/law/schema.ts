/** The shape of one instrument file under data/law, validated at load. */
import { z } from "zod";
import { isCalendarDate } from "../units/time.js";
import { CSMS, FR_DOC, FR_PAGE } from "./citations.js";

/** A US Chapter 99 heading, or the announcement a Chinese measure is known by ("CTC 2025-4"). */
const HEADING = /^(\d{4}\.\d{2}\.\d{2}|CTC \d{4}-\d+[A-Za-z0-9/-]*)$/;
const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const RATE = /^\d+(\.\d{1,4})?%$/;
const ID = /^[a-z0-9][a-z0-9.-]*$/;

export const heading = z
  .string()
  .regex(
    HEADING,
    'expected a Chapter 99 heading like 9903.88.01 (US) or an announcement like "CTC 2025-4" (CN)',
  );
/** Whether "YYYY-MM-DD" (optionally " HH:MM") names a real day and time (no 2025-04-31, no 24:00). */
function isRealLocalTime(text: string): boolean {
  const [day = "", time] = text.split(" ");
  if (!isCalendarDate(day)) return false;
  if (time === undefined) return true;
  const [hours, minutes] = time.split(":").map(Number);
  return (hours ?? 99) <= 23 && (minutes ?? 99) <= 59;
}

export const localTime = z
  .string()
  .regex(LOCAL_TIME, 'expected a local time "YYYY-MM-DD HH:MM" in the issuer\'s zone (or a date)')
  .refine(isRealLocalTime, "not a real calendar date and time");
export const calendarDate = z
  .string()
  .regex(DATE, "expected YYYY-MM-DD")
  .refine(isRealLocalTime, "not a real calendar date");
const date = calendarDate;
const id = z.string().regex(ID, "expected a lower-case id like s301-list1");

/** `unmodelled`: the measure goes on, but the data does not model it from this instant (the note says why). */
export const STATUSES = ["final", "suspended", "threatened", "proposed", "ended", "unmodelled"] as const;
export const BASES = ["value", "steel-content", "aluminum-content", "copper-content"] as const;
export const INSTRUMENT_KINDS = [
  "statute",
  "executive-order",
  "proclamation",
  "presidential-memorandum",
  "fr-notice",
  "ustr-notice",
  "csms",
  "court-decision",
  "ctc-announcement",
  "mofcom-announcement",
  "other",
] as const;

/**
 * A fact the data states without primary confirmation, with what would confirm it (a layer it
 * concerns is flagged `provisional`).
 */
export const unconfirmedFact = z.strictObject({
  fact: z.string().min(10),
  confirmBy: z.string().min(10),
});
/** What the model of a measure, value or rule leaves out (shown with the layers it concerns; not a doubt). */
const limits = z.array(z.string().min(10)).min(1);
const unconfirmed = z.array(unconfirmedFact).min(1);

const listRef = z.union([
  z.string(),
  z.strictObject({
    file: z.string(),
    where: z.record(z.string(), z.string()).optional(),
  }),
]);

export const productScope = z
  .strictObject({
    all: z.boolean().optional(),
    prefixes: z.array(z.string().regex(/^\d{2,10}$/, "expected 2 to 10 digits")).optional(),
    lists: z.array(listRef).optional(),
    except: z
      .strictObject({
        prefixes: z.array(z.string().regex(/^\d{2,10}$/)).optional(),
        lists: z.array(listRef).optional(),
      })
      .optional(),
  })
  .refine((p) => p.all || p.prefixes?.length || p.lists?.length, "products needs all, prefixes or lists");

const notStackedOn = z.strictObject({
  authorities: z.array(z.string()).min(1),
  heading: heading.optional(),
  reason: z.string(),
  /** From this instant the measure is charged on the value less the other measure's content base. */
  remainderFrom: localTime.optional(),
});

const measure = z.strictObject({
  id,
  authority: z.string().regex(ID),
  /** Absent only for measures never implemented (threats), or with `headingUnknown`. */
  heading: heading.optional(),
  /**
   * Why a measure in force has no known Chapter 99 heading (its heading not yet published); the
   * measure must then state an `unconfirmed` fact, so that every layer it produces is flagged.
   */
  headingUnknown: z.string().min(10).optional(),
  label: z.string().min(3),
  origins: z.array(z.string().regex(/^([A-Z]{2}|\*)$/, "expected ISO 3166 alpha-2 codes or *")).min(1),
  exceptOrigins: z.array(z.string().regex(/^[A-Z]{2}$/)).optional(),
  products: productScope,
  /**
   * The trade action the measure is one list of (e.g. the four 2018–2019 Section 301 lists): the data
   * check fails when a line is on two lists of one action, unless both rows describe their goods.
   */
  action: z.string().regex(ID).optional(),
  base: z.enum(BASES).default("value"),
  priority: z.number().int().default(100),
  replaces: z.array(id).optional(),
  /** The measure applies only when the importer declares its heading; the text says when that is. */
  requiresClaim: z.string().optional(),
  /**
   * The rate of a value is a total to reach: the measure charges what the column 1 rate (ad valorem)
   * lacks to reach it, and nothing, under `headingAtOrAbove`, where that rate reaches it.
   */
  topUp: z.strictObject({ headingAtOrAbove: heading }).optional(),
  notStackedOn: z.array(notStackedOn).optional(),
  note: z.string().optional(),
  unconfirmed: unconfirmed.optional(),
  limits: limits.optional(),
});

const value = z.strictObject({
  measure: id,
  from: localTime,
  rate: z.string().regex(RATE, 'expected an ad valorem rate like "25%"').optional(),
  status: z.enum(STATUSES).default("final"),
  heading: heading.optional(),
  /** The base from this instant on (absent: the base in force before it, the measure's at first). */
  base: z.enum(BASES).optional(),
  note: z.string().optional(),
  unconfirmed: unconfirmed.optional(),
  limits: limits.optional(),
});

const exemption = z.strictObject({
  measure: id,
  heading: heading.optional(),
  /** The exemption holds only when the importer claims it (a heading, or a named option such as cn-exclusion). */
  claim: z
    .string()
    .regex(/^(\d{4}\.\d{2}\.\d{2}|[a-z][a-z0-9-]+)$/)
    .optional(),
  reason: z.string(),
  products: productScope,
  from: localTime.optional(),
  until: localTime.optional(),
  unconfirmed: unconfirmed.optional(),
  limits: limits.optional(),
});

const inTransit = z.strictObject({
  measure: id,
  heading: heading.optional(),
  reason: z.string().optional(),
  /** Goods loaded before this instant ... */
  loadedBefore: localTime,
  /** ... (and loaded on/after this one, if given) ... */
  loadedFrom: localTime.optional(),
  /** ... and entered before this one qualify. */
  enteredBefore: localTime,
  modes: z.array(z.enum(["vessel", "air", "truck", "rail", "postal"])).optional(),
  /** The rate that applies instead (absent: the measure does not apply). */
  rate: z.string().regex(RATE).optional(),
  unconfirmed: unconfirmed.optional(),
});

/** A known hole in the data: entries it covers get its note as a warning. */
const gap = z.strictObject({
  exceptOrigins: z.array(z.string().regex(/^[A-Z]{2}$/)).optional(),
  /** The products the hole may concern (default: all). */
  products: productScope.optional(),
  from: localTime,
  until: localTime,
  note: z.string().min(10),
});

export const instrumentFile = z.strictObject({
  id,
  issuer: z.enum(["US", "CN"]),
  instrument: z.strictObject({
    kind: z.enum(INSTRUMENT_KINDS),
    number: z.string().optional(),
    title: z.string().min(3),
    citation: z.string().min(3),
    url: z.url(),
    signed: date.optional(),
    published: date.optional(),
    announced: date.optional(),
    /** P primary (needs a primary `url`, see citations.ts), S reputable secondary, W weak. */
    grade: z.enum(["P", "S", "W"]),
    /** The citation's parts, as the citation text names them (the data check holds the two together). */
    cites: z
      .strictObject({
        fr: z
          .array(z.string().regex(FR_PAGE, 'expected a Federal Register volume and page like "90 FR 15041"'))
          .optional(),
        frDoc: z
          .array(z.string().regex(FR_DOC, 'expected an FR document number like "2025-06063"'))
          .optional(),
        csms: z.array(z.string().regex(CSMS, "expected a CBP CSMS message number (8 digits)")).optional(),
      })
      .optional(),
    sources: z.array(z.url()).optional(),
    note: z.string().optional(),
    /** Facts of the instrument itself not confirmed (its number, FR page, that it was read): flag the layers it sets. */
    unconfirmed: unconfirmed.optional(),
  }),
  measures: z.array(measure).optional(),
  values: z.array(value).optional(),
  exemptions: z.array(exemption).optional(),
  inTransit: z.array(inTransit).optional(),
  gaps: z.array(gap).optional(),
});

export type InstrumentFile = z.infer<typeof instrumentFile>;
export type MeasureSpec = z.infer<typeof measure>;
export type ValueSpec = z.infer<typeof value>;
export type UnconfirmedFact = z.infer<typeof unconfirmedFact>;
export type ProductScopeSpec = z.infer<typeof productScope>;
export type ListRef = z.infer<typeof listRef>;
export type Status = (typeof STATUSES)[number];
export type Base = (typeof BASES)[number];

const horizonEntry = z.strictObject({
  /** The last local date (in the importer's zone) to which the law is confirmed. */
  confirmedTo: date,
  basis: z.string().min(20),
  sources: z.array(z.url()).optional(),
});

/** data/horizon.yaml: how current the law data is, per importing country. */
export const horizonFile = z.strictObject({ US: horizonEntry, CN: horizonEntry });
export type HorizonSpec = z.infer<typeof horizonFile>;
