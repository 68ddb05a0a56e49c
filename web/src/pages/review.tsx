/**
 * News review: an article pasted or uploaded is read by the server (`POST /v1/ingest`), which answers
 * the cleaned text with the spans of what it found, the page chrome it removed, and the candidate
 * events with their links and flags; kept in the review queue (`queue=true`), its items wait for a
 * reviewer to accept (a timeline event, or a draft law file), edit or reject them (`/v1/review`).
 * Everything from the article is rendered as text nodes, never as markup.
 */
import { useState } from "preact/hooks";
import type { EventItem, IngestResult, NewsItem } from "../../../src/news/contract.js";
import type { ReviewDetail, ReviewSummary } from "../../../src/store/news-review.js";
import { sendJson, useJson } from "../api.js";
import { ErrorNote, Show, SourceLink } from "../components.js";

type Ingested = IngestResult & { queued?: { articleId: number; created: boolean; items: number[] } };

/** HTML by the file's extension, else by its first characters (as `truce ingest` decides). */
function isHtml(text: string, name: string): boolean {
  if (/\.html?$/i.test(name)) return true;
  if (/\.txt$/i.test(name)) return false;
  return /^\s*(?:<!doctype html|<html|<head|<body|<meta|<article|<div|<p[\s>])/i.test(text.slice(0, 512));
}

export function ReviewPage() {
  const [refresh, setRefresh] = useState(0);
  const [result, setResult] = useState<Ingested | null>(null);
  return (
    <section aria-labelledby="review-title">
      <h1 id="review-title">News review</h1>
      <p class="note">
        Read an article into candidate events, each linked to what Truce knows; keep it in the review queue
        and accept what a primary source should confirm. Nothing enters the law without review.
      </p>
      <ArticleForm
        onRead={(r) => {
          setResult(r);
          setRefresh((n) => n + 1);
        }}
      />
      {result && <Reading result={result} />}
      <Queue refresh={refresh} />
    </section>
  );
}

function ArticleForm({ onRead }: { onRead: (r: Ingested) => void }) {
  const [text, setText] = useState("");
  const [name, setName] = useState("");
  const [published, setPublished] = useState("");
  const [queue, setQueue] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const body = {
        ...(isHtml(text, name) ? { html: text } : { text }),
        ...(published.trim() ? { published: published.trim() } : {}),
      };
      onRead(await sendJson<Ingested>("POST", `/v1/ingest${queue ? "?queue=true" : ""}`, body));
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };
  const pick = async (e: Event) => {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (!file) return;
    setName(file.name);
    setText(await file.text());
  };
  return (
    <form class="entry" onSubmit={submit} aria-labelledby="article-title">
      <h2 id="article-title">Read an article</h2>
      <label>
        The article: paste its text or a saved page's HTML
        <textarea
          name="article"
          required
          rows={8}
          value={text}
          onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
        />
      </label>
      <label>
        Or upload a saved page (.html, .htm, .txt)
        <input type="file" name="file" accept=".html,.htm,.txt,text/html,text/plain" onChange={pick} />
      </label>
      <div class="grid">
        <label>
          Published (empty: as the page states it)
          <input
            name="published"
            placeholder="2025-10-25T22:30+05:30"
            value={published}
            onInput={(e) => setPublished((e.target as HTMLInputElement).value)}
          />
        </label>
        <label class="row">
          <span>
            <input
              type="checkbox"
              name="queue"
              checked={queue}
              onChange={(e) => setQueue((e.target as HTMLInputElement).checked)}
            />{" "}
            Keep in the review queue
          </span>
        </label>
      </div>
      <button type="submit" disabled={busy}>
        {busy ? "Reading…" : "Read the article"}
      </button>
      {error && <ErrorNote error={error} />}
    </form>
  );
}

/** The kinds of item, in the order a highlighted piece names them. */
const KINDS: readonly NewsItem["kind"][] = ["event", "date", "rate", "person", "place", "organisation"];

/** The cleaned text cut at every item boundary: each piece with the kinds of the items covering it. */
function pieces(text: string, items: readonly NewsItem[]): { text: string; kinds: string[] }[] {
  const cuts = new Set([0, text.length]);
  for (const i of items) {
    cuts.add(Math.max(0, Math.min(text.length, i.start)));
    cuts.add(Math.max(0, Math.min(text.length, i.end)));
  }
  const at = [...cuts].sort((a, b) => a - b);
  const out: { text: string; kinds: string[] }[] = [];
  for (let k = 0; k + 1 < at.length; k++) {
    const from = at[k] as number;
    const to = at[k + 1] as number;
    const covering = new Set(items.filter((i) => i.start <= from && i.end >= to).map((i) => i.kind));
    const kinds = KINDS.filter((k) => covering.has(k));
    out.push({ text: text.slice(from, to), kinds });
  }
  return out;
}

function Reading({ result }: { result: Ingested }) {
  const events = result.items.filter((i): i is EventItem => i.kind === "event");
  return (
    <section aria-labelledby="reading-title" id="reading">
      <h2 id="reading-title">{result.title ?? "The article as read"}</h2>
      <p>
        Published <strong>{result.published}</strong> ({result.publishedZone}, from {result.publishedFrom});{" "}
        {result.items.length} items.
        {result.queued &&
          (result.queued.created
            ? ` Queued as article ${result.queued.articleId} with ${result.queued.items.length} items to review.`
            : ` Already queued as article ${result.queued.articleId}: nothing added.`)}
      </p>
      <h3>Cleaned text</h3>
      <p class="note">
        Highlighted: <mark class="k-event">events</mark> <mark class="k-date">dates</mark>{" "}
        <mark class="k-rate">rates</mark> <mark class="k-person">people</mark>{" "}
        <mark class="k-place">places</mark> <mark class="k-organisation">organisations</mark>
      </p>
      <pre class="article-text" id="article-text">
        {pieces(result.text, result.items).map((p, k) =>
          p.kinds.length === 0 ? (
            p.text
          ) : (
            <mark key={k} class={p.kinds.map((kind) => `k-${kind}`).join(" ")} title={p.kinds.join(", ")}>
              {p.text}
            </mark>
          ),
        )}
      </pre>
      <h3>Removed ({result.removed.length})</h3>
      {result.removed.length === 0 ? (
        <p>Nothing was removed.</p>
      ) : (
        <ul id="removed">
          {result.removed.map((r) => (
            <li key={`${r.start}-${r.end}`}>
              <strong>{r.kind}</strong>{" "}
              <span class="note">
                [{r.start}–{r.end}]
              </span>{" "}
              {r.text}
            </li>
          ))}
        </ul>
      )}
      <h3>Candidate events ({events.length})</h3>
      {events.length === 0 ? (
        <p>No candidate event.</p>
      ) : (
        <ul class="items" id="events">
          {events.map((e) => (
            <li key={`${e.start}-${e.end}`}>
              <p>
                <strong>{e.eventKind}</strong> {e.date ?? "undated"} {e.side ?? ""}{" "}
                {e.isNew && <span class="flag">new</span>}{" "}
                {e.reported && <span class="flag">older statement</span>}
              </p>
              <p>“{e.text}”</p>
              {e.links.length > 0 && (
                <ul>
                  {e.links.map((l) => (
                    <li key={l.id}>
                      {l.target}{" "}
                      <a
                        href={l.target === "measure" ? `#/measure/${encodeURIComponent(l.id)}` : "#/timeline"}
                      >
                        {l.id}
                      </a>
                      : {l.reason}
                    </li>
                  ))}
                </ul>
              )}
              {e.contradictions.map((c) => (
                <p key={c} class="warning">
                  Contradicts the data: {c}
                </p>
              ))}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Queue({ refresh }: { refresh: number }) {
  const [changed, setChanged] = useState(0);
  const list = useJson<{ items: ReviewSummary[] }>("/v1/review", refresh + changed);
  const [done, setDone] = useState<ReviewDetail | null>(null);
  return (
    <section aria-labelledby="queue-title">
      <h2 id="queue-title">Review queue</h2>
      {done && <Decided d={done} />}
      <Show loaded={list} what="the review queue">
        {(l) =>
          l.items.length === 0 ? (
            <p>Nothing awaits review.</p>
          ) : (
            <ul class="items" id="queue">
              {l.items.map((i) => (
                <QueueItem
                  key={i.id}
                  item={i}
                  onDecided={(d) => {
                    setDone(d);
                    setChanged((n) => n + 1);
                  }}
                />
              ))}
            </ul>
          )
        }
      </Show>
    </section>
  );
}

function QueueItem({ item, onDecided }: { item: ReviewSummary; onDecided: (d: ReviewDetail) => void }) {
  const [note, setNote] = useState("");
  const [edit, setEdit] = useState("");
  const [error, setError] = useState<Error | null>(null);
  const act = async (action: "accept" | "reject" | "edit", body: Record<string, unknown>) => {
    setError(null);
    try {
      onDecided(await sendJson<ReviewDetail>("POST", `/v1/review/${item.id}/${action}`, body));
    } catch (err) {
      setError(err as Error);
    }
  };
  const withNote = note.trim() ? { note: note.trim() } : {};
  const settings = () =>
    Object.fromEntries(
      edit
        .split(/[\s,]+/)
        .filter((s) => s.includes("="))
        .map((s) => [s.slice(0, s.indexOf("=")), s.slice(s.indexOf("=") + 1)]),
    );
  return (
    <li data-item={item.id}>
      <p>
        <strong>
          #{item.id} {item.kind}
          {item.eventKind ? ` ${item.eventKind}` : ""}
        </strong>{" "}
        {item.date ?? ""}{" "}
        <span class="note">
          ({item.status}, {item.sourceName})
        </span>{" "}
        {item.isNew && <span class="flag">new</span>}
      </p>
      <p>“{item.text}”</p>
      {item.contradictions.map((c) => (
        <p key={c} class="warning">
          Contradicts the data: {c}
        </p>
      ))}
      <div class="actions">
        <input
          aria-label={`Note on item ${item.id}`}
          placeholder="note"
          value={note}
          onInput={(e) => setNote((e.target as HTMLInputElement).value)}
        />
        <button type="button" onClick={() => act("accept", withNote)}>
          Accept
        </button>
        <button type="button" onClick={() => act("accept", { asLaw: true, ...withNote })}>
          Accept as draft law
        </button>
        <button type="button" onClick={() => act("reject", withNote)}>
          Reject
        </button>
        <input
          aria-label={`Fields to set on item ${item.id}`}
          placeholder="date=2025-11-10 side=CN"
          value={edit}
          onInput={(e) => setEdit((e.target as HTMLInputElement).value)}
        />
        <button type="button" onClick={() => act("edit", { set: settings(), ...withNote })}>
          Edit
        </button>
      </div>
      {error && <ErrorNote error={error} />}
    </li>
  );
}

function Decided({ d }: { d: ReviewDetail }) {
  return (
    <div role="status" id="decided">
      <p>
        Item {d.id} {d.status}
        {d.note ? ` (${d.note})` : ""}.
      </p>
      {d.event && (
        <p>
          Timeline event {d.event.id}: {d.event.kind} {d.event.date}
          {d.event.time ? ` ${d.event.time}` : ""} ({d.event.zone}), side {d.event.side}: {d.event.title}
          {". "}
          Reviewed from news, grade W, source <SourceLink url={d.event.sourceUrl} />.
        </p>
      )}
      {d.draft && (
        <>
          <p>
            Draft law file {d.draft.file} written in the store's directory (instrument {d.draft.id}, grade W,
            provisional). A reviewer must still fill in:
          </p>
          <ul>
            {d.draft.missing.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
