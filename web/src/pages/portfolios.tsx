/**
 * Portfolios: a CSV of lines (code, origin, value, and any optional entry column but the date)
 * kept by the server (`POST /v1/portfolios`), uploaded with progress; the duties on every line on a
 * date downloaded as CSV; a portfolio's lines as the wall's weights and as the filter of what
 * changes next. Also a file of dated entries priced once (`POST /v1/batch`) and downloaded.
 */
import { useEffect, useState } from "preact/hooks";
import { ApiError, today, useJson } from "../api.js";
import { ErrorNote, Show } from "../components.js";
import { href } from "../route.js";
import type { PortfolioList, PortfolioSaved } from "../types.js";
import { type Progress, upload } from "../upload.js";

function ProgressBar({ progress }: { progress: Progress }) {
  const label = { sending: "Sending", computing: "Computing", receiving: "Receiving" }[progress.phase];
  return (
    <p aria-live="polite">
      <label>
        {label}…{" "}
        <progress class="upload-progress" max={1} value={progress.fraction ?? undefined}>
          {progress.fraction === null ? "" : `${Math.round(progress.fraction * 100)}%`}
        </progress>
      </label>
    </p>
  );
}

/** A download made from an answer: an object URL that lives as long as it is shown. */
interface Download {
  name: string;
  url: string;
  rows: string;
  errors: string;
  value: string;
  duty: string;
}

function useDownload(): [Download | null, (d: Download | null) => void] {
  const [download, setDownload] = useState<Download | null>(null);
  useEffect(() => () => download && URL.revokeObjectURL(download.url), [download]);
  return [download, setDownload];
}

function DownloadSummary({ d, id }: { d: Download; id: string }) {
  return (
    <div class="answer" id={id}>
      <p>
        <strong data-testid={`${id}-rows`}>{d.rows}</strong> rows,{" "}
        <strong data-testid={`${id}-errors`}>{d.errors}</strong> with errors; value ${d.value}, duty{" "}
        <strong data-testid={`${id}-duty`}>${d.duty}</strong>.
      </p>
      <p>
        <a href={d.url} download={d.name}>
          Download the duties ({d.name.endsWith(".jsonl") ? "JSON lines" : "CSV"})
        </a>
      </p>
    </div>
  );
}

/** Sends a body (or only asks) with progress; the answer as a download with the batch's totals. */
async function priced(
  method: "POST" | "GET",
  url: string,
  body: Blob | null,
  headers: Record<string, string>,
  name: string,
  onProgress: (p: Progress) => void,
): Promise<Download> {
  const answer = await upload(method, url, body, headers, onProgress);
  const header = (n: string) => answer.headers(n) ?? "";
  return {
    name,
    url: URL.createObjectURL(answer.body),
    rows: header("truce-rows"),
    errors: header("truce-errors"),
    value: header("truce-value"),
    duty: header("truce-duty"),
  };
}

/**
 * A batch priced once: streamed, so its totals come after its rows (trailers a browser cannot read);
 * asked as JSON lines ending with the `{"totals": …}` line, the same file `truce duty --input …
 * --json --output` writes.
 */
async function pricedOnce(file: File, onProgress: (p: Progress) => void): Promise<Download> {
  const answer = await upload(
    "POST",
    "/v1/batch?output=jsonl&totals=true",
    file,
    { "content-type": "text/csv" },
    onProgress,
  );
  const lines = (await answer.body.text()).trimEnd().split("\n");
  const last = JSON.parse(lines[lines.length - 1] ?? "{}") as {
    totals?: { rows: number; errors: number; value: string; duty: { amount: string } };
  };
  if (!last.totals) throw new ApiError("the answer ended without its totals line", 0);
  return {
    name: `${file.name.replace(/\.csv$/i, "")}-duties.jsonl`,
    url: URL.createObjectURL(answer.body),
    rows: String(last.totals.rows),
    errors: String(last.totals.errors),
    value: last.totals.value,
    duty: last.totals.duty.amount,
  };
}

export function PortfoliosPage() {
  const [reload, setReload] = useState(0);
  const list = useJson<PortfolioList>("/v1/portfolios", reload);
  return (
    <section aria-labelledby="portfolios-title">
      <h1 id="portfolios-title">Portfolios</h1>
      <KeepPortfolio onKept={() => setReload(reload + 1)} />
      <h2>Portfolios kept</h2>
      <Show loaded={list} what="the portfolios">
        {(l) =>
          l.portfolios.length === 0 ? (
            <p>None yet.</p>
          ) : (
            <ul class="items" id="portfolios">
              {l.portfolios.map((p) => (
                <PortfolioItem key={p.id} p={p} />
              ))}
            </ul>
          )
        }
      </Show>
      <PriceOnce />
    </section>
  );
}

function KeepPortfolio({ onKept }: { onKept: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState("");
  const [progress, setProgress] = useState<Progress | null>(null);
  const [saved, setSaved] = useState<PortfolioSaved | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!file) return;
    setError(null);
    setSaved(null);
    setProgress({ phase: "sending", fraction: 0 });
    try {
      const answer = await upload(
        "POST",
        `/v1/portfolios?name=${encodeURIComponent(name || file.name.replace(/\.csv$/i, ""))}`,
        file,
        { "content-type": "text/csv", accept: "application/json" },
        setProgress,
      );
      setSaved(JSON.parse(await answer.body.text()) as PortfolioSaved);
      onKept();
    } catch (err) {
      setError(err as Error);
    } finally {
      setProgress(null);
    }
  };
  return (
    <>
      <form class="entry" onSubmit={submit} aria-labelledby="keep-title">
        <h2 id="keep-title">Keep a portfolio</h2>
        <p>
          A CSV with a header row: <code>code,origin,value</code>, and any optional entry column but the date
          (<code>importer</code>, <code>steel_value</code>, <code>claims</code> …). Rows that are not valid
          entries are reported and not kept.
        </p>
        <div class="grid">
          <label>
            Name
            <input name="name" value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
          </label>
          <label>
            Portfolio file (CSV)
            <input
              type="file"
              name="portfolio"
              accept=".csv,text/csv"
              required
              onChange={(e) => setFile((e.target as HTMLInputElement).files?.[0] ?? null)}
            />
          </label>
        </div>
        <button type="submit" disabled={!file || progress !== null}>
          Upload and keep
        </button>
      </form>
      {progress && <ProgressBar progress={progress} />}
      {error && <ErrorNote error={error} />}
      {saved && (
        <div class="answer" id="portfolio-saved">
          <p>
            Kept “{saved.name}”: <strong data-testid="portfolio-lines">{saved.lines}</strong> lines,{" "}
            <strong data-testid="portfolio-refused">{saved.errors.length}</strong> refused.
          </p>
          {saved.errors.length > 0 && (
            <table>
              <caption>Rows refused</caption>
              <thead>
                <tr>
                  <th scope="col">Line</th>
                  <th scope="col">Field</th>
                  <th scope="col">What is wrong</th>
                </tr>
              </thead>
              <tbody>
                {saved.errors.map((e) => (
                  <tr key={`${e.line}-${e.field}`}>
                    <td>{e.line}</td>
                    <td>{e.field}</td>
                    <td>{e.detail}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </>
  );
}

function PortfolioItem({ p }: { p: PortfolioList["portfolios"][number] }) {
  const [date, setDate] = useState(today());
  const [progress, setProgress] = useState<Progress | null>(null);
  const [download, setDownload] = useDownload();
  const [error, setError] = useState<Error | null>(null);
  const duties = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setDownload(null);
    try {
      setDownload(
        await priced(
          "GET",
          `/v1/portfolios/${p.id}/duties?date=${encodeURIComponent(date)}`,
          null,
          { accept: "text/csv" },
          `${p.name.replace(/[^\w.-]+/g, "-")}-${date}.csv`,
          setProgress,
        ),
      );
    } catch (err) {
      setError(err as Error);
    } finally {
      setProgress(null);
    }
  };
  return (
    <li>
      <h3>{p.name}</h3>
      <p class="note">
        {p.lines} lines, kept {p.created}.{" "}
        <a href={href("wall", { weights: `portfolio:${p.id}` })}>Its average on the wall</a> ·{" "}
        <a href={href("next", { portfolio: String(p.id) })}>What changes next for it</a>
      </p>
      <form class="controls" onSubmit={duties}>
        <label>
          Duties on
          <input
            type="date"
            name="date"
            required
            value={date}
            onInput={(e) => setDate((e.target as HTMLInputElement).value)}
          />
        </label>
        <button type="submit" disabled={progress !== null}>
          Price the lines
        </button>
      </form>
      {progress && <ProgressBar progress={progress} />}
      {error && <ErrorNote error={error} />}
      {download && <DownloadSummary d={download} id={`portfolio-${p.id}-duties`} />}
    </li>
  );
}

function PriceOnce() {
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [download, setDownload] = useDownload();
  const [error, setError] = useState<Error | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!file) return;
    setError(null);
    setDownload(null);
    try {
      setDownload(await pricedOnce(file, setProgress));
    } catch (err) {
      setError(err as Error);
    } finally {
      setProgress(null);
    }
  };
  return (
    <>
      <form class="entry" onSubmit={submit} aria-labelledby="once-title">
        <h2 id="once-title">Price a file of entries once</h2>
        <p>
          A CSV with a header row: <code>code,origin,date,value</code>, and any optional entry column (see{" "}
          <a href="/docs">the API reference</a>). Every row gets its duty or the error naming its field;
          nothing is kept. The answer is JSON lines, one a row, ending with the totals (a kept portfolio
          downloads as CSV).
        </p>
        <label>
          Entries file (CSV)
          <input
            type="file"
            name="entries"
            accept=".csv,text/csv"
            required
            onChange={(e) => setFile((e.target as HTMLInputElement).files?.[0] ?? null)}
          />
        </label>
        <button type="submit" disabled={!file || progress !== null}>
          Upload and price
        </button>
      </form>
      {progress && <ProgressBar progress={progress} />}
      {error && <ErrorNote error={error} />}
      {download && <DownloadSummary d={download} id="batch-result" />}
    </>
  );
}
