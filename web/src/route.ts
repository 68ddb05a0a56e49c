/**
 * Hash routes: `#/page/param?query`. The query is the page's state, so a link reproduces what the
 * page shows (`#/duty?code=8541.43.00.10&origin=CN&date=2025-11-01&value=10000`).
 */
import { useEffect, useState } from "preact/hooks";

export interface Route {
  page: string;
  /** The path segment after the page, decoded (a measure id). */
  param: string;
  query: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const text = hash.replace(/^#\/?/, "");
  const q = text.indexOf("?");
  const path = q < 0 ? text : text.slice(0, q);
  const [page = "", ...rest] = path.split("/");
  return {
    page: page || "wall",
    param: decodeURIComponent(rest.join("/")),
    query: new URLSearchParams(q < 0 ? "" : text.slice(q + 1)),
  };
}

/** The hash of a page with its query; empty values are left out. */
export function href(page: string, query: Record<string, string | string[] | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    for (const one of Array.isArray(v) ? v : [v]) if (one !== undefined && one !== "") params.append(k, one);
  }
  const text = params.toString();
  return `#/${page}${text ? `?${text}` : ""}`;
}

/** Puts a page's state in the URL without adding a history entry for each keystroke. */
export function replaceQuery(page: string, query: Record<string, string | string[] | undefined>): void {
  const next = href(page, query);
  if (location.hash === next) return;
  history.replaceState(null, "", next);
  dispatchEvent(new HashChangeEvent("hashchange"));
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(location.hash));
    addEventListener("hashchange", onChange);
    return () => removeEventListener("hashchange", onChange);
  }, []);
  return route;
}
