/** `truce average`: trade-weighted average tariffs over time, in both directions. */
import { writeFileSync } from "node:fs";
import { type Command, InvalidArgumentError, Option } from "commander";
import type { AverageResult } from "../analytics/average.js";
import { type AverageComparison, METHOD, runAverage } from "../analytics/report.js";
import { WEIGHTS_YEARS } from "../analytics/weights.js";
import type { Issuer } from "../law/model.js";
import { type Truce, truceFor } from "../truce.js";
import { dateArg, fail } from "./common.js";
import { resolveScenario, weightsOfPortfolio } from "./store.js";

function csv(points: AverageResult["points"], byAuthority: boolean): string {
  const authorities = byAuthority
    ? [...new Set(points.flatMap((p) => Object.keys(p.byAuthority ?? {})))].sort()
    : [];
  const lines = [["date", "average", "coverage", ...authorities].join(",")];
  for (const p of points) {
    lines.push([p.date, p.average, p.coverage, ...authorities.map((a) => p.byAuthority?.[a] ?? 0)].join(","));
  }
  return `${lines.join("\n")}\n`;
}

export function registerAverageCommand(program: Command, truce: () => Truce): void {
  program
    .command("average")
    .description("trade-weighted average tariff (MFN plus every special layer) on each date it changes")
    .addOption(new Option("--importer <US|CN>", "importing country").choices(["US", "CN"]).default("US"))
    .option("--origin <ISO2>", "origin of the goods (default: CN for the US, US for China)")
    .requiredOption("--from <YYYY-MM-DD>", "first date", dateArg)
    .requiredOption("--to <YYYY-MM-DD>", "last date", dateArg)
    .option("--daily", "one value per day instead of one per change")
    .addOption(new Option("--by <what>", "decompose each value").choices(["authority"]))
    .option(
      "--weights <file.csv>",
      "your own weights: CSV code,origin,value, or portfolio:ID for a portfolio kept in the store",
    )
    .option("--data-dir <dir>", "the store's directory (saved portfolios and scenarios)")
    .addOption(
      new Option(
        "--year <year>",
        `year of the shipped weights (US: ${WEIGHTS_YEARS.US.join(", ")}; CN: ${WEIGHTS_YEARS.CN.join(", ")})`,
      )
        .choices([...new Set([...WEIGHTS_YEARS.US, ...WEIGHTS_YEARS.CN])].sort())
        .default("2024"),
    )
    .option("--scenario <id>", "under a scenario of data/scenarios or a saved one (truce scenario list)")
    .option("--json", "JSON array of {date, average, coverage} (metadata on stderr)")
    .option("--csv", "CSV (metadata on stderr)")
    .option("--metadata <file.json>", "also write the method and the weights report to a file")
    .addHelpText(
      "after",
      `
Examples:
  truce average --importer US --origin CN --from 2018-01-01 --to 2026-12-31
  truce average --importer CN --origin US --from 2025-01-01 --to 2025-12-31 --by authority --csv
  truce average --year 2017 --from 2018-01-01 --to 2026-12-31                 # on PIIE's 2017 weights
  truce average --weights portfolio.csv --from 2025-01-01 --to 2026-06-30 --daily --json`,
    )
    .action(
      async (o: {
        importer: Issuer;
        origin?: string;
        from: string;
        to: string;
        daily?: boolean;
        by?: string;
        weights?: string;
        year: string;
        json?: boolean;
        csv?: boolean;
        metadata?: string;
        scenario?: string;
        dataDir?: string;
      }) => {
        if (o.from > o.to) throw new InvalidArgumentError("--from is after --to");
        if (!o.weights && !WEIGHTS_YEARS[o.importer].includes(o.year)) {
          fail(
            `--year ${o.year}: the shipped weights of importer ${o.importer} are of ${WEIGHTS_YEARS[o.importer].join(", ")}`,
          );
        }
        const origin = (o.origin ?? (o.importer === "US" ? "CN" : "US")).toUpperCase();
        const t = o.scenario ? truceFor(truce(), await resolveScenario(o.scenario, o.dataDir)) : truce();
        const portfolio = await weightsOfPortfolio(o.weights, o.importer, o.dataDir);
        const out = runAverage(t, {
          importer: o.importer,
          origin,
          from: o.from,
          to: o.to,
          daily: o.daily,
          byAuthority: o.by === "authority",
          weights: portfolio ?? o.weights,
          year: o.year,
        });
        if (o.metadata) writeFileSync(o.metadata, `${JSON.stringify(out.metadata, null, 2)}\n`);
        const m = out.metadata;
        const unmappedShare = (100 * Number(m.unmappedValue)) / Number(m.weightsValue || 1);
        const note = `truce: ${m.weights}; ${m.weightsLines} lines; unmapped value ${m.unmappedValue} (${unmappedShare.toFixed(1)}%) in ${m.unmappedLines} lines; ${(m.unreadableLines as string[]).length} unreadable lines${o.metadata ? "" : " (--metadata FILE for the method and the full report)"}\n`;
        if (o.json) {
          process.stdout.write(`${JSON.stringify(out.points)}\n`);
          process.stderr.write(note);
          return;
        }
        if (o.csv) {
          process.stdout.write(csv(out.points, o.by === "authority"));
          process.stderr.write(note);
          return;
        }
        process.stdout.write(`Trade-weighted average tariff, ${o.importer} on goods of ${origin}\n${note}\n`);
        for (const p of out.points) {
          const parts = p.byAuthority
            ? `  ${Object.entries(p.byAuthority)
                .map(([a, v]) => `${a} ${v}`)
                .join(", ")}`
            : "";
          process.stdout.write(
            `${p.date}  ${String(p.average).padStart(9)}%  coverage ${String(p.coverage).padStart(8)}%${parts}\n`,
          );
        }
        process.stdout.write(`\nMethod:\n${METHOD.map((m) => `  - ${m}`).join("\n")}\n`);
      },
    );
}

export function averageComparisonText(c: AverageComparison, a: string, b: string): string {
  const out = [`Trade-weighted averages on ${c.date} (shipped weights), ${a} → ${b}:`];
  for (const d of c.directions) {
    out.push(
      "",
      `${d.importer} on goods of ${d.origin}: ${d.a.average}% → ${d.b.average}% (${d.difference >= 0 ? "+" : ""}${d.difference} points); coverage ${d.a.coverage}% → ${d.b.coverage}%`,
    );
    const authorities = [
      ...new Set([...Object.keys(d.a.byAuthority), ...Object.keys(d.b.byAuthority)]),
    ].sort();
    for (const k of authorities) {
      const x = d.a.byAuthority[k] ?? 0;
      const y = d.b.byAuthority[k] ?? 0;
      if (Math.abs(y - x) > 1e-9) out.push(`  ${k.padEnd(34)} ${x} → ${y}`);
    }
  }
  return out.join("\n");
}
