/** The dashboard: a header with the pages, and the page of the URL's hash. */
import { render } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { DutyPage } from "./pages/duty.js";
import { MeasurePage } from "./pages/measure.js";
import { NextPage } from "./pages/next.js";
import { PortfoliosPage } from "./pages/portfolios.js";
import { ReviewPage } from "./pages/review.js";
import { TimelinePage } from "./pages/timeline.js";
import { WatchlistsPage } from "./pages/watchlists.js";
import { type Route, useRoute } from "./route.js";
import "./style.css";

const PAGES: { page: string; title: string }[] = [
  { page: "wall", title: "The wall" },
  { page: "duty", title: "Duty calculator" },
  { page: "next", title: "What changes next" },
  { page: "timeline", title: "Negotiations" },
  { page: "portfolios", title: "Portfolios" },
  { page: "watchlists", title: "Watchlists" },
  { page: "review", title: "News review" },
];

/** The wall's module (with the chart library, most of the code) is loaded apart, so other pages open sooner. */
let wallModule: Promise<typeof import("./pages/wall.js")> | undefined;

function Wall({ query }: { query: URLSearchParams }) {
  const [page, setPage] = useState<typeof import("./pages/wall.js") | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    wallModule ??= import("./pages/wall.js");
    wallModule.then(setPage, () => setFailed(true));
  }, []);
  if (failed)
    return (
      <p class="error" role="alert">
        The chart's code could not be loaded from the server; reload the page.
      </p>
    );
  if (!page) return <p class="loading">Loading the chart…</p>;
  return <page.WallPage query={query} />;
}

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case "duty":
      return <DutyPage query={route.query} />;
    case "next":
      return <NextPage query={route.query} />;
    case "timeline":
      return <TimelinePage query={route.query} />;
    case "measure":
      return <MeasurePage id={route.param} />;
    case "portfolios":
      return <PortfoliosPage />;
    case "watchlists":
      return <WatchlistsPage query={route.query} />;
    case "review":
      return <ReviewPage />;
    case "wall":
      return <Wall query={route.query} />;
    default:
      return (
        <p class="error" role="alert">
          No page “{route.page}”. <a href="#/wall">Go to the wall</a>.
        </p>
      );
  }
}

function App() {
  const route = useRoute();
  const main = useRef<HTMLElement>(null);
  // A new page takes the focus, so a keyboard or screen reader user lands on it.
  useEffect(() => {
    main.current?.focus({ preventScroll: true });
    const title = PAGES.find((p) => p.page === route.page)?.title;
    document.title = title ? `${title} · Truce` : "Truce";
  }, [route.page, route.param]);
  return (
    <>
      <button type="button" class="skip" onClick={() => main.current?.focus()}>
        Skip to content
      </button>
      <header>
        <a class="brand" href="#/wall">
          Truce
        </a>
        <nav aria-label="Pages">
          <ul>
            {PAGES.map((p) => (
              <li key={p.page}>
                <a href={`#/${p.page}`} aria-current={route.page === p.page ? "page" : undefined}>
                  {p.title}
                </a>
              </li>
            ))}
            <li>
              <a href="/docs">API</a>
            </li>
          </ul>
        </nav>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        <Page route={route} />
      </main>
      <footer>
        Every rate, list and date cites its source; layers resting on facts below primary grade are marked
        provisional. <a href="/v1/status">Data status</a>
      </footer>
    </>
  );
}

render(<App />, document.getElementById("app") as HTMLElement);
