/**
 * The shape of one export-control instrument file under data/controls, validated at load: the
 * instrument (citation, source, grade, unconfirmed facts, as in data/law), the controls it creates
 * (items, thresholds, destinations, listed parties, end uses) and dated statuses (in force,
 * suspended until, reimposed ...), its own or another instrument's controls (a suspension).
 */
import { z } from "zod";
import { FR_DOC, FR_PAGE } from "../law/citations.js";
import { calendarDate, localTime, unconfirmedFact } from "../law/schema.js";
import { LIST_IDS } from "../screening/list-entry.js";
import { ELEMENT_SYMBOLS } from "./elements.js";

const ID = /^[a-z0-9][a-z0-9.-]*$/;
const id = z.string().regex(ID, "expected a lower-case id like cn-2025-18-dysprosium");
const country = z.string().regex(/^([A-Z]{2}|\*)$/, "expected an ISO 3166 alpha-2 code or *");
const element = z.enum(ELEMENT_SYMBOLS, { message: "expected a chemical element symbol like Dy" });
/** A percentage of value, as a decimal string ("0.1"): compared exactly, never as a float. */
const percent = z.string().regex(/^\d{1,3}(\.\d{1,4})?$/, 'expected a percentage like "0.1"');
const unconfirmed = z.array(unconfirmedFact).min(1);
const limits = z.array(z.string().min(10)).min(1);

/**
 * Statuses of a control from an instant on: `in-force`; `suspended` (with `until`, the instant it is
 * due to apply again); `reimposed` (in force again after a suspension); `announced` (adopted, not yet
 * in force); `threatened` (stated, not adopted); `ended`.
 */
export const CONTROL_STATUSES = [
  "in-force",
  "suspended",
  "reimposed",
  "announced",
  "threatened",
  "ended",
] as const;
export type ControlStatus = (typeof CONTROL_STATUSES)[number];

/** What a control requires when it applies: a licence, or no export at all (denied in principle). */
export const CONTROL_ACTIONS = ["licence", "prohibited"] as const;
export type ControlAction = (typeof CONTROL_ACTIONS)[number];

export const CONTROL_INSTRUMENT_KINDS = [
  "mofcom-announcement",
  "mofcom-gac-announcement",
  "regulation",
  "bis-rule",
  "statute",
  "other",
] as const;

const item = z.strictObject({
  id,
  /** As the instrument describes it (with its control code, e.g. "1C905.a dysprosium metal"). */
  description: z.string().min(3),
  /** Reference customs codes (HS, 4 to 10 digits) the instrument gives. */
  hs: z.array(z.string().regex(/^\d{4,10}$/, "expected 4 to 10 digits")).optional(),
  /** Export control classification numbers (US ECCN, Chinese control code such as 1C902.a). */
  eccn: z.array(z.string().min(3)).optional(),
  /** The elements the item is of or contains: a query names one (`contains`) to match. */
  elements: z.array(element).min(1).optional(),
  /** Words a query's text must contain (all of one entry) to match, e.g. "permanent magnet". */
  keywords: z.array(z.string().min(2)).optional(),
  technology: z.boolean().optional(),
});

const threshold = z.strictObject({
  /** The elements whose content counts (summed), as the query states it with `contains`. */
  elements: z.array(element).min(1),
  /** The content, in percent of the item's value, from which the control applies (inclusive). */
  atLeastPercent: percent,
  /** What the content is: e.g. "Chinese-origin Annex 1 Part I items by value". */
  basis: z.string().min(10),
});

const control = z
  .strictObject({
    id,
    label: z.string().min(5),
    action: z.enum(CONTROL_ACTIONS),
    /** Countries the goods are shipped from ("*": any), less `exceptFrom`. */
    from: z.array(country).min(1),
    exceptFrom: z.array(country).optional(),
    to: z.array(country).min(1),
    exceptTo: z.array(country).optional(),
    /** Where the goods were made (absent: anywhere); a query without an origin is taken as made where it ships from. */
    origins: z.array(country).min(1).optional(),
    exceptOrigins: z.array(country).optional(),
    /** The goods, technologies it covers (absent: every item, as for a listed-party control). */
    items: z.array(item).min(1).optional(),
    /** The items of other controls it covers too (e.g. a ban on exports of items another announcement controls). */
    itemsOf: z.array(id).optional(),
    threshold: threshold.optional(),
    /** A listed-party control: applies when the party is on one of these lists. */
    parties: z.strictObject({ lists: z.array(z.enum(LIST_IDS)).min(1) }).optional(),
    /** Applies to parties 50% or more owned by parties on the lists (the query states it: `ownedByListed`). */
    ownedByListed: z.boolean().optional(),
    /** End uses and end users the instrument names (described; the query cannot state them yet). */
    endUses: z.array(z.string().min(5)).optional(),
    endUsers: z.array(z.string().min(5)).optional(),
    note: z.string().optional(),
    unconfirmed: unconfirmed.optional(),
    limits: limits.optional(),
  })
  .refine((c) => c.items || c.itemsOf || c.parties || c.ownedByListed, {
    message:
      "a control covers items (items, itemsOf), listed parties (parties) or their affiliates (ownedByListed)",
  });

const status = z
  .strictObject({
    control: id,
    from: localTime,
    status: z.enum(CONTROL_STATUSES),
    /** A suspension: the local time the control is due to apply again. */
    until: localTime.optional(),
    /**
     * A later end of the suspension that is only reported (a statement, no instrument): shown with the
     * answer, never applied; the status states it as an `unconfirmed` fact.
     */
    reportedUntil: localTime.optional(),
    /** Event ids (data/events) that led to this status: the talks, calls and summits behind a suspension. */
    events: z.array(id).optional(),
    note: z.string().optional(),
    unconfirmed: unconfirmed.optional(),
  })
  .refine((s) => (s.status === "suspended") === (s.until !== undefined), {
    message: "a suspended status states `until` (when the control is due to apply again), and only it",
    path: ["until"],
  })
  .refine((s) => s.reportedUntil === undefined || (s.until !== undefined && s.unconfirmed !== undefined), {
    message:
      "a reported later end (reportedUntil) belongs to a suspension and is stated as an unconfirmed fact",
    path: ["reportedUntil"],
  });

export const controlFile = z.strictObject({
  id,
  issuer: z.enum(["US", "CN"]),
  instrument: z.strictObject({
    kind: z.enum(CONTROL_INSTRUMENT_KINDS),
    number: z.string().optional(),
    title: z.string().min(3),
    citation: z.string().min(3),
    cites: z
      .strictObject({
        fr: z.array(z.string().regex(FR_PAGE, 'expected "90 FR 47201"')).optional(),
        frDoc: z.array(z.string().regex(FR_DOC, 'expected "2025-19001"')).optional(),
      })
      .optional(),
    url: z.url(),
    signed: calendarDate.optional(),
    published: calendarDate.optional(),
    grade: z.enum(["P", "S", "W"]),
    sources: z.array(z.url()).optional(),
    note: z.string().optional(),
    unconfirmed: unconfirmed.optional(),
  }),
  controls: z.array(control).optional(),
  statuses: z.array(status).min(1),
});

export type ControlFile = z.infer<typeof controlFile>;
export type ControlSpec = z.infer<typeof control>;
export type ItemSpec = z.infer<typeof item>;
export type StatusSpec = z.infer<typeof status>;
