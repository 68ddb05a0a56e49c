/**
 * Calls to the server's API. A refusal is an RFC 9457 problem (`detail`, the `field` at fault,
 * `suggestions`); it is thrown as an ApiError carrying them, so a page can say what is wrong.
 */
import { useEffect, useState } from "preact/hooks";

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly field?: string,
    readonly suggestions: readonly string[] = [],
  ) {
    super(message);
  }
}

async function failure(res: Response): Promise<ApiError> {
  const text = await res.text();
  try {
    const p = JSON.parse(text) as { detail?: string; title?: string; field?: string; suggestions?: string[] };
    return new ApiError(
      p.detail ?? p.title ?? `HTTP ${res.status}`,
      res.status,
      p.field,
      p.suggestions ?? [],
    );
  } catch {
    return new ApiError(`HTTP ${res.status} ${res.statusText}`, res.status);
  }
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(path, { headers: { accept: "application/json" }, signal: signal ?? null });
  if (!res.ok) throw await failure(res);
  return (await res.json()) as T;
}

export async function sendJson<T>(
  method: "POST" | "PUT" | "DELETE",
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(path, {
    method,
    headers: { accept: "application/json", "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw await failure(res);
  return (await res.json()) as T;
}

export type Loaded<T> =
  | { state: "loading" }
  | { state: "done"; value: T }
  | { state: "failed"; error: ApiError | Error };

/** The answer of a GET, fetched again when the path (or `refresh`) changes; `null` fetches nothing. */
export function useJson<T>(path: string | null, refresh = 0): Loaded<T> {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: "loading" });
  useEffect(() => {
    if (path === null) return;
    const abort = new AbortController();
    setLoaded({ state: "loading" });
    getJson<T>(path, abort.signal).then(
      (value) => setLoaded({ state: "done", value }),
      (error: Error) => {
        if (!abort.signal.aborted) setLoaded({ state: "failed", error });
      },
    );
    return () => abort.abort();
  }, [path, refresh]);
  return loaded;
}

/** A query string from parameters, empty ones left out. */
export function query(params: Record<string, string | undefined>): string {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") out.append(k, v);
  return out.toString();
}

/** Today's date in the browser's zone, YYYY-MM-DD. */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}
