/**
 * What changes next: the coming deadlines (with the calendar feed) and the changes of the law in a
 * window around today, for one importer or both.
 */
import { query, today, useJson } from "../api.js";
import { Show, SourceLink } from "../components.js";
import { addDays } from "../dates.js";
import { href, replaceQuery } from "../route.js";
import type { Change, Deadline } from "../types.js";

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
  const state = { importer, from: q.get("from") ?? undefined, to: q.get("to") ?? undefined };
  const set = (patch: Record<string, string>) =>
    replaceQuery("next", {
      ...state,
      ...patch,
      importer: (patch.importer ?? importer) === "both" ? undefined : (patch.importer ?? importer),
    });
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
      <h2>Coming deadlines</h2>
      <p>
        <a href={feed} download="truce-deadlines.ics">
          Calendar feed (.ics)
        </a>{" "}
        — subscribe to it in a calendar to follow these dates.
      </p>
      <Show loaded={deadlines} what="the deadlines">
        {(list) =>
          list.length === 0 ? (
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
          )
        }
      </Show>
      <h2>Changes of the law</h2>
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
        {(list) =>
          list.length === 0 ? (
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
          )
        }
      </Show>
    </section>
  );
}
