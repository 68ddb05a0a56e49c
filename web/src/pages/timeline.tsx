/** The negotiation timeline: rounds, summits, calls, announcements, threats, deadlines, rulings. */
import { query, useJson } from "../api.js";
import { Show, SourceLink } from "../components.js";
import { href, replaceQuery } from "../route.js";
import type { EventKind, TimelineEvent } from "../types.js";

/** Every kind of event (the type makes this list follow the library's). */
const KIND_LABELS: Record<EventKind, string> = {
  round: "negotiation rounds",
  summit: "summits",
  call: "calls",
  announcement: "announcements",
  threat: "threats",
  deadline: "deadlines",
  court: "court rulings",
};
const KINDS = Object.keys(KIND_LABELS) as EventKind[];

export function TimelinePage({ query: q }: { query: URLSearchParams }) {
  const kinds = KINDS.filter((k) => (q.get("kind") ?? "").split(",").includes(k));
  const events = useJson<TimelineEvent[]>(`/v1/timeline?${query({ kind: kinds.join(",") })}`);
  const toggle = (kind: EventKind) => {
    const next = kinds.includes(kind) ? kinds.filter((k) => k !== kind) : [...kinds, kind];
    replaceQuery("timeline", { kind: next.join(",") });
  };
  return (
    <section aria-labelledby="timeline-title">
      <h1 id="timeline-title">The negotiations</h1>
      <fieldset class="controls">
        <legend>Kinds shown (none ticked: all)</legend>
        {KINDS.map((k) => (
          <label key={k}>
            <input type="checkbox" checked={kinds.includes(k)} onChange={() => toggle(k)} /> {KIND_LABELS[k]}
          </label>
        ))}
      </fieldset>
      <Show loaded={events} what="the timeline">
        {(list) => (
          <ol class="items" id="timeline">
            {[...list].reverse().map((e) => (
              <li key={e.id}>
                <time dateTime={e.instant}>
                  {e.date}
                  {e.time ? ` ${e.time}` : ""}
                  {e.until ? ` – ${e.until}` : ""}
                </time>
                <span class="badge">{e.kind}</span>
                {!e.confirmed && <span class="flag">unconfirmed</span>}
                <h2>{e.title}</h2>
                {e.place && <p class="note">{e.place}</p>}
                <p>{e.outcome}</p>
                {e.participants.length > 0 && (
                  <p class="note">{e.participants.map((p) => `${p.name} (${p.office})`).join(", ")}</p>
                )}
                <p class="source">
                  {e.sources.map((s, i) => (
                    <span key={s.url}>
                      <SourceLink url={s.url}>
                        source {i + 1} ({s.grade})
                      </SourceLink>{" "}
                    </span>
                  ))}
                  {e.measures.map((id) => (
                    <a key={id} class="measure-link" href={href(`measure/${encodeURIComponent(id)}`)}>
                      {id}
                    </a>
                  ))}
                </p>
              </li>
            ))}
          </ol>
        )}
      </Show>
    </section>
  );
}
