/**
 * The BIS affiliates rule (90 FR 47201, FR Doc 2025-19001): a party owned 50 percent or more,
 * "directly or indirectly, individually or in the aggregate, by one or more parties listed on the
 * Entity List or subject to restrictions under the Affiliates Rule" is itself subject to the
 * restrictions. So a party captured by the rule counts as an owner in full, like a listed one (the
 * Treasury practice the rule follows), and the shares that several such owners hold in one party
 * are added. The look-through share of each chain (the shares multiplied along it) is reported
 * beside, for the reader. Shares are exact integers in parts per million; the rule's dated status is
 * data (data/ownership/affiliates-rule.yaml).
 */
import { join } from "node:path";
import { z } from "zod";
import { readYamlFile } from "../law/yaml-files.js";
import { isoInstant, US_ZONE, zonedInstant } from "../units/time.js";
import { csvFields } from "./csv.js";

/** 100% in parts per million. */
export const WHOLE_PPM = 1_000_000;

export interface OwnershipEdge {
  owner: string;
  owned: string;
  /** The owner's share of the owned party, in parts per million (300000 = 30%). */
  sharePpm: number;
  /** The line of the CSV file it was read from. */
  line: number;
}

export interface OwnershipProblem {
  line: number;
  message: string;
}

/** Why a party is an owner the rule counts: it is listed (from screening its name), or captured. */
export interface ListedOwner {
  list: string;
  entryId: string;
  name: string;
  score: number;
}

export interface OwnershipChain {
  /** From a listed party down to the party found: names in order. */
  path: string[];
  /** The shares along the chain multiplied, as a percent (shown to 4 decimals, rounded half up). */
  lookThrough: string;
}

export interface Affiliate {
  party: string;
  /** The share held by listed and captured owners together, as a percent. */
  aggregate: string;
  aggregatePpm: number;
  /** The owners whose shares make the aggregate, with the share each holds. */
  owners: { owner: string; share: string; listed?: ListedOwner }[];
  chains: OwnershipChain[];
}

const CSV_HEADER = ["owner", "owned", "share"];
const SHARE = /^(\d{1,3})(?:\.(\d{1,4}))?\s*%?$/;

/** "30", "30%", "33.3333" (a percent, up to 4 decimals: exact in parts per million) → ppm. */
export function parseShare(text: string): number | undefined {
  const m = SHARE.exec(text.trim());
  if (!m) return undefined;
  const ppm = Number(m[1]) * 10_000 + Number((m[2] ?? "").padEnd(4, "0"));
  return ppm > 0 && ppm <= WHOLE_PPM ? ppm : undefined;
}

/** A share in ppm as a percent ("30%", "33.3333%"). */
export function formatShare(ppm: number): string {
  const whole = Math.floor(ppm / 10_000);
  const rest = String(ppm % 10_000)
    .padStart(4, "0")
    .replace(/0+$/, "");
  return `${whole}${rest ? `.${rest}` : ""}%`;
}

/** A party's name as compared between rows: spaces trimmed and collapsed. */
function partyName(text: string): string {
  return text.trim().replace(/\s+/g, " ");
}

/**
 * The edges of an ownership CSV (header owner,owned,share; share a percent), and each bad row with
 * its line: a row is never dropped silently. A party whose owners hold more than 100% is a problem.
 */
export function parseOwnershipCsv(text: string): { edges: OwnershipEdge[]; problems: OwnershipProblem[] } {
  const lines = text.split(/\r?\n/);
  const problems: OwnershipProblem[] = [];
  const edges: OwnershipEdge[] = [];
  const header = csvFields(lines[0] ?? "")?.map((f) => f.trim().toLowerCase());
  if (header === undefined || header.join(",") !== CSV_HEADER.join(","))
    return { edges, problems: [{ line: 1, message: `the header must be ${CSV_HEADER.join(",")}` }] };
  lines.slice(1).forEach((raw, k) => {
    const line = k + 2;
    if (raw.trim() === "") return;
    const fields = csvFields(raw);
    if (fields === undefined || fields.length !== 3) {
      problems.push({ line, message: "expected 3 fields: owner,owned,share" });
      return;
    }
    const owner = partyName(fields[0] as string);
    const owned = partyName(fields[1] as string);
    const sharePpm = parseShare(fields[2] as string);
    if (owner === "" || owned === "") problems.push({ line, message: "owner and owned must be named" });
    else if (owner === owned) problems.push({ line, message: `"${owner}" cannot own itself` });
    else if (sharePpm === undefined)
      problems.push({
        line,
        message: `share "${fields[2]}" is not a percent above 0 and at most 100 with up to 4 decimals (e.g. 30 or 33.3333%)`,
      });
    else edges.push({ owner, owned, sharePpm, line });
  });
  const held = new Map<string, number>();
  for (const e of edges) held.set(e.owned, (held.get(e.owned) ?? 0) + e.sharePpm);
  for (const [owned, total] of held)
    if (total > WHOLE_PPM) {
      const rows = edges.filter((e) => e.owned === owned).map((e) => e.line);
      problems.push({
        line: rows[0] as number,
        message: `the owners of "${owned}" hold ${formatShare(total)} together (lines ${rows.join(", ")}): more than 100%`,
      });
    }
  return { edges, problems };
}

/** (a / 10^6) × (b / 10^6) … as a percent to 4 decimals, rounded half up, computed exactly. */
function lookThrough(shares: readonly number[]): string {
  let num = 1n;
  let den = 1n;
  for (const s of shares) {
    num *= BigInt(s);
    den *= BigInt(WHOLE_PPM);
  }
  // percent × 10^4 = num / den × 10^6, rounded half up.
  const scaled = (num * 2_000_000n + den) / (2n * den);
  return formatShare(Number(scaled));
}

/**
 * The parties the rule captures: each party owned 50% or more by listed parties and parties
 * captured before it (found until nothing changes, so cycles end), with the owners that make the
 * share and every chain from a listed party down to it.
 */
export function findAffiliates(
  edges: readonly OwnershipEdge[],
  listed: ReadonlyMap<string, ListedOwner>,
  thresholdPpm: number,
): Affiliate[] {
  const ownersOf = new Map<string, OwnershipEdge[]>();
  for (const e of edges) ownersOf.set(e.owned, [...(ownersOf.get(e.owned) ?? []), e]);
  const captured = new Map<string, OwnershipEdge[]>();
  const counts = (party: string) => listed.has(party) || captured.has(party);
  const parties = [...ownersOf.keys()].sort();
  for (let changed = true; changed; ) {
    changed = false;
    for (const party of parties) {
      if (counts(party)) continue;
      const by = (ownersOf.get(party) ?? []).filter((e) => counts(e.owner));
      if (by.reduce((a, e) => a + e.sharePpm, 0) >= thresholdPpm) {
        captured.set(party, by);
        changed = true;
      }
    }
  }
  // Chains: a captured party's owners were counted before it, so the chains end.
  const chainsOf = (party: string): { path: string[]; shares: number[] }[] =>
    (captured.get(party) ?? []).flatMap((e) =>
      listed.has(e.owner)
        ? [{ path: [e.owner, party], shares: [e.sharePpm] }]
        : chainsOf(e.owner).map((c) => ({ path: [...c.path, party], shares: [...c.shares, e.sharePpm] })),
    );
  return [...captured].map(([party, by]) => {
    const aggregatePpm = by.reduce((a, e) => a + e.sharePpm, 0);
    return {
      party,
      aggregate: formatShare(aggregatePpm),
      aggregatePpm,
      owners: by.map((e) => {
        const l = listed.get(e.owner);
        return { owner: e.owner, share: formatShare(e.sharePpm), ...(l ? { listed: l } : {}) };
      }),
      chains: chainsOf(party).map((c) => ({ path: c.path, lookThrough: lookThrough(c.shares) })),
    };
  });
}

const period = z
  .object({
    from: z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/),
    status: z.enum(["in-force", "suspended"]),
    citation: z.string().min(1),
    grade: z.enum(["P", "S", "W"]),
    sources: z.array(z.url()).optional(),
    unconfirmed: z.string().min(1).optional(),
    reported: z
      .object({
        status: z.enum(["in-force", "suspended"]),
        until: z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/),
      })
      .strict()
      .optional(),
  })
  .strict();

const ruleFile = z
  .object({
    rule: z.string().min(1),
    title: z.string().min(1),
    instrument: z
      .object({
        citation: z.string(),
        fr: z.string(),
        frDoc: z.string(),
        url: z.url(),
        grade: z.enum(["P", "S", "W"]),
      })
      .strict(),
    ownership: z
      .object({ thresholdPercent: z.string(), text: z.string().min(1), sources: z.array(z.url()).min(1) })
      .strict(),
    periods: z.array(period).min(1),
  })
  .strict();
export type AffiliatesRuleFile = z.infer<typeof ruleFile>;

export interface AffiliatesRule extends AffiliatesRuleFile {
  thresholdPpm: number;
}

/** A rule file that cannot be read. */
export class OwnershipRuleError extends Error {}

/** The affiliates rule's data (dataDir: the repository's data/ directory), checked. */
export function loadAffiliatesRule(dataDir: string): AffiliatesRule {
  const problems: string[] = [];
  const file = readYamlFile(
    join(dataDir, "ownership", "affiliates-rule.yaml"),
    "ownership/affiliates-rule.yaml",
    ruleFile,
    problems,
  );
  if (file === undefined) throw new OwnershipRuleError(problems.join("\n"));
  const thresholdPpm = parseShare(file.ownership.thresholdPercent);
  if (thresholdPpm === undefined)
    throw new OwnershipRuleError(
      `ownership/affiliates-rule.yaml: thresholdPercent "${file.ownership.thresholdPercent}" is not a percent`,
    );
  const starts = file.periods.map((p) => zonedInstant(p.from, US_ZONE));
  if (starts.some((s, i) => i > 0 && s <= (starts[i - 1] as number)))
    throw new OwnershipRuleError("ownership/affiliates-rule.yaml: periods must be in order of their start");
  return { ...file, thresholdPpm };
}

export interface RuleStatus {
  status: "not-yet-in-force" | "in-force" | "suspended";
  /** When this status began and ends (ISO instants; absent: open). */
  from?: string;
  until?: string;
  citation: string;
  grade: "P" | "S" | "W";
  unconfirmed?: string;
  /** What is reported but not confirmed by an instrument (e.g. a further suspension). */
  reported?: { status: "in-force" | "suspended"; until: string };
}

/** The rule's status at an instant (wall times in the data are New York's). */
export function affiliatesRuleStatus(rule: AffiliatesRule, at: number): RuleStatus {
  const starts = rule.periods.map((p) => zonedInstant(p.from, US_ZONE));
  const k = starts.filter((s) => s <= at).length - 1;
  if (k < 0)
    return {
      status: "not-yet-in-force",
      until: isoInstant(starts[0] as number),
      citation: rule.instrument.citation,
      grade: rule.instrument.grade,
    };
  const p = rule.periods[k] as AffiliatesRuleFile["periods"][number];
  const next = starts[k + 1];
  const reported =
    p.reported && at < zonedInstant(p.reported.until, US_ZONE)
      ? { status: p.reported.status, until: isoInstant(zonedInstant(p.reported.until, US_ZONE)) }
      : undefined;
  return {
    status: p.status,
    from: isoInstant(starts[k] as number),
    ...(next !== undefined ? { until: isoInstant(next) } : {}),
    citation: p.citation,
    grade: p.grade,
    ...(p.unconfirmed ? { unconfirmed: p.unconfirmed } : {}),
    ...(reported ? { reported } : {}),
  };
}
