/** `truce search` (the HTS or China's HS by code or words) and `truce measure` (a measure's dated history). */
import { type Command, InvalidArgumentError } from "commander";
import type { Loaded } from "../engine/loaded.js";
import { findMeasure, measureHistory, UnknownMeasure } from "../law/history.js";
import { formatCode } from "../nomenclature/codes.js";
import {
  SEARCH_LIMIT_DEFAULT,
  SEARCH_LIMIT_MAX,
  Searcher,
  SearchInputError,
  searchJson,
} from "../nomenclature/search.js";
import { dateArg, fail } from "./common.js";
import { cut } from "./render.js";

function wholeNumber(v: string): number {
  if (!/^\d+$/.test(v)) throw new InvalidArgumentError("expected a whole number");
  return Number(v);
}

export function registerSearchCommands(program: Command, loaded: () => Promise<Loaded>): void {
  program
    .command("search")
    .description("HTS (or China's HS) lines by code or by the words of their descriptions, best first")
    .argument(
      "<words...>",
      'a code or its start ("8541.43", "854143") or words ("solar cells", "lithium batt")',
    )
    .option("--hs", "search China's HS (HS6 lines and the HS8 lines of its lists) instead of the US HTS")
    .option(
      "--date <YYYY-MM-DD>",
      "HTS revision in force on this date (default: the latest; from 2025 Basic on)",
      dateArg,
    )
    .option(
      "--limit <n>",
      `results at most (default ${SEARCH_LIMIT_DEFAULT}, at most ${SEARCH_LIMIT_MAX})`,
      wholeNumber,
    )
    .option(
      "--json",
      "print JSON: {query, nomenclature, date, revision, results: [{code, description, path, score, matched, level}]}",
    )
    .addHelpText(
      "after",
      [
        "",
        "Every word must match the line's own description or its parents' (case, accents and English",
        "plurals do not matter; the last word also matches the words it begins, as you type; a few",
        'common words also match the schedule\'s terms: "solar" finds "photovoltaic"). Lines whose own',
        "text matches rank above lines matched only through their parents.",
        "",
        "Examples:",
        "  truce search solar cells --date 2025-06-01",
        "  truce search 8541.43",
        "  truce search soybeans --hs --json",
      ].join("\n"),
    )
    .action(async (typed: string[], o: { hs?: boolean; date?: string; limit?: number; json?: boolean }) => {
      const t = await loaded();
      const query = typed.join(" ");
      let answer: ReturnType<Searcher["search"]>;
      try {
        answer = new Searcher(t.hts, t.cn).search(query, {
          nomenclature: o.hs ? "hs" : "hts",
          ...(o.date === undefined ? {} : { date: o.date }),
          ...(o.limit === undefined ? {} : { limit: o.limit }),
        });
      } catch (e) {
        if (e instanceof SearchInputError) fail(`--${e.field}: ${e.message}`);
        throw e;
      }
      if (o.json) {
        process.stdout.write(`${JSON.stringify(searchJson(query, answer), null, 2)}\n`);
        return;
      }
      const what = answer.nomenclature === "hs" ? answer.revision : `HTS revision ${answer.revision}`;
      process.stdout.write(`${what}: ${answer.hits.length} result(s) for "${query}"\n\n`);
      for (const h of answer.hits) {
        const d = h.document;
        process.stdout.write(
          `${formatCode(d.code).padEnd(14)} ${cut(d.description || "(no description held)", 90)}\n`,
        );
        const parent = d.path.at(-1);
        if (parent !== undefined) process.stdout.write(`${"".padEnd(15)}under: ${cut(parent, 83)}\n`);
      }
    });

  program
    .command("measure")
    .description(
      "a measure's dated history: every value in order, with its status, rate, heading and instrument",
    )
    .argument(
      "<id>",
      "a measure id (s301-list3, ieepa-fentanyl-cn) or a Chapter 99 heading it reports (9903.88.03)",
    )
    .option("--authority <authority>", "narrows a heading several measures report to one authority")
    .option(
      "--json",
      "print JSON: {id, importer, authority, title, history: [{from, to, status, rate, heading, instrument}], ...}",
    )
    .addHelpText(
      "after",
      [
        "",
        "Times are wall times in the issuer's zone (New York for US measures, Beijing for China's). A value",
        "marked * rests on a fact that is not confirmed (the JSON lists it under unconfirmed).",
        "",
        "Examples:",
        "  truce measure s301-list3",
        "  truce measure 9903.01.24 --json",
      ].join("\n"),
    )
    .action(async (id: string, o: { authority?: string; json?: boolean }) => {
      const { law } = await loaded();
      let history: ReturnType<typeof measureHistory>;
      try {
        history = measureHistory(law, findMeasure(law, id, o.authority));
      } catch (e) {
        if (e instanceof UnknownMeasure)
          fail(
            `${e.message}${e.suggestions.length > 0 ? `\n  did you mean: ${e.suggestions.join(", ")}?` : ""}`,
          );
        throw e;
      }
      if (o.json) {
        process.stdout.write(`${JSON.stringify(history, null, 2)}\n`);
        return;
      }
      const h = history;
      const out = [
        `${h.id}: ${h.title}`,
        `${h.importer} ${h.authority}, heading ${h.heading}, origins ${h.origins.join(",")}; times in ${h.zone}`,
        "",
      ];
      for (const s of h.history) {
        const mark = s.unconfirmed === undefined && s.provisional === undefined ? " " : "*";
        out.push(
          `${s.from.padEnd(26)} ${s.status.padEnd(11)} ${(s.rate ?? "").padEnd(7)} ${s.heading.padEnd(11)}${mark} ${s.what}`,
          `${"".padEnd(27)}${s.instrument.citation} [${s.instrument.grade}] ${s.instrument.url}`,
        );
      }
      if (h.replacedBy.length > 0)
        out.push("", `Replaced on the lines they cover by: ${h.replacedBy.join(", ")}`);
      for (const x of h.exemptions)
        out.push(
          `Exemption ${x.heading ?? x.claim ?? ""}: ${x.from ?? "from the start"} – ${x.until ?? "on"}: ${cut(x.reason, 80)}`,
        );
      for (const r of h.inTransit)
        out.push(
          `In transit ${r.heading ?? ""}: loaded before ${r.loadedBefore}, entered before ${r.enteredBefore}: ${r.rate ?? "not applied"}`,
        );
      process.stdout.write(`${out.join("\n")}\n`);
    });
}
