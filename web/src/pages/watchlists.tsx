/**
 * Watchlists: codes and origins to follow (`POST /v1/watchlists`), and for each, what changed or
 * will change for its lines since they were last seen, with the duty before and after each step
 * (`GET /v1/watchlists/{id}/changes`); "mark seen" (`POST /v1/watchlists/{id}/seen`) starts afresh.
 */
import { useState } from "preact/hooks";
import { sendJson, useJson } from "../api.js";
import { ErrorNote, Show, SourceLink } from "../components.js";
import { money } from "../format.js";
import { href } from "../route.js";
import type { WatchAnswer, WatchlistList, WatchSide } from "../types.js";

/** "8541.43.00.10 CN 10000" a line → an item (code, origin, value). */
function itemsOf(text: string, since: string) {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "")
    .map((l) => {
      const [code = "", origin = "", value] = l.split(/[\s,;]+/);
      return { code, origin, ...(value ? { value } : {}), ...(since ? { since } : {}) };
    });
}

export function WatchlistsPage({ query: q }: { query: URLSearchParams }) {
  const [refresh, setRefresh] = useState(0);
  const list = useJson<WatchlistList>("/v1/watchlists", refresh);
  const chosen = q.get("id") ?? "";
  return (
    <section aria-labelledby="watch-title">
      <h1 id="watch-title">Watchlists</h1>
      <AddWatchlist
        onAdded={(id) => {
          location.hash = href("watchlists", { id: String(id) });
          setRefresh(refresh + 1);
        }}
      />
      <h2>Watchlists kept</h2>
      <Show loaded={list} what="the watchlists">
        {(l) =>
          l.watchlists.length === 0 ? (
            <p>None yet.</p>
          ) : (
            <ul id="watchlists">
              {l.watchlists.map((w) => (
                <li key={w.id}>
                  <a
                    href={href("watchlists", { id: String(w.id) })}
                    aria-current={String(w.id) === chosen ? "page" : undefined}
                  >
                    {w.name}
                  </a>{" "}
                  <span class="note">
                    ({w.items} items) ·{" "}
                    <a href={href("next", { watchlist: String(w.id) })}>what changes next</a>
                  </span>
                </li>
              ))}
            </ul>
          )
        }
      </Show>
      {chosen && <WatchChanges id={chosen} />}
    </section>
  );
}

function AddWatchlist({ onAdded }: { onAdded: (id: number) => void }) {
  const [name, setName] = useState("");
  const [lines, setLines] = useState("");
  const [since, setSince] = useState("");
  const [error, setError] = useState<Error | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      const saved = await sendJson<{ id: number }>("POST", "/v1/watchlists", {
        name,
        items: itemsOf(lines, since),
      });
      setName("");
      setLines("");
      onAdded(saved.id);
    } catch (err) {
      setError(err as Error);
    }
  };
  return (
    <form class="entry" onSubmit={submit} aria-labelledby="add-watch-title">
      <h2 id="add-watch-title">Add a watchlist</h2>
      <div class="grid">
        <label>
          Name
          <input
            name="name"
            required
            value={name}
            onInput={(e) => setName((e.target as HTMLInputElement).value)}
          />
        </label>
        <label>
          Seen as of (empty: now)
          <input
            type="date"
            name="since"
            value={since}
            onInput={(e) => setSince((e.target as HTMLInputElement).value)}
          />
        </label>
      </div>
      <label>
        Lines: code, origin and optionally a value, one a line
        <textarea
          name="items"
          required
          rows={4}
          placeholder={"8541.43.00.10 CN 10000\n6102.20.00.10 VN"}
          value={lines}
          onInput={(e) => setLines((e.target as HTMLTextAreaElement).value)}
        />
      </label>
      <button type="submit">Add the watchlist</button>
      {error && <ErrorNote error={error} />}
    </form>
  );
}

function total(side: WatchSide | undefined): string {
  if (!side) return "";
  if ("error" in side) return side.error.message;
  return `${side.total.rate}% · ${money(side.total.amount)}`;
}

/** A watchlist's changes since each line was last seen (or since `since`), and what comes next. */
export function WatchChanges({ id, since }: { id: string; since?: string }) {
  const [refresh, setRefresh] = useState(0);
  const answer = useJson<WatchAnswer>(
    `/v1/watchlists/${encodeURIComponent(id)}/changes${since ? `?since=${encodeURIComponent(since)}` : ""}`,
    refresh,
  );
  const [error, setError] = useState<Error | null>(null);
  const seen = async () => {
    setError(null);
    try {
      await sendJson("POST", `/v1/watchlists/${encodeURIComponent(id)}/seen`);
      setRefresh(refresh + 1);
    } catch (err) {
      setError(err as Error);
    }
  };
  return (
    <Show loaded={answer} what="the watchlist's changes">
      {(w) => (
        <div id="watch-changes">
          <h2>
            {w.name}: what changed since last seen, and what comes until {w.upcomingUntil.slice(0, 10)}
          </h2>
          <button type="button" onClick={seen}>
            Mark all seen
          </button>
          {error && <ErrorNote error={error} />}
          {w.items.map((it) => (
            <div key={`${it.code}-${it.origin}-${it.importer}`} class="watch-item">
              <h3>
                <a
                  href={href("duty", {
                    code: it.code,
                    origin: it.origin,
                    importer: it.importer === "US" ? undefined : it.importer,
                    value: it.value,
                    date: w.now.slice(0, 10),
                  })}
                >
                  <span class="code">{it.code}</span> from {it.origin}
                </a>{" "}
                <span class="note">
                  on {money(it.value)}
                  {it.valueGiven ? "" : " (no value given)"}, since {it.since}
                </span>
              </h3>
              {it.changes.length === 0 ? (
                <p class="note">No change since last seen.</p>
              ) : (
                <div class="scroll">
                  <table class="watch-changes">
                    <caption>Changed</caption>
                    <thead>
                      <tr>
                        <th scope="col">When</th>
                        <th scope="col">What</th>
                        <th scope="col">Before</th>
                        <th scope="col">After</th>
                        <th scope="col">Source</th>
                      </tr>
                    </thead>
                    <tbody>
                      {it.changes.map((c) => (
                        <tr key={`${c.instant}-${c.measure}-${c.kind}`}>
                          <td>{c.when}</td>
                          <td>
                            <span class="code">{c.heading}</span> {c.what}
                            {c.provisional && <span class="flag">provisional: {c.provisional}</span>}
                          </td>
                          <td class="num">{total(c.before)}</td>
                          <td class="num">{total(c.after)}</td>
                          <td>
                            <SourceLink url={c.url}>{c.citation}</SourceLink>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              {it.upcoming.length > 0 && (
                <ul class="items">
                  {it.upcoming.map((u) => (
                    <li key={`${u.instant}-${u.kind}-${u.summary}`}>
                      <time dateTime={u.instant}>{u.when}</time>{" "}
                      {!u.confirmed && <span class="flag">unconfirmed</span>}
                      {u.summary} {u.after && `→ ${total(u.after)}`}{" "}
                      <SourceLink url={u.url}>{u.citation}</SourceLink>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          ))}
        </div>
      )}
    </Show>
  );
}
