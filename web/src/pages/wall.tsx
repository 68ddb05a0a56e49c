/**
 * The wall: both directions' trade-weighted average tariffs from 2018 to today on one chart, the
 * timeline's events marked on it, the weights to average over, a scenario drawn over the law as it
 * is, and a stacked view of one direction by legal authority.
 */
import * as Plot from "@observablehq/plot";
import { useCallback, useMemo } from "preact/hooks";
import { type Loaded, query, today, useJson } from "../api.js";
import { day, PlotChart } from "../chart.js";
import { ErrorNote, Show, SourceLink } from "../components.js";
import { replaceQuery } from "../route.js";
import type { Averages, PortfolioList, Scenario, TimelineEvent } from "../types.js";

const FROM = "2018-01-01";
const DIRECTIONS = [
  { importer: "US", origin: "CN", name: "US tariffs on goods from China" },
  { importer: "CN", origin: "US", name: "China's tariffs on goods from the US" },
] as const;
type Importer = (typeof DIRECTIONS)[number]["importer"];
const WEIGHTS = [
  { value: "2024", label: "2024 trade" },
  { value: "2017", label: "2017 trade (before the trade war)" },
];

/** Tableau's 20 colours: the US side has more than 10 authorities, and a colour must not name two. */
const TWENTY_COLORS = [
  "#4e79a7",
  "#a0cbe8",
  "#f28e2b",
  "#ffbe7d",
  "#59a14f",
  "#8cd17d",
  "#b6992d",
  "#f1ce63",
  "#499894",
  "#86bcb6",
  "#e15759",
  "#ff9d9a",
  "#79706e",
  "#bab0ac",
  "#d37295",
  "#fabfd2",
  "#b07aa1",
  "#d4a6c8",
  "#9d7660",
  "#d7b5a6",
];

interface State {
  year: string;
  /** "portfolio:ID": a kept portfolio's values as the weights, instead of the year's trade. */
  weights: string;
  scenario: string;
  view: "lines" | "authority";
  importer: Importer;
}

function stateOf(q: URLSearchParams): State {
  const year = WEIGHTS.some((w) => w.value === q.get("year")) ? (q.get("year") as string) : "2024";
  return {
    year,
    weights: /^portfolio:\d+$/.test(q.get("weights") ?? "") ? (q.get("weights") as string) : "",
    scenario: q.get("scenario") ?? "",
    view: q.get("view") === "authority" ? "authority" : "lines",
    importer: q.get("importer") === "CN" ? "CN" : "US",
  };
}

function averagesPath(importer: Importer, s: State, scenario?: string): string {
  const weights = s.weights ? { weights: s.weights } : { year: s.year };
  return `/v1/averages?${query({ importer, from: FROM, to: today(), by: "authority", ...weights, scenario })}`;
}

/** The points of a series, with the last value carried to `to` so the step reaches today. */
function carried(points: Averages["points"], to: string): Averages["points"] {
  const last = points[points.length - 1];
  return last && last.date < to ? [...points, { ...last, date: to }] : points;
}

interface LinePoint {
  date: Date;
  average: number;
  series: string;
}

function lineRows(loaded: Loaded<Averages>, series: string, to: string): LinePoint[] {
  if (loaded.state !== "done") return [];
  return carried(loaded.value.points, to).map((p) => ({ date: day(p.date), average: p.average, series }));
}

export function WallPage({ query: q }: { query: URLSearchParams }) {
  const s = stateOf(q);
  const set = (patch: Partial<State>) => {
    const next = { ...s, ...patch };
    replaceQuery("wall", {
      year: next.year === "2024" || next.weights ? undefined : next.year,
      weights: next.weights,
      scenario: next.scenario,
      view: next.view === "lines" ? undefined : next.view,
      importer: next.importer === "US" ? undefined : next.importer,
    });
  };
  const to = today();
  // The small answers first: the server computes the averages one at a time, and the choices
  // (scenarios, portfolios) and the events should not wait for them.
  const events = useJson<TimelineEvent[]>(`/v1/timeline?${query({ from: FROM, to })}`);
  const scenarios = useJson<{ scenarios: Scenario[] }>("/v1/scenarios");
  const portfolios = useJson<PortfolioList>("/v1/portfolios");
  const ready = [events, scenarios, portfolios].every((l) => l.state !== "loading");
  const us = useJson<Averages>(ready ? averagesPath("US", s) : null);
  const cn = useJson<Averages>(ready ? averagesPath("CN", s) : null);
  const usScenario = useJson<Averages>(ready && s.scenario ? averagesPath("US", s, s.scenario) : null);
  const cnScenario = useJson<Averages>(ready && s.scenario ? averagesPath("CN", s, s.scenario) : null);
  const scenario =
    scenarios.state === "done" ? scenarios.value.scenarios.find((x) => x.id === s.scenario) : undefined;

  const lines = useMemo(() => {
    const rows = [...lineRows(us, "US on China", to), ...lineRows(cn, "China on the US", to)];
    const overlay = s.scenario
      ? [
          ...lineRows(usScenario, "US on China (scenario)", to),
          ...lineRows(cnScenario, "China on the US (scenario)", to),
        ]
      : [];
    return { rows, overlay };
  }, [us, cn, usScenario, cnScenario, s.scenario, to]);

  const eventMarks = events.state === "done" ? events.value : [];
  const makeLines = useCallback(
    (width: number) =>
      Plot.plot({
        width,
        height: Math.max(260, Math.min(440, width * 0.5)),
        marginLeft: 44,
        x: { type: "utc", label: null },
        y: { label: "Trade-weighted average tariff (%)", grid: true, zero: true },
        color: {
          legend: true,
          domain: [
            "US on China",
            "China on the US",
            "US on China (scenario)",
            "China on the US (scenario)",
          ].slice(0, lines.overlay.length > 0 ? 4 : 2),
          range: ["#c0392b", "#1f5fa8", "#e67e22", "#16a085"],
        },
        marks: [
          Plot.ruleX(eventMarks, {
            x: (e: TimelineEvent) => new Date(e.instant),
            stroke: "#888",
            strokeOpacity: 0.35,
            ariaDescription: "timeline events",
          }),
          Plot.line(lines.rows, {
            x: "date",
            y: "average",
            stroke: "series",
            curve: "step-after",
            strokeWidth: 2,
            ariaDescription: "averages",
          }),
          Plot.line(lines.overlay, {
            x: "date",
            y: "average",
            stroke: "series",
            curve: "step-after",
            strokeWidth: 2,
            strokeDasharray: "6,4",
            ariaDescription: "scenario averages",
          }),
          Plot.tip(
            eventMarks,
            Plot.pointerX({
              x: (e: TimelineEvent) => new Date(e.instant),
              frameAnchor: "top",
              title: (e: TimelineEvent) => `${e.date} · ${e.kind}\n${e.title}`,
            }),
          ),
        ],
      }),
    [lines, eventMarks],
  );

  const stacked = s.importer === "US" ? us : cn;
  const makeStack = useCallback(
    (width: number) => {
      const points = stacked.state === "done" ? carried(stacked.value.points, to) : [];
      const authorities = [...new Set(points.flatMap((p) => Object.keys(p.byAuthority ?? {})))];
      const rows = points.flatMap((p) =>
        authorities.map((a) => ({ date: day(p.date), authority: a, points: p.byAuthority?.[a] ?? 0 })),
      );
      return Plot.plot({
        width,
        height: Math.max(260, Math.min(440, width * 0.5)),
        marginLeft: 44,
        x: { type: "utc", label: null },
        y: { label: "Percentage points by authority", grid: true },
        color: { legend: true, type: "categorical", range: TWENTY_COLORS, domain: authorities },
        marks: [
          Plot.areaY(rows, {
            x: "date",
            y: "points",
            fill: "authority",
            curve: "step-after",
            ariaDescription: "by authority",
            tip: true,
          }),
          Plot.ruleY([0]),
        ],
      });
    },
    [stacked, to],
  );

  const failed = [us, cn, usScenario, cnScenario].find((l) => l.state === "failed");
  const loading = us.state === "loading" || cn.state === "loading";
  return (
    <section aria-labelledby="wall-title">
      <h1 id="wall-title">The wall: average tariffs both ways since 2018</h1>
      <form class="controls" onSubmit={(e) => e.preventDefault()}>
        <fieldset>
          <legend>Weights</legend>
          {WEIGHTS.map((w) => (
            <label key={w.value}>
              <input
                type="radio"
                name="year"
                value={w.value}
                checked={!s.weights && s.year === w.value}
                onChange={() => set({ year: w.value, weights: "" })}
              />
              {w.label}
            </label>
          ))}
          {portfolios.state === "done" &&
            portfolios.value.portfolios.map((p) => (
              <label key={p.id}>
                <input
                  type="radio"
                  name="year"
                  value={`portfolio:${p.id}`}
                  checked={s.weights === `portfolio:${p.id}`}
                  onChange={() => set({ weights: `portfolio:${p.id}` })}
                />
                portfolio {p.name}
              </label>
            ))}
        </fieldset>
        <label>
          Scenario overlay
          <select
            name="scenario"
            value={s.scenario}
            onChange={(e) => set({ scenario: (e.target as HTMLSelectElement).value })}
          >
            <option value="">none</option>
            {scenarios.state === "done" &&
              scenarios.value.scenarios
                .filter((x) => x.id !== "baseline")
                .map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.title}
                  </option>
                ))}
          </select>
        </label>
        <fieldset>
          <legend>View</legend>
          <label>
            <input
              type="radio"
              name="view"
              checked={s.view === "lines"}
              onChange={() => set({ view: "lines" })}
            />
            Both directions
          </label>
          <label>
            <input
              type="radio"
              name="view"
              checked={s.view === "authority"}
              onChange={() => set({ view: "authority" })}
            />
            Stacked by authority
          </label>
          {s.view === "authority" && (
            <label>
              Direction
              <select
                name="importer"
                value={s.importer}
                onChange={(e) => set({ importer: (e.target as HTMLSelectElement).value as Importer })}
              >
                {DIRECTIONS.map((d) => (
                  <option key={d.importer} value={d.importer}>
                    {d.name}
                  </option>
                ))}
              </select>
            </label>
          )}
        </fieldset>
      </form>
      {failed?.state === "failed" && <ErrorNote error={failed.error} />}
      {loading ? (
        <p class="loading" aria-live="polite">
          Computing the averages over every line of the weights (a few seconds the first time)…
        </p>
      ) : s.view === "lines" ? (
        <PlotChart make={makeLines} label="Average tariffs of both directions, with the timeline's events" />
      ) : (
        <PlotChart make={makeStack} label="Average tariff of one direction stacked by legal authority" />
      )}
      {s.scenario && (
        <p class="note" data-testid="scenario-note">
          Dashed: under the scenario “{scenario?.title ?? s.scenario}”
          {usScenario.state === "loading" || cnScenario.state === "loading" ? " (computing…)" : ""}.{" "}
          {scenario?.description}{" "}
          {scenario?.sources.map((url, i) => (
            <span key={url}>
              {" "}
              <SourceLink url={url}>[source {i + 1}]</SourceLink>
            </span>
          ))}
        </p>
      )}
      <Summary us={us} cn={cn} />
      <details>
        <summary>Events marked on the chart ({eventMarks.length})</summary>
        <Show loaded={events} what="the timeline">
          {(list) => (
            <ul class="events">
              {list.map((e) => (
                <li key={e.id}>
                  <time dateTime={e.date}>{e.date}</time> {e.kind}: {e.title}
                </li>
              ))}
            </ul>
          )}
        </Show>
      </details>
    </section>
  );
}

/** The latest value of each direction, and what the averages are taken over. */
function Summary({ us, cn }: { us: Loaded<Averages>; cn: Loaded<Averages> }) {
  const rows = DIRECTIONS.map((d, i) => ({ d, loaded: i === 0 ? us : cn }));
  return (
    <table class="summary">
      <caption>Latest values and the weights they are taken over</caption>
      <thead>
        <tr>
          <th scope="col">Direction</th>
          <th scope="col">Since</th>
          <th scope="col">Average</th>
          <th scope="col">Coverage</th>
          <th scope="col">Weights</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ d, loaded }) => {
          if (loaded.state !== "done")
            return (
              <tr key={d.importer}>
                <th scope="row">{d.name}</th>
                <td colSpan={4}>{loaded.state === "loading" ? "…" : "failed"}</td>
              </tr>
            );
          const last = loaded.value.points[loaded.value.points.length - 1];
          return (
            <tr key={d.importer}>
              <th scope="row">{d.name}</th>
              <td>{last?.date}</td>
              <td>{last ? `${last.average.toFixed(2)}%` : ""}</td>
              <td>{last ? `${last.coverage.toFixed(1)}%` : ""}</td>
              <td>{loaded.value.metadata.weights}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
