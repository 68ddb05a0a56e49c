/**
 * `truce screen`: a name (or a CSV of names) against the restricted-party lists shipped under
 * data/screening, at an instant; `--ownership` adds the affiliates rule over an ownership graph.
 * Parsing and rendering only: the matching is src/screening/screen.ts, the rule ownership.ts. Without
 * --at the clock is read here (never in src/screening).
 */
import { readFileSync } from "node:fs";
import { type Command, InvalidArgumentError } from "commander";
import { controlAt } from "../controls/check.js";
import type { Controls } from "../controls/model.js";
import { defaultDataDir } from "../law/load.js";
import { csvFields } from "../screening/csv.js";
import { loadShippedLists } from "../screening/lists.js";
import {
  findAffiliates,
  listedOwnersAt,
  loadAffiliatesRule,
  parseOwnershipCsv,
} from "../screening/ownership.js";
import {
  createScreener,
  DEFAULT_THRESHOLD,
  type Screener,
  ScreeningError,
  type ScreeningHit,
  type ScreeningQuery,
} from "../screening/screen.js";
import { screenerWithLoaded } from "../store/screening.js";
import type { Truce } from "../truce.js";
import { controlsOf } from "../truce-controls.js";
import { isoInstant, parseInstant, TimeError, US_ZONE } from "../units/time.js";
import { fail } from "./common.js";
import { cut } from "./render.js";
import { dataDirOption, hasStore, withStore } from "./store.js";

interface ScreenOptions {
  country?: string;
  at?: string;
  threshold?: number;
  json?: boolean;
  input?: string;
  ownership?: string;
  dataDir?: string;
}

function unitNumber(v: string): number {
  if (!/^(0(\.\d+)?|1(\.0+)?)$/.test(v))
    throw new InvalidArgumentError("expected a number from 0 to 1, e.g. 0.85");
  return Number(v);
}

function hitsText(hits: readonly ScreeningHit[]): string {
  if (hits.length === 0) return "  no hit\n";
  const rows = hits.map(
    (h) =>
      `  ${h.score.toFixed(4)}  ${h.list.padEnd(22)} ${cut(h.matchedName, 44).padEnd(44)} ${h.listedOn ?? "undated   "}  ${h.entryId}\n` +
      `          ${cut(h.instrument.citation, 100)}\n` +
      `          ${h.reasons.join("; ")}\n`,
  );
  return `  score   list                   name                                         listed on   entry\n${rows.join("")}`;
}

export function readFile(path: string, what: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    fail(`cannot read the ${what} ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** Each row of a names CSV (a `name` column, optional `country`): the query, or why the row is bad. */
function readNames(path: string): { line: number; query?: ScreeningQuery; error?: string }[] {
  const lines = readFile(path, "names file").split(/\r?\n/);
  const header = csvFields(lines[0] ?? "")?.map((f) => f.trim().toLowerCase()) ?? [];
  const nameAt = header.indexOf("name");
  const countryAt = header.indexOf("country");
  if (nameAt < 0) fail(`${path}: line 1: the header must name a "name" column (and may name "country")`);
  const rows: { line: number; query?: ScreeningQuery; error?: string }[] = [];
  lines.slice(1).forEach((raw, k) => {
    const line = k + 2;
    if (raw.trim() === "") return;
    const fields = csvFields(raw);
    if (fields === undefined || fields.length !== header.length)
      rows.push({ line, error: `expected ${header.length} fields (${header.join(",")})` });
    else {
      const country = countryAt >= 0 ? (fields[countryAt] as string).trim() : "";
      rows.push({ line, query: { name: fields[nameAt] as string, ...(country ? { country } : {}) } });
    }
  });
  return rows;
}

/** The shipped lists, and beside them the lists loaded into the store (truce lists update), if any. */
export async function screenerWithStore(dataDir: string | undefined): Promise<Screener> {
  const { entries, problems } = loadShippedLists(defaultDataDir());
  if (entries.length === 0) fail(`no list could be read:\n  ${problems.join("\n  ")}`, 1);
  return hasStore(dataDir)
    ? await withStore({ ...(dataDir ? { dataDir } : {}) }, (store) => screenerWithLoaded(store, entries))
    : createScreener(entries);
}

function screenOne(screener: Screener, query: ScreeningQuery, threshold: number): ScreeningHit[] {
  return screener.screen(query, { threshold }).hits;
}

export function registerScreenCommand(program: Command, truce: () => Truce): void {
  program
    .command("screen")
    .description("a party's name against the restricted-party lists (US and Chinese), best hits first")
    .argument("[name]", 'the name to screen, e.g. "Huawei Technologies Co., Ltd."')
    .option(
      "--country <ISO2>",
      "the party's country: the same as the entry's adds to the score, another takes off",
    )
    .option(
      "--at <instant>",
      "screen the lists as they stood then (default: now), e.g. 2025-06-01 or 2025-06-01T09:00",
    )
    .option("--threshold <x>", `hits score at least this, 0-1 (default ${DEFAULT_THRESHOLD})`, unitNumber)
    .option("--input <file>", "a CSV of names (a name column, optional country): the hits of every row")
    .option(
      "--ownership <file>",
      "a CSV owner,owned,share (percent): parties captured by the BIS affiliates rule",
    )
    .option(
      "--json",
      "print JSON: {hits: [{list, name, score, entryId, listedOn, instrument, reasons, ...}]}",
    )
    .addOption(dataDirOption())
    .addHelpText(
      "after",
      `
Examples:
  truce screen "Hangzhou Hikvision Digital Technology Co., Ltd." --json
  truce screen "Tsinghua Unigroup" --country CN --at 2025-06-01
  truce screen --input names.csv --json > hits.jsonl
  truce screen --ownership owners.csv --at 2025-10-15`,
    )
    .action(async (name: string | undefined, o: ScreenOptions) => {
      const given = [name !== undefined, o.input !== undefined, o.ownership !== undefined].filter(
        Boolean,
      ).length;
      if (given !== 1) fail("give one of: a name, --input names.csv, --ownership graph.csv");
      let at: number;
      try {
        at = o.at === undefined ? Date.now() : parseInstant(o.at, US_ZONE);
      } catch (e) {
        if (e instanceof TimeError) fail(`--at ${e.message}`);
        throw e;
      }
      const threshold = o.threshold ?? DEFAULT_THRESHOLD;
      const screener = await screenerWithStore(o.dataDir);
      try {
        if (name !== undefined) {
          const hits = screenOne(
            screener,
            { name, ...(o.country ? { country: o.country } : {}), at },
            threshold,
          );
          if (o.json) process.stdout.write(`${JSON.stringify({ hits }, null, 2)}\n`);
          else
            process.stdout.write(`${name} at ${isoInstant(at)} (threshold ${threshold})\n${hitsText(hits)}`);
        } else if (o.input !== undefined) {
          for (const row of readNames(o.input)) {
            let out: { line: number; name?: string; hits?: ScreeningHit[]; error?: string };
            if (row.query === undefined) out = { line: row.line, error: row.error };
            else
              try {
                const query = {
                  ...row.query,
                  ...(o.country && !row.query.country ? { country: o.country } : {}),
                  at,
                };
                out = { line: row.line, name: row.query.name, hits: screenOne(screener, query, threshold) };
              } catch (e) {
                if (!(e instanceof ScreeningError)) throw e;
                out = { line: row.line, name: row.query.name, error: e.message };
              }
            if (o.json) process.stdout.write(`${JSON.stringify(out)}\n`);
            else if (out.error !== undefined) process.stdout.write(`line ${out.line}: ${out.error}\n`);
            else process.stdout.write(`line ${out.line}: ${out.name}\n${hitsText(out.hits ?? [])}`);
          }
        } else {
          process.stdout.write(
            ownershipReport(
              screener,
              controlsOf(truce()),
              String(o.ownership),
              at,
              threshold,
              o.json === true,
            ),
          );
        }
      } catch (e) {
        if (e instanceof ScreeningError) fail(e.message);
        throw e;
      }
    });
}

/** The export control whose dated status is the affiliates rule's (data/controls/us). */
const AFFILIATES_CONTROL = "us-affiliates-rule";

/** The affiliates rule over an ownership graph: the owners found on the Entity List, the parties captured, the rule's status. */
function ownershipReport(
  screener: Screener,
  controls: Controls,
  path: string,
  at: number,
  threshold: number,
  json: boolean,
): string {
  const rule = loadAffiliatesRule(defaultDataDir());
  const { edges, problems } = parseOwnershipCsv(readFile(path, "ownership file"));
  const listed = listedOwnersAt(screener, edges, at, threshold);
  const control = controlAt(controls, AFFILIATES_CONTROL, at);
  const status = {
    status: control?.status ?? "not-yet-in-force",
    from: control?.from ?? null,
    until: control?.until ?? null,
    resumesOn: control?.resumesOn ?? null,
    reportedResumesOn: control?.reportedResumesOn ?? null,
    reason: control?.reason ?? `not in force yet at ${isoInstant(at)}`,
    grade: control?.grade ?? rule.instrument.grade,
    unconfirmed: control?.unconfirmed ?? [],
  };
  const affiliates = findAffiliates(edges, listed, rule.thresholdPpm).map((a) => ({
    ...a,
    restricted: control?.applies === true,
  }));
  const report = {
    at: isoInstant(at),
    rule: {
      instrument: rule.instrument.citation,
      url: rule.instrument.url,
      control: AFFILIATES_CONTROL,
      ...status,
    },
    listedOwners: [...listed].map(([party, entry]) => ({ party, ...entry })),
    affiliates,
    problems,
  };
  if (json) return `${JSON.stringify({ ownership: report }, null, 2)}\n`;
  const lines = [
    `affiliates rule at ${report.at}: ${status.status}${status.until ? ` until ${status.until}` : ""} [${status.grade}]`,
    `  ${status.reason}`,
    ...status.unconfirmed.map((f) => `  unconfirmed: ${f.fact}`),
    `owners on the Entity List: ${report.listedOwners.map((l) => `${l.party} (${l.entryId}, ${l.score})`).join(", ") || "none"}`,
    ...affiliates.map(
      (a) =>
        `${a.restricted ? "RESTRICTED" : "not restricted now"}: ${a.party}, ${a.aggregate} owned by ${a.owners.map((x) => `${x.owner} ${x.share}`).join(" + ")}\n` +
        a.chains.map((c) => `    ${c.path.join(" → ")} (look-through ${c.lookThrough})`).join("\n"),
    ),
    ...(affiliates.length === 0 ? ["no party is 50% or more owned by listed parties"] : []),
    ...problems.map((p) => `line ${p.line}: ${p.message}`),
  ];
  return `${lines.join("\n")}\n`;
}
