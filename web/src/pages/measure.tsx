/**
 * A page per measure: its dated values across instruments, exemptions and in-transit rules, each
 * with its source (`GET /v1/measures/{id}/history`), and the timeline's events linked to it.
 */
import { query, useJson } from "../api.js";
import { Show, SourceLink } from "../components.js";
import { href } from "../route.js";
import type { InstrumentRef, MeasureHistory, TimelineEvent } from "../types.js";

export function MeasurePage({ id }: { id: string }) {
  const history = useJson<MeasureHistory>(`/v1/measures/${encodeURIComponent(id)}/history`);
  const events = useJson<TimelineEvent[]>(`/v1/timeline?${query({ measure: id })}`);
  return (
    <section aria-labelledby="measure-title">
      <h1 id="measure-title">
        Measure <span class="code">{id}</span>
      </h1>
      <Show loaded={history} what="the measure's history">
        {(h) => <History h={h} />}
      </Show>
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

function Instrument({ i }: { i: InstrumentRef }) {
  return (
    <>
      <SourceLink url={i.url}>{i.citation}</SourceLink> <span class="grade">grade {i.grade}</span>
    </>
  );
}

function History({ h }: { h: MeasureHistory }) {
  return (
    <>
      <p>
        {h.title} <span class="authority">{h.authority}</span>
      </p>
      <p class="note">
        {h.importer === "US" ? "United States" : "China"} · heading <span class="code">{h.heading}</span> ·
        origins {h.origins.join(", ")} · times in {h.zone} · created by <Instrument i={h.createdBy} />
        {h.replacedBy.length > 0 && (
          <>
            {" "}
            · replaced on the lines they cover by{" "}
            {h.replacedBy.map((r) => (
              <a key={r} class="measure-link" href={href(`measure/${encodeURIComponent(r)}`)}>
                {r}
              </a>
            ))}
          </>
        )}
      </p>
      <div class="scroll">
        <table id="dated-values">
          <caption>Dated values</caption>
          <thead>
            <tr>
              <th scope="col">From</th>
              <th scope="col">Until</th>
              <th scope="col">Heading</th>
              <th scope="col">Rate</th>
              <th scope="col">Status</th>
              <th scope="col">Source</th>
            </tr>
          </thead>
          <tbody>
            {h.history.map((v) => (
              <tr key={v.fromInstant} class={v.provisional ? "provisional" : undefined}>
                <td>
                  <time dateTime={v.fromInstant}>{v.from}</time>
                </td>
                <td>{v.to ?? "—"}</td>
                <td class="code">{v.heading}</td>
                <td>
                  {v.rate ?? ""} <span class="note">{v.what}</span>
                  {v.provisional && <span class="flag">provisional: {v.provisional}</span>}
                  {v.note && <span class="note"> {v.note}</span>}
                </td>
                <td>{v.status}</td>
                <td>
                  <Instrument i={v.instrument} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {h.exemptions.length > 0 && (
        <div class="scroll">
          <table>
            <caption>Exemptions</caption>
            <thead>
              <tr>
                <th scope="col">Heading or claim</th>
                <th scope="col">Why</th>
                <th scope="col">From</th>
                <th scope="col">Until</th>
                <th scope="col">Source</th>
              </tr>
            </thead>
            <tbody>
              {h.exemptions.map((e) => (
                <tr key={`${e.heading}-${e.claim}-${e.from}-${e.reason}`}>
                  <td class="code">{e.claim ?? e.heading ?? ""}</td>
                  <td>{e.reason}</td>
                  <td>{e.from ?? ""}</td>
                  <td>{e.until ?? ""}</td>
                  <td>
                    <Instrument i={e.instrument} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {h.inTransit.length > 0 && (
        <div class="scroll">
          <table>
            <caption>In transit</caption>
            <thead>
              <tr>
                <th scope="col">Loaded before</th>
                <th scope="col">Entered before</th>
                <th scope="col">Modes</th>
                <th scope="col">Rate instead</th>
                <th scope="col">Source</th>
              </tr>
            </thead>
            <tbody>
              {h.inTransit.map((t) => (
                <tr key={`${t.loadedBefore}-${t.enteredBefore}-${t.heading}`}>
                  <td>{t.loadedBefore}</td>
                  <td>{t.enteredBefore}</td>
                  <td>{t.modes?.join(", ") ?? "any"}</td>
                  <td>{t.rate ?? "not applied"}</td>
                  <td>
                    <Instrument i={t.instrument} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
