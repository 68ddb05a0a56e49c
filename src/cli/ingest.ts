/**
 * `truce ingest FILE|DIR` and `truce review`: reading news articles into candidate events, and the
 * review queue that turns them into timeline events or draft law files. Parsing and rendering only:
 * the pipeline is news/ingest.ts, the review rules news/review.ts, the queue store/news-review.ts.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { type Command, InvalidArgumentError, Option } from "commander";
import type { IngestResult, NewsItem } from "../news/contract.js";
import type { ArticleFormat } from "../news/input.js";
import type { Published } from "../news/published.js";
import type { Store } from "../store/db.js";
import type { QueuedArticle, ReviewDetail, ReviewSummary } from "../store/news-review.js";
import type { Truce } from "../truce.js";
import { fail } from "./common.js";
import { cut } from "./render.js";
import { dataDirOption, printJson, withStore } from "./store.js";

interface IngestOptions {
  published?: string;
  zone?: string;
  format?: ArticleFormat;
  json?: boolean;
  text?: boolean;
  queue?: boolean;
  url?: string;
  dataDir?: string;
}

/** The JSON of a result: the contract, with the cleaned text only when asked for (--text). */
function resultJson(r: IngestResult, withText: boolean): Omit<IngestResult, "text"> & { text?: string } {
  if (withText) return r;
  const { text: _text, ...rest } = r;
  return rest;
}

function sha256(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** One article read: its result, or a specific error naming what is wrong with it. */
type Read =
  | { ok: true; result: IngestResult; bytes: Buffer }
  | {
      ok: false;
      error: { kind: "unreadable" | "empty" | "no-publication-instant" | "failed"; message: string };
    };

/**
 * The pipeline's modules, imported when an article is read (the extractors' libraries, chrono-node
 * and compromise, are not loaded by the other commands), with the knowledge built once.
 */
async function pipeline(truce: Truce) {
  const [ingest, input, load, queue] = await Promise.all([
    import("../news/ingest.js"),
    import("../news/input.js"),
    import("../news/load.js"),
    import("../store/news-review.js"),
  ]);
  return { ...ingest, ...input, ...queue, knowledge: load.newsKnowledge(truce) };
}
type Pipeline = Awaited<ReturnType<typeof pipeline>>;

function readArticle(file: string, o: IngestOptions, published: Published | undefined, p: Pipeline): Read {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    return { ok: false, error: { kind: "unreadable", message: (e as Error).message } };
  }
  const raw = bytes.toString("utf8");
  if (raw.trim() === "") return { ok: false, error: { kind: "empty", message: "the file is empty" } };
  try {
    const result = p.ingestArticle(
      { raw, format: o.format ?? p.articleFormat(raw, file), ...(published ? { published } : {}) },
      p.knowledge,
    );
    return { ok: true, result, bytes };
  } catch (e) {
    if (e instanceof p.IngestError)
      return { ok: false, error: { kind: "no-publication-instant", message: e.message } };
    return { ok: false, error: { kind: "failed", message: (e as Error).message } };
  }
}

// ---------------------------------------------------------------- the readable report

/** `text` on one line, cut to `max` characters. */
function clip(text: string, max: number): string {
  return cut(text.replace(/\s+/g, " ").trim(), max);
}

const GROUPS: { kind: NewsItem["kind"]; title: string }[] = [
  { kind: "event", title: "Events" },
  { kind: "date", title: "Dates" },
  { kind: "rate", title: "Rates" },
  { kind: "person", title: "People" },
  { kind: "place", title: "Places" },
  { kind: "organisation", title: "Organisations" },
];

function itemLine(i: NewsItem): string[] {
  const at = `[${i.start}-${i.end}]`.padEnd(12);
  const quoted = `"${clip(i.text, 70)}"`;
  switch (i.kind) {
    case "event": {
      const head = [
        i.eventKind,
        i.date ?? "undated",
        i.side ?? "",
        i.reported ? "(reported earlier statement)" : "",
      ]
        .filter((s) => s !== "")
        .join(" ");
      const out = [`  ${at} ${head}  ${quoted}`];
      if (i.isNew) out.push(`${"".padEnd(15)}NEW: no measure, deadline or event of the data matches`);
      for (const l of i.links) out.push(`${"".padEnd(15)}link ${l.target} ${l.id}: ${l.reason}`);
      for (const c of i.contradictions) out.push(`${"".padEnd(15)}CONTRADICTS the data: ${c}`);
      return out;
    }
    case "date":
      return [
        `  ${at} ${i.date}${i.until ? ` – ${i.until}` : ""}${i.instant ? ` (${i.instant})` : ""}  ${quoted}`,
      ];
    case "rate": {
      const level =
        i.value !== undefined ? `${i.qualifier ? `${i.qualifier} ` : ""}${i.value}%` : (i.level ?? "?");
      const who = i.importer || i.origin ? ` ${i.importer ?? "?"} on goods of ${i.origin ?? "?"}` : "";
      return [`  ${at} ${level}${who}${i.appliesTo ? ` (${i.appliesTo})` : ""}  ${quoted}`];
    }
    case "person":
      return [
        `  ${at} ${i.name}${i.office ? `, ${i.office}` : ""}${i.inGazetteer ? "" : " (not in the gazetteer)"}`,
      ];
    default:
      return [`  ${at} ${i.name}  ${quoted}`];
  }
}

function reportText(file: string, r: IngestResult): string {
  const out = [
    `${r.title ?? basename(file)}`,
    `Published ${r.published} (${r.publishedZone}, from ${r.publishedFrom}); cleaned text ${r.text.length} characters`,
    "",
    `Removed (${r.removed.length}):`,
    ...r.removed.map((s) => `${`  [${s.start}-${s.end}]`.padEnd(15)}${s.kind}  "${clip(s.text, 70)}"`),
  ];
  for (const g of GROUPS) {
    const items = r.items.filter((i) => i.kind === g.kind);
    if (items.length === 0 && g.kind !== "event") continue;
    out.push("", `${g.title} (${items.length}):`, ...items.flatMap(itemLine));
  }
  return `${out.join("\n")}\n`;
}

function queuedText(q: QueuedArticle): string {
  return q.created
    ? `Queued as article ${q.articleId}: ${q.items.length} items to review (${q.items.join(", ") || "none"}); see truce review list\n`
    : `Already queued as article ${q.articleId} (same SHA-256): nothing added\n`;
}

// ---------------------------------------------------------------- ingest

async function ingestOne(
  file: string,
  o: IngestOptions,
  published: Published | undefined,
  p: Pipeline,
): Promise<void> {
  const read = readArticle(file, o, published, p);
  if (!read.ok) fail(`${file}: ${read.error.message}`, read.error.kind === "failed" ? 1 : 2);
  let queued: QueuedArticle | undefined;
  if (o.queue)
    queued = await withStore(o, (store) =>
      p.queueArticle(
        store,
        {
          sourceName: basename(file),
          sha256: sha256(read.bytes),
          ...(o.url ? { url: o.url } : {}),
          result: read.result,
        },
        Date.now(),
      ),
    );
  if (o.json) {
    printJson({ ...resultJson(read.result, o.text === true), ...(queued ? { queued } : {}) });
    return;
  }
  process.stdout.write(reportText(file, read.result));
  if (queued) process.stdout.write(`\n${queuedText(queued)}`);
  if (o.text) process.stdout.write(`\nCleaned text:\n${read.result.text}\n`);
}

/** The articles of a folder: its .html, .htm and .txt files, by name. */
function articlesIn(dir: string, extensions: readonly string[]): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && extensions.includes(extname(e.name).toLowerCase()))
    .map((e) => e.name)
    .sort();
}

/**
 * A folder: one JSON line per article on stdout (`file` and the result, or `file` and `error`), a
 * progress bar on a terminal, a summary on stderr. One bad file never stops the batch; exit 1 if any failed.
 */
async function ingestFolder(
  dir: string,
  o: IngestOptions,
  published: Published | undefined,
  p: Pipeline,
): Promise<void> {
  const files = articlesIn(dir, p.ARTICLE_EXTENSIONS);
  if (files.length === 0) fail(`${dir}: no .html, .htm or .txt file in the folder`);
  // The progress bar's module is imported only for a batch on a terminal.
  const bar = process.stderr.isTTY
    ? new (await import("cli-progress")).SingleBar({
        format: "{bar} {value}/{total} articles | {errors} errors",
        hideCursor: true,
      })
    : undefined;
  bar?.start(files.length, 0, { errors: 0 });
  const started = process.hrtime.bigint();
  const failures = new Map<string, number>();
  let items = 0;
  let queuedCount = 0;
  const run = async (store: Store | undefined) => {
    let lines: string[] = [];
    for (const [n, name] of files.entries()) {
      const read = readArticle(join(dir, name), o, published, p);
      if (read.ok) {
        items += read.result.items.length;
        let queued: QueuedArticle | undefined;
        if (store) {
          queued = await p.queueArticle(
            store,
            { sourceName: name, sha256: sha256(read.bytes), result: read.result },
            Date.now(),
          );
          if (queued.created) queuedCount++;
        }
        lines.push(
          JSON.stringify({
            file: name,
            ...resultJson(read.result, o.text === true),
            ...(queued ? { queued } : {}),
          }),
        );
      } else {
        failures.set(read.error.kind, (failures.get(read.error.kind) ?? 0) + 1);
        lines.push(JSON.stringify({ file: name, error: read.error }));
      }
      if (lines.length >= 100) {
        process.stdout.write(`${lines.join("\n")}\n`);
        lines = [];
      }
      bar?.update(n + 1, { errors: [...failures.values()].reduce((a, b) => a + b, 0) });
    }
    if (lines.length > 0) process.stdout.write(`${lines.join("\n")}\n`);
  };
  if (o.queue) await withStore(o, run);
  else await run(undefined);
  bar?.stop();
  const failed = [...failures.values()].reduce((a, b) => a + b, 0);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const why = [...failures].map(([k, n]) => `${k}: ${n}`).join(", ");
  process.stderr.write(
    `truce: ${files.length} articles, ${files.length - failed} read (${items} items), ${failed} failed${failed ? ` (${why})` : ""}${o.queue ? `, ${queuedCount} newly queued` : ""}, ${seconds.toFixed(2)} s\n`,
  );
  process.exitCode = failed > 0 ? 1 : 0;
}

// ---------------------------------------------------------------- review

function summaryLine(s: ReviewSummary): string {
  const what = [s.kind, s.eventKind, s.date].filter((x) => x !== undefined).join(" ");
  const flags = [s.isNew ? "NEW" : "", ...s.contradictions.map((c) => `contradicts: ${c}`)].filter(
    (f) => f !== "",
  );
  return `${String(s.id).padStart(5)}  ${s.status.padEnd(8)} ${what.padEnd(34)} "${clip(s.text, 60)}"  (${s.sourceName})${flags.length ? `\n${"".padEnd(16)}${flags.join("; ")}` : ""}`;
}

function detailText(d: ReviewDetail): string {
  const out = [
    `Item ${d.id}: ${d.kind}${d.eventKind ? ` ${d.eventKind}` : ""}, ${d.status}${d.decidedAt ? ` (${d.decidedAt})` : ""}`,
    `Article ${d.article.id}: ${d.article.title ?? d.article.sourceName}, published ${d.article.published}`,
    `  source ${d.article.url ?? `${d.article.sourceName}, sha256 ${d.article.sha256}`}`,
    `Evidence [${d.span.start}-${d.span.end}]: "${d.span.text}"`,
    `As read: ${JSON.stringify(d.item)}`,
    ...(d.edited ? [`As edited: ${JSON.stringify(d.edited)}`] : []),
    ...(d.note ? [`Note: ${d.note}`] : []),
  ];
  if (d.event)
    out.push(
      `Timeline event ${d.event.id}: ${d.event.kind} ${d.event.date}${d.event.time ? ` ${d.event.time}` : ""} (${d.event.zone}), side ${d.event.side}: ${d.event.title}`,
      "  reviewed from news, grade W",
    );
  if (d.draft)
    out.push(
      `Draft law file ${d.draft.file} in the store's directory (instrument ${d.draft.id}, grade W, provisional)`,
      "  a reviewer must still fill in:",
      ...d.draft.missing.map((m) => `  - ${m}`),
    );
  return `${out.join("\n")}\n`;
}

function idArg(v: string): number {
  if (!/^[1-9]\d{0,15}$/.test(v))
    throw new InvalidArgumentError("expected a review item id (a positive whole number)");
  return Number(v);
}

function collect(v: string, prev: string[] = []): string[] {
  return [...prev, v];
}

type ReviewQueue = typeof import("../store/news-review.js");

/**
 * Runs a review action on the store (its module imported here), failing with the reason when the
 * item is unknown or the decision refused.
 */
async function decide(
  o: { dataDir?: string; json?: boolean },
  fn: (queue: ReviewQueue, store: Store) => Promise<ReviewDetail>,
): Promise<void> {
  const [queue, { ReviewError }] = await Promise.all([
    import("../store/news-review.js"),
    import("../news/review.js"),
  ]);
  try {
    const d = await withStore(o, (store) => fn(queue, store));
    if (o.json) printJson(d);
    else process.stdout.write(detailText(d));
  } catch (e) {
    if (e instanceof ReviewError || e instanceof queue.ReviewNotFound) fail(e.message);
    throw e;
  }
}

/** Which items `review list` shows. */
const LIST_STATUSES = ["open", "pending", "edited", "accepted", "rejected", "all"] as const;

/** Registers `ingest` and `review` on the `truce` program. */
export function registerIngestCommands(program: Command, truce: () => Truce): void {
  program
    .command("ingest")
    .description(
      "read a news article (saved HTML page or text) into candidate events, dates, rates, people, places and organisations, each with its span; a folder: every .html/.htm/.txt file, one JSON line each",
    )
    .argument("<path>", "an article file, or a folder of them")
    .option(
      "--published <instant>",
      "publication instant, overriding the page's: an ISO instant with its offset (2025-10-25T22:30+05:30) or zone (2025-10-25T22:30[Asia/Kolkata]), or a local time with --zone",
    )
    .option("--zone <zone>", "the IANA zone (or offset) of a local --published time")
    .addOption(
      new Option("--format <format>", "html or text (default: by extension, else by content)").choices([
        "html",
        "text",
      ]),
    )
    .option("--json", "print the contract JSON (one object; without --text, no `text` field)")
    .option("--text", "also print the cleaned text the offsets point into (with --json: the `text` field)")
    .option("--queue", "keep the article and its candidate items in the review queue (truce review)")
    .option("--url <url>", "where the article was published (kept as its source in the queue)")
    .addOption(dataDirOption())
    .addHelpText(
      "after",
      `
Examples:
  truce ingest article.html --json
  truce ingest article.txt --published 2025-10-25T22:30+05:30 --json --text
  truce ingest article.txt --published "2025-10-25 22:30" --zone Asia/Kolkata --queue
  truce ingest saved-pages/ > results.jsonl`,
    )
    .action(async (path: string, o: IngestOptions) => {
      const p = await pipeline(truce());
      let published: Published | undefined;
      if (o.published !== undefined) {
        try {
          published = p.parsePublished(o.published, o.zone);
        } catch (e) {
          if (e instanceof p.PublishedError) fail(e.message);
          throw e;
        }
      } else if (o.zone !== undefined)
        fail("--zone is the zone of a local --published time: give --published too");
      if (o.url !== undefined && !URL.canParse(o.url)) fail(`--url "${o.url}" is not a URL`);
      if (o.url !== undefined && !o.queue)
        fail("--url is kept with the article in the review queue: give --queue");
      let isDir: boolean;
      try {
        isDir = statSync(path).isDirectory();
      } catch (e) {
        fail(`${path}: ${(e as Error).message}`);
      }
      if (isDir) {
        if (o.url !== undefined) fail("--url names one article: not for a folder");
        await ingestFolder(path, o, published, p);
      } else await ingestOne(path, o, published, p);
    });

  const review = program
    .command("review")
    .description(
      "the review queue of news items (truce ingest --queue): list, show, accept (a timeline event, or a draft law file with --as-law), edit, reject",
    );
  review
    .command("list", { isDefault: true })
    .description("the items awaiting review (pending or edited), or those of --status")
    .addOption(new Option("--status <status>", "which items").choices(LIST_STATUSES).default("open"))
    .option("--json", "print JSON")
    .addOption(dataDirOption())
    .action(async (o: { status: (typeof LIST_STATUSES)[number]; json?: boolean; dataDir?: string }) => {
      const { listReview } = await import("../store/news-review.js");
      const items = await withStore(o, (store) => listReview(store, o.status));
      if (o.json) {
        printJson({ items });
        return;
      }
      process.stdout.write(`Review queue (${o.status}): ${items.length} items\n`);
      for (const s of items) process.stdout.write(`${summaryLine(s)}\n`);
    });
  review
    .command("show")
    .description("one item: its article, its span, as read and as edited, and what accepting it made")
    .argument("<id>", "review item id", idArg)
    .option("--json", "print JSON")
    .addOption(dataDirOption())
    .action(async (id: number, o: { json?: boolean; dataDir?: string }) => {
      await decide(o, async (queue, store) => {
        const d = await queue.reviewItem(store, id);
        if (!d) throw new queue.ReviewNotFound(id);
        return d;
      });
    });
  review
    .command("accept")
    .description(
      "accept an item: an event becomes a timeline event (reviewed from news, grade W); with --as-law, a draft law file under drafts/ in the store's directory",
    )
    .argument("<id>", "review item id", idArg)
    .option(
      "--as-law",
      "write a draft law file (data/law format, grade W, provisional) instead of a timeline event",
    )
    .option("--note <text>", "the reviewer's note")
    .option("--json", "print JSON")
    .addOption(dataDirOption())
    .action(async (id: number, o: { asLaw?: boolean; note?: string; json?: boolean; dataDir?: string }) => {
      await decide(o, (queue, store) =>
        queue.acceptReview(store, id, Date.now(), {
          asLaw: o.asLaw === true,
          ...(o.note === undefined ? {} : { note: o.note }),
        }),
      );
    });
  review
    .command("edit")
    .description("set fields of an item before accepting it (its span is never edited)")
    .argument("<id>", "review item id", idArg)
    .requiredOption(
      "--set <field=value>",
      "a field to set, e.g. date=2025-11-10 or side=CN (repeatable)",
      collect,
    )
    .option("--note <text>", "the reviewer's note")
    .option("--json", "print JSON")
    .addOption(dataDirOption())
    .action(async (id: number, o: { set: string[]; note?: string; json?: boolean; dataDir?: string }) => {
      await decide(o, (queue, store) => queue.editReview(store, id, o.set, Date.now(), o.note));
    });
  review
    .command("reject")
    .description("reject an item (kept, with the note, as rejected)")
    .argument("<id>", "review item id", idArg)
    .option("--note <text>", "why")
    .option("--json", "print JSON")
    .addOption(dataDirOption())
    .action(async (id: number, o: { note?: string; json?: boolean; dataDir?: string }) => {
      await decide(o, (queue, store) => queue.rejectReview(store, id, Date.now(), o.note));
    });
}
