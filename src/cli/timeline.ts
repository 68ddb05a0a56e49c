/**
 * `truce changes`, `truce deadlines` and `truce timeline`: what changes when, what is coming, and the
 * negotiation timeline. Parsing and rendering only; the rules are in src/law/changes.ts and
 * src/law/events.ts. `deadlines` without --from reads the clock here (never in src/law).
 */
import { writeFileSync } from "node:fs";
import { type Command, Option } from "commander";
import { changeJson, deadlineJson, deadlinesToIcs, eventJson, unconfirmed } from "../analytics/timeline.js";
import { controlsByEvent, withControlDeadlines } from "../controls/timeline.js";
import {
  type Bound,
  type Change,
  type Deadline,
  deadlines,
  type Importer,
  lawChanges,
} from "../law/changes.js";
import {
  EVENT_KINDS,
  type EventKind,
  EventsError,
  filterEvents,
  loadEvents,
  parseKinds,
  type TimelineEvent,
} from "../law/events.js";
import type { Truce } from "../truce.js";
import { controlsOf } from "../truce-controls.js";
import { formatInZone, isCalendarDate, isoInstant, parseInstant, US_ZONE } from "../units/time.js";
import { dateArg, fail } from "./common.js";
import { dataDirOption, hasStore, withStore } from "./store.js";

/** A date (compared in each item's own zone) or an exact instant (a local time is read in New York). */
function bound(text: string, option: string): Bound {
  if (isCalendarDate(text)) return { date: text };
  try {
    return { instant: parseInstant(text, US_ZONE) };
  } catch (e) {
    fail(`${option} ${(e as Error).message}`);
  }
}

const importerOption = () =>
  new Option("--importer <US|CN|both>", "whose measures: the US's, China's or both")
    .choices(["US", "CN", "both"])
    .default("both");

function loadTimeline(t: Truce): TimelineEvent[] {
  try {
    return loadEvents(t.law);
  } catch (e) {
    if (e instanceof EventsError) fail(e.message, 1);
    throw e;
  }
}

// ---------------------------------------------------------------- rendering

function changeText(c: Change): string {
  const when = formatInZone(c.instant, c.zone);
  const measures = c.kind.startsWith("exemption") ? `  [${c.measures.join(", ")}]` : "";
  const flag = c.provisional ? "  (provisional)" : "";
  return `${when.padEnd(28)} ${c.issuer}  ${c.what} — ${c.label}${measures}\n${"".padEnd(33)}${c.citation}${flag}\n`;
}

function deadlineText(d: Deadline): string {
  const flag = d.confirmed ? "" : d.origin === "law" ? "  (provisional)" : "  (unconfirmed)";
  const what = d.origin === "events" ? `\n${"".padEnd(29)}${d.what}` : "";
  return `${d.when.padEnd(28)} ${d.summary}${flag}${what}\n${"".padEnd(29)}${d.citation}  ${d.url}\n`;
}

/** What a timeline event accepted from the news rests on (`truce review`). */
type Reviewed = import("../store/news-review.js").ReviewedTimelineEvent;

/** The events accepted from the news, when the store exists (reading never creates it). */
async function reviewedEvents(dataDir: string | undefined): Promise<Reviewed[]> {
  if (!hasStore(dataDir)) return [];
  const { reviewedTimelineEvents } = await import("../store/news-review.js");
  return withStore(dataDir === undefined ? {} : { dataDir }, reviewedTimelineEvents);
}

function eventText(e: TimelineEvent, controls: readonly string[], reviewed?: Reviewed): string {
  const days = e.until && e.until !== e.date ? `${e.date} – ${e.until}` : e.date;
  const when = e.time ? `${days} ${e.time}` : days;
  const lines = [`${when.padEnd(24)} ${e.kind.padEnd(12)} ${e.title}${e.place ? ` (${e.place})` : ""}`];
  const pad = "".padEnd(25);
  if (e.participants.length > 0)
    lines.push(`${pad}with ${e.participants.map((p) => `${p.name}, ${p.office}`).join("; ")}`);
  lines.push(`${pad}${e.outcome}`);
  const links = [...e.measures, ...e.instruments];
  if (links.length > 0) lines.push(`${pad}led to: ${links.join(", ")}`);
  if (controls.length > 0) lines.push(`${pad}export controls: ${controls.join(", ")}`);
  lines.push(`${pad}sources: ${e.sources.map((s) => `${s.url} [${s.grade}]`).join(" ")}`);
  if (reviewed)
    lines.push(
      `${pad}reviewed from news, grade W (review item ${reviewed.itemId}, ${reviewed.sourceName}): "${reviewed.evidence.text}"`,
    );
  else if (!e.confirmed) lines.push(`${pad}${unconfirmed(e.note)}`);
  return `${lines.join("\n")}\n`;
}

// ---------------------------------------------------------------- commands

/** Registers `changes`, `deadlines` and `timeline` on the `truce` program. */
export function registerTimelineCommands(program: Command, truce: () => Truce): void {
  program
    .command("changes")
    .description(
      "measures that start, change rate, are suspended, resume or end in a window, and exemptions that start or end",
    )
    .requiredOption("--from <YYYY-MM-DD>", "first day (in each measure's own zone)", dateArg)
    .requiredOption("--to <YYYY-MM-DD>", "last day, inclusive", dateArg)
    .addOption(importerOption())
    .option("--json", "print JSON")
    .addHelpText(
      "after",
      `
Example:
  truce changes --from 2025-11-01 --to 2025-11-30
  truce changes --from 2025-04-01 --to 2025-05-31 --importer CN --json`,
    )
    .action((o: { from: string; to: string; importer: Importer; json?: boolean }) => {
      if (o.to < o.from) fail("--to is before --from");
      const t = truce();
      const list = lawChanges(t.law, { from: { date: o.from }, to: { date: o.to } }, o.importer);
      if (o.json) {
        process.stdout.write(`${JSON.stringify(list.map(changeJson), null, 2)}\n`);
        return;
      }
      const who = o.importer === "both" ? "US and CN" : o.importer;
      process.stdout.write(`Changes from ${o.from} to ${o.to} (${who}): ${list.length}\n\n`);
      for (const c of list) process.stdout.write(changeText(c));
    });

  program
    .command("deadlines")
    .description(
      "coming dated steps from a date: truce expiries, scheduled increases, exclusion expiries (law data and data/events)",
    )
    .option(
      "--from <date|instant>",
      "from this date (each item's own zone) or instant; default: now (the clock of this machine)",
    )
    .option("--to <date|instant>", "up to this date or instant, inclusive")
    .addOption(importerOption())
    .option("--json", "print JSON")
    .option("--ics <file>", "also write an iCalendar feed (UTC instants, stable UIDs) to this file")
    .addHelpText(
      "after",
      `
Example:
  truce deadlines --from 2026-06-01
  truce deadlines --from 2025-11-01 --to 2026-12-31 --ics truce.ics`,
    )
    .action((o: { from?: string; to?: string; importer: Importer; json?: boolean; ics?: string }) => {
      const t = truce();
      const now = Date.now();
      const from: Bound = o.from ? bound(o.from, "--from") : { instant: now };
      const to = o.to ? bound(o.to, "--to") : undefined;
      const window = { from, ...(to ? { to } : {}) };
      const list = withControlDeadlines(
        deadlines(t.law, loadTimeline(t), window, o.importer),
        controlsOf(t),
        window,
        o.importer,
      );
      if (o.ics) {
        writeFileSync(o.ics, deadlinesToIcs(list, new Date(now)));
        process.stderr.write(`truce: wrote ${list.length} events to ${o.ics}\n`);
      }
      if (o.json) {
        process.stdout.write(`${JSON.stringify(list.map(deadlineJson), null, 2)}\n`);
        return;
      }
      const since = o.from ?? `now (${isoInstant(now)})`;
      process.stdout.write(`Deadlines from ${since}${o.to ? ` to ${o.to}` : ""}: ${list.length}\n\n`);
      for (const d of list) process.stdout.write(deadlineText(d));
    });

  program
    .command("timeline")
    .description(
      "the negotiation timeline: rounds, summits, calls, announcements, threats, deadlines, rulings",
    )
    .option("--from <YYYY-MM-DD>", "first day (local at the event)", dateArg)
    .option("--to <YYYY-MM-DD>", "last day, inclusive", dateArg)
    .option("--kind <kinds>", `comma-separated kinds: ${EVENT_KINDS.join(", ")}`)
    .option("--measure <id>", "only events linked to this measure id")
    .option("--json", "print JSON")
    .addOption(dataDirOption())
    .addHelpText(
      "after",
      `
Example:
  truce timeline --kind round,summit
  truce timeline --from 2025-10-01 --to 2025-11-30 --json`,
    )
    .action(
      async (o: {
        from?: string;
        to?: string;
        kind?: string;
        measure?: string;
        json?: boolean;
        dataDir?: string;
      }) => {
        let kinds: Set<EventKind> | undefined;
        if (o.kind !== undefined) {
          try {
            kinds = parseKinds(o.kind);
          } catch (e) {
            fail(`--kind ${(e as Error).message}`);
          }
        }
        const t = truce();
        if (o.measure !== undefined && !t.law.byId.has(o.measure))
          fail(`--measure: unknown measure ${o.measure}`);
        // Events accepted from the news (truce review) join those of data/events, marked as such.
        const reviewed = await reviewedEvents(o.dataDir);
        const byId = new Map(reviewed.map((r) => [r.event.id, r]));
        const all =
          reviewed.length === 0
            ? loadTimeline(t)
            : [...loadTimeline(t), ...reviewed.map((r) => r.event)].sort(
                (a, b) => a.instant - b.instant || a.id.localeCompare(b.id),
              );
        const list = filterEvents(all, {
          ...(o.from ? { from: o.from } : {}),
          ...(o.to ? { to: o.to } : {}),
          ...(kinds ? { kinds } : {}),
          ...(o.measure ? { measure: o.measure } : {}),
        });
        const controls = controlsByEvent(controlsOf(t));
        if (o.json) {
          const json = list.map((e) => {
            const r = byId.get(e.id);
            return {
              ...eventJson(e),
              controls: controls.get(e.id) ?? [],
              ...(r
                ? {
                    reviewed: {
                      from: "news",
                      grade: "W",
                      item: r.itemId,
                      article: r.articleId,
                      evidence: r.evidence,
                    },
                  }
                : {}),
            };
          });
          process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
          return;
        }
        process.stdout.write(`Timeline: ${list.length} events\n\n`);
        for (const e of list)
          process.stdout.write(`${eventText(e, controls.get(e.id) ?? [], byId.get(e.id))}\n`);
      },
    );
}
