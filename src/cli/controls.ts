/**
 * `truce control-check`: may this item go from one country to another (and to this party) at this
 * instant, under which export controls, and what changes when a suspension ends. Parsing and
 * rendering only: the rules are in src/controls.
 */
import { type Command, InvalidArgumentError } from "commander";
import { ControlsError } from "../controls/load.js";
import { ControlQueryError } from "../controls/query.js";
import { parseOwnershipCsv } from "../screening/ownership.js";
import { ScreeningError } from "../screening/screen.js";
import type { Truce } from "../truce.js";
import { type ControlCheckJson, controlCheck } from "../truce-controls.js";
import { fail } from "./common.js";
import { readFile, screenerWithStore } from "./screen.js";
import { dataDirOption } from "./store.js";

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function threshold(value: string): number {
  const n = Number(value);
  if (!/^(0(\.\d+)?|1(\.0+)?)$/.test(value.trim()) || !Number.isFinite(n))
    throw new InvalidArgumentError("expected a score between 0 and 1, e.g. 0.85");
  return n;
}

function answerText(a: ControlCheckJson): string {
  const out: string[] = [];
  const verdict = a.prohibited
    ? "PROHIBITED: a control in force denies the export in principle"
    : a.licenceRequired
      ? "LICENCE REQUIRED"
      : "no licence required by the controls held";
  out.push(`At ${a.at}${a.scenario === "baseline" ? "" : ` (scenario ${a.scenario})`}: ${verdict}`);
  for (const c of a.controls) {
    out.push("", `  ${c.status.toUpperCase().padEnd(10)} ${c.label}`);
    out.push(`             ${c.reason}`);
    if (c.resumesOn)
      out.push(
        `             resumes ${c.resumesOn}${c.reportedResumesOn ? ` (reported: ${c.reportedResumesOn}, unconfirmed)` : ""}`,
      );
    out.push(`             ${c.citation} [${c.grade}] ${c.url}`);
    if (c.events.length > 0) out.push(`             events: ${c.events.join(", ")}`);
    if (c.provisional) out.push(`             provisional: ${c.provisional}`);
    for (const f of c.unconfirmed)
      out.push(`             unconfirmed: ${f.fact} (confirm by ${f.confirmBy})`);
  }
  if (a.next) {
    const then = a.next.prohibited
      ? "prohibited"
      : a.next.licenceRequired
        ? "licence required"
        : "no licence required";
    out.push("", `Next change ${a.next.at}: ${then} (${a.next.because.join("; ")})`);
  }
  if (a.screening.hits.length > 0) {
    out.push("", "Screening hits:");
    for (const h of a.screening.hits)
      out.push(
        `  ${h.score.toFixed(3)}  ${h.list}  ${h.name}  listed ${h.listedOn ?? "(undated)"}  (${h.instrument.citation})`,
      );
  }
  if (a.ownership) {
    const f = a.ownership.affiliate;
    out.push(
      "",
      f
        ? `Ownership: ${f.party} is ${f.aggregate} owned by listed parties (${f.owners.map((x) => `${x.owner} ${x.share}`).join(" + ")})`
        : "Ownership: the party is not 50% or more owned by listed parties in the graph",
    );
    if (f) for (const c of f.chains) out.push(`  ${c.path.join(" → ")} (look-through ${c.lookThrough})`);
  }
  for (const w of a.warnings) out.push("", `warning: ${w}`);
  return `${out.join("\n")}\n`;
}

/** Registers `control-check` on the `truce` program. */
export function registerControlCommands(program: Command, truce: () => Truce): void {
  program
    .command("control-check")
    .description(
      "export controls: may this item go from one country to another (and to a party) at an instant?",
    )
    .requiredOption(
      "--item <text|HS>",
      'the item: words ("NdFeB magnet"), a control number (3A090) or an HS code',
    )
    .requiredOption("--from <ISO2>", "country shipped from")
    .requiredOption("--to <ISO2>", "country shipped to")
    .option("--origin <ISO2>", "country where the item was made (default: --from)")
    .option(
      "--contains <EL:PCT>",
      "an element's content in percent of the item's value, e.g. Dy:0.3% (repeatable)",
      collect,
    )
    .option("--party <name>", "the consignee or end user, screened against the restricted-party lists")
    .option("--party-country <ISO2>", "the party's country (screening)")
    .option("--threshold <score>", "the screening score from which a name is a hit (0-1)", threshold)
    .option("--owned-by-listed", "the party is 50% or more owned by Entity List parties (affiliates rule)")
    .option(
      "--ownership <file>",
      "CSV of owner,owned,share: find whether --party is 50% or more owned by listed parties (affiliates rule)",
    )
    .addOption(dataDirOption())
    .requiredOption(
      "--at <instant>",
      "e.g. 2025-12-15 (12:01 a.m. in the exporter's zone), 2025-12-15T09:00+09:00",
    )
    .option("--scenario <id>", "a scenario of data/scenarios that lifts or reimposes suspensions", "baseline")
    .option(
      "--json",
      "print JSON: {licenceRequired, controls: [{instrument, status, from, until, resumesOn, reason}], screening: {hits}}",
    )
    .addHelpText(
      "after",
      `
A local time is read in the exporter's zone (New York from the US, Beijing from China); from any
other country give an offset or Z. Contents are the Chinese-origin content by value where a
threshold counts it (MOFCOM 2025 No. 61).

Examples:
  truce control-check --item "NdFeB magnet" --contains Dy:0.3% --from CN --to US --at 2025-06-01
  truce control-check --item magnet --contains Dy:0.2 --from DE --to US --at 2025-12-15T12:00+01:00 --json
  truce control-check --item gallium --from CN --to US --at 2026-01-15 --scenario controls-not-suspended
  truce control-check --item laptop --from US --to CN --party "Huawei Technologies" --at 2025-06-01
  truce control-check --item laptop --from US --to CN --party "Acme Trading" --ownership owners.csv --at 2025-10-01

The party is screened against the shipped lists and the lists loaded into the store (truce lists
update), if there is one.`,
    )
    .action(
      async (o: {
        item: string;
        from: string;
        to: string;
        origin?: string;
        contains?: string[];
        party?: string;
        partyCountry?: string;
        threshold?: number;
        ownedByListed?: boolean;
        ownership?: string;
        dataDir?: string;
        at: string;
        scenario: string;
        json?: boolean;
      }) => {
        if (o.ownership !== undefined && o.party === undefined)
          fail("--ownership needs --party: the party whose owners the graph gives");
        let ownership: ReturnType<typeof parseOwnershipCsv>["edges"] | undefined;
        if (o.ownership !== undefined) {
          const { edges, problems } = parseOwnershipCsv(readFile(o.ownership, "ownership file"));
          // An answer from part of the graph could clear a party the whole graph captures.
          if (problems.length > 0)
            fail(
              `--ownership ${o.ownership}: ${problems.map((p) => `line ${p.line}: ${p.message}`).join("\n  ")}`,
            );
          ownership = edges;
        }
        const screener = o.party === undefined ? undefined : await screenerWithStore(o.dataDir);
        let answer: ControlCheckJson;
        try {
          answer = controlCheck(
            truce(),
            {
              item: o.item,
              from: o.from,
              to: o.to,
              ...(o.origin ? { origin: o.origin } : {}),
              contains: o.contains ?? [],
              at: o.at,
              ...(o.ownedByListed ? { ownedByListed: true } : {}),
            },
            {
              scenario: o.scenario,
              ...(screener ? { screener } : {}),
              ...(ownership ? { ownership } : {}),
              ...(o.party
                ? {
                    party: {
                      name: o.party,
                      ...(o.partyCountry ? { country: o.partyCountry } : {}),
                      ...(o.threshold === undefined ? {} : { threshold: o.threshold }),
                    },
                  }
                : {}),
            },
          );
        } catch (e) {
          if (e instanceof ControlQueryError) fail(`--${e.message}`);
          if (e instanceof ScreeningError) fail(`--party: ${e.message}`);
          if (e instanceof ControlsError) fail(e.message, 1);
          throw e;
        }
        process.stdout.write(o.json ? `${JSON.stringify(answer, null, 2)}\n` : answerText(answer));
      },
    );
}
