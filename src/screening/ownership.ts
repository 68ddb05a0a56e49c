/**
 * The BIS affiliates rule (90 FR 47201, FR Doc 2025-19001): a party owned 50 percent or more,
 * "directly or indirectly, individually or in the aggregate, by one or more parties listed on the
 * Entity List or subject to restrictions under the Affiliates Rule" is itself subject to the
 * restrictions. So a party captured by the rule counts as an owner in full, like a listed one (the
 * Treasury practice the rule follows), and the shares that several such owners hold in one party
 * are added. The look-through share of each chain (the shares multiplied along it) is reported
 * beside, for the reader. Shares are exact integers in parts per million; the rule's threshold and
 * its reading are data (data/ownership/affiliates-rule.yaml), its dated status is the export control
 * `us-affiliates-rule` (data/controls/us).
 */
import { join } from "node:path";
import { z } from "zod";
import { readYamlFile } from "../law/yaml-files.js";
import { csvFields } from "./csv.js";
import { normaliseName } from "./normalise.js";
import type { Screener } from "./screen.js";

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

/** The Entity List whose listed parties the affiliates rule reaches. */
const ENTITY_LIST = "us-entity-list";

/**
 * The owners of a graph found on the Entity List at an instant: each owner's name screened, its best
 * Entity List hit at or above `threshold` kept.
 */
export function listedOwnersAt(
  screener: Screener,
  edges: readonly OwnershipEdge[],
  at: number,
  threshold: number,
): Map<string, ListedOwner> {
  const listed = new Map<string, ListedOwner>();
  for (const owner of new Set(edges.map((e) => e.owner))) {
    const hit = screener.screen({ name: owner, at }, { threshold }).hits.find((h) => h.list === ENTITY_LIST);
    if (hit) listed.set(owner, { list: hit.list, entryId: hit.entryId, name: hit.name, score: hit.score });
  }
  return listed;
}

/** The affiliate of a graph that is this party (names compared as the matcher reads them), if any. */
export function affiliateNamed(affiliates: readonly Affiliate[], party: string): Affiliate | undefined {
  const key = (name: string) => [...normaliseName(name).tokens].sort().join(" ");
  const wanted = key(party);
  return affiliates.find((a) => key(a.party) === wanted);
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
  return { ...file, thresholdPpm };
}
