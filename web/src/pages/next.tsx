/**
 * What changes next: the coming deadlines (with the calendar feed) and the changes of the law in a
 * window around today, for one importer or both; for a kept portfolio, those that concern a measure
 * its lines pay or were considered for today; for a watchlist, its own changes and coming steps.
 */
import { type Loaded, query, today, useJson } from "../api.js";
import { ErrorNote, Show, SourceLink } from "../components.js";
import { addDays } from "../dates.js";
import { href, replaceQuery } from "../route.js";
import type { Change, Deadline, Duty, PortfolioList, WatchlistList } from "../types.js";
import { WatchChanges } from "./watchlists.js";

const IMPORTERS = [
  { value: "both", label: "Both sides" },
  { value: "US", label: "US measures" },
  { value: "CN", label: "China's measures" },
];

function MeasureLinks({ ids }: { ids: readonly string[] }) {
  return (
    <>
      {ids.map((id) => (
        <a key={id} class="measure-link" href={href(`measure/${encodeURIComponent(id)}`)}>
          {id}
        </a>
      ))}
    </>
  );
}

export function NextPage({ query: q }: { query: URLSearchParams }) {
  const now = today();
  const importer = IMPORTERS.some((i) => i.value === q.get("importer"))
    ? (q.get("importer") as string)
    : "both";
  const from = q.get("from") || addDays(now, -90);
  const to = q.get("to") || now;
  const portfolio = q.get("portfolio") ?? "";
  const watchlist = q.get("watchlist") ?? "";
  const state = {
    importer,
    from: q.get("from") ?? undefined,
    to: q.get("to") ?? undefined,
    portfolio: portfolio || undefined,
    watchlist: watchlist || undefined,
  };
  const set = (patch: Record<string, string | undefined>) =>
    replaceQuery("next", {
      ...state,
      ...patch,
      importer: (patch.importer ?? importer) === "both" ? undefined : (patch.importer ?? importer),
    });
  const measures = usePortfolioMeasures(portfolio, now);
  const keep = <T extends { measures: string[] }>(list: T[]): T[] => {
    if (!portfolio) return list;
    return measures.state === "done" ? list.filter((x) => x.measures.some((m) => measures.value.has(m))) : [];
  };
  const deadlines = useJson<Deadline[]>(`/v1/deadlines?${query({ from: now, importer })}`);
  const changes = useJson<Change[]>(`/v1/changes?${query({ from, to, importer })}`);
  const feed = `/v1/deadlines.ics${importer === "both" ? "" : `?importer=${importer}`}`;
  return (
    <section aria-labelledby="next-title">
      <h1 id="next-title">What changes next</h1>
      <form class="controls" onSubmit={(e) => e.preventDefault()}>
        <label>
          Whose measures
          <select
            name="importer"
            value={importer}
            onChange={(e) => set({ importer: (e.target as HTMLSelectElement).value })}
          >
            {IMPORTERS.map((i) => (
              <option key={i.value} value={i.value}>
                {i.label}
              </option>
            ))}
          </select>
        </label>
      </form>
      <Filter
        portfolio={portfolio}
        watchlist={watchlist}
        onChange={(f) => set({ portfolio: undefined, watchlist: undefined, ...f })}
      />
      {measures.state === "failed" && <ErrorNote error={measures.error} />}
      {watchlist ? (
        <WatchChanges id={watchlist} since={from} />
      ) : (
        <>
          <h2>Coming deadlines{portfolio ? " for the portfolio's lines" : ""}</h2>
          <p>
            <a href={feed} download="truce-deadlines.ics">
              Calendar feed (.ics)
            </a>{" "}
            — subscribe to it in a calendar to follow these dates.
          </p>
          <Show loaded={deadlines} what="the deadlines">
            {(all) => {
              const list = keep(all);
              return list.length === 0 ? (
                <p>No deadline after today in the data.</p>
              ) : (
                <ul class="items" id="deadlines">
                  {list.map((d) => (
                    <li key={d.uid}>
                      <time dateTime={d.instant}>{d.when}</time>
                      <span class={`badge ${d.side}`}>{d.side}</span>
                      {!d.confirmed && <span class="flag">unconfirmed</span>}
                      <p>{d.summary}</p>
                      {d.note && <p class="note">{d.note}</p>}
                      <p class="source">
                        <SourceLink url={d.url}>{d.citation}</SourceLink> <MeasureLinks ids={d.measures} />
                      </p>
                    </li>
                  ))}
                </ul>
              );
            }}
          </Show>
          <h2>Changes of the law{portfolio ? " for the portfolio's lines" : ""}</h2>
          <form class="controls" onSubmit={(e) => e.preventDefault()}>
            <label>
              From
              <input
                type="date"
                name="from"
                value={from}
                onChange={(e) => set({ from: (e.target as HTMLInputElement).value })}
              />
            </label>
            <label>
              To
              <input
                type="date"
                name="to"
                value={to}
                onChange={(e) => set({ to: (e.target as HTMLInputElement).value })}
              />
            </label>
          </form>
          <Show loaded={changes} what="the changes">
            {(all) => {
              const list = keep(all);
              return list.length === 0 ? (
                <p>No change in this window.</p>
              ) : (
                <ul class="items" id="changes">
                  {[...list].reverse().map((c) => (
                    <li key={`${c.instant}-${c.heading}-${c.kind}-${c.measures.join()}`}>
                      <time dateTime={c.instant}>{c.when}</time>
                      <span class={`badge ${c.issuer}`}>{c.issuer}</span>
                      {c.provisional && <span class="flag">provisional</span>}
                      <p>
                        <span class="code">{c.heading}</span> {c.label}: {c.what}
                      </p>
                      <p class="source">
                        <SourceLink url={c.url}>{c.citation}</SourceLink> <MeasureLinks ids={c.measures} />
                      </p>
                    </li>
                  ))}
                </ul>
              );
            }}
          </Show>
        </>
      )}
    </section>
  );
}

/**
 * The measures a kept portfolio's lines meet today (the layers they pay and the measures considered
 * for them), from the duties on its lines; none asked without a portfolio.
 */
function usePortfolioMeasures(portfolio: string, date: string): Loaded<Set<string>> {
  const duties = useJson<{ rows: { result?: Duty }[] }>(
    portfolio ? `/v1/portfolios/${encodeURIComponent(portfolio)}/duties?date=${date}` : null,
  );
  if (!portfolio) return { state: "loading" };
  if (duties.state !== "done") return duties;
  const ids = new Set<string>();
  for (const row of duties.value.rows) {
    for (const l of row.result?.layers ?? []) ids.add(l.measure);
    for (const n of row.result?.notApplied ?? []) ids.add(n.measure);
  }
  return { state: "done", value: ids };
}

/** The choice of a kept portfolio or watchlist to filter by (nothing offered without a store). */
function Filter({
  portfolio,
  watchlist,
  onChange,
}: {
  portfolio: string;
  watchlist: string;
  onChange: (f: { portfolio?: string; watchlist?: string }) => void;
}) {
  const portfolios = useJson<PortfolioList>("/v1/portfolios");
  const watchlists = useJson<WatchlistList>("/v1/watchlists");
  if (portfolios.state !== "done" && watchlists.state !== "done") return null;
  const value = portfolio ? `portfolio:${portfolio}` : watchlist ? `watchlist:${watchlist}` : "";
  return (
    <form class="controls" onSubmit={(e) => e.preventDefault()}>
      <label>
        For
        <select
          name="filter"
          value={value}
          onChange={(e) => {
            const [kind, id] = (e.target as HTMLSelectElement).value.split(":");
            onChange(
              kind === "portfolio" ? { portfolio: id } : kind === "watchlist" ? { watchlist: id } : {},
            );
          }}
        >
          <option value="">every line</option>
          {portfolios.state === "done" &&
            portfolios.value.portfolios.map((p) => (
              <option key={`p${p.id}`} value={`portfolio:${p.id}`}>
                portfolio {p.name}
              </option>
            ))}
          {watchlists.state === "done" &&
            watchlists.value.watchlists.map((w) => (
              <option key={`w${w.id}`} value={`watchlist:${w.id}`}>
                watchlist {w.name}
              </option>
            ))}
        </select>
      </label>
    </form>
  );
}
