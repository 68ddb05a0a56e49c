/**
 * A page per measure: its dated values and their sources. From `GET /v1/measures/{id}/history`
 * where the server has it; otherwise from the law's changes that name the measure since 2018, with
 * the timeline's events linked to it.
 */
import { isMissingEndpoint, query, today, useJson } from "../api.js";
import { Show, SourceLink } from "../components.js";
import { addDays } from "../dates.js";
import type { Change, TimelineEvent } from "../types.js";

const FROM = "2018-01-01";

export function MeasurePage({ id }: { id: string }) {
  const history = useJson<unknown>(`/v1/measures/${encodeURIComponent(id)}/history`);
  const missing = history.state === "failed" && isMissingEndpoint(history.error);
  const changes = useJson<Change[]>(
    missing ? `/v1/changes?${query({ from: FROM, to: addDays(today(), 3650) })}` : null,
  );
  const events = useJson<TimelineEvent[]>(`/v1/timeline?${query({ measure: id })}`);
  return (
    <section aria-labelledby="measure-title">
      <h1 id="measure-title">
        Measure <span class="code">{id}</span>
      </h1>
      {missing ? (
        <Show loaded={changes} what="the measure's dated values">
          {(all) => <DatedChanges list={all.filter((c) => c.measures.includes(id))} />}
        </Show>
      ) : (
        <Show loaded={history} what="the measure's history">
          {(h) => <pre class="json">{JSON.stringify(h, null, 2)}</pre>}
        </Show>
      )}
      <h2>Events linked to it</h2>
      <Show loaded={events} what="the events">
        {(list) =>
          list.length === 0 ? (
            <p>No event of the timeline names this measure.</p>
          ) : (
            <ul class="items">
              {list.map((e) => (
                <li key={e.id}>
                  <time dateTime={e.instant}>{e.date}</time> <span class="badge">{e.kind}</span> {e.title}{" "}
                  {e.sources.map((s, i) => (
                    <span key={s.url}>
                      <SourceLink url={s.url}>[{i + 1}]</SourceLink>{" "}
                    </span>
                  ))}
                </li>
              ))}
            </ul>
          )
        }
      </Show>
    </section>
  );
}

function DatedChanges({ list }: { list: Change[] }) {
  if (list.length === 0) return <p>The law data has no dated change for this measure since {FROM}.</p>;
  const first = list[0] as Change;
  return (
    <>
      <p>
        {first.label} <span class="authority">{first.authority}</span>
      </p>
      <div class="scroll">
        <table id="dated-values">
          <caption>Dated values</caption>
          <thead>
            <tr>
              <th scope="col">From</th>
              <th scope="col">Heading</th>
              <th scope="col">What</th>
              <th scope="col">Rate</th>
              <th scope="col">Status</th>
              <th scope="col">Source</th>
            </tr>
          </thead>
          <tbody>
            {list.map((c) => (
              <tr
                key={`${c.instant}-${c.heading}-${c.kind}`}
                class={c.provisional ? "provisional" : undefined}
              >
                <td>
                  <time dateTime={c.instant}>{c.when}</time>
                </td>
                <td class="code">{c.heading}</td>
                <td>
                  {c.what}
                  {c.provisional && <span class="flag">provisional: {c.provisional}</span>}
                  {c.note && <span class="note"> {c.note}</span>}
                </td>
                <td>{c.rate ?? ""}</td>
                <td>{c.status ?? c.kind}</td>
                <td>
                  <SourceLink url={c.url}>{c.citation}</SourceLink> <span class="grade">grade {c.grade}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
