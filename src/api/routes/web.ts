/**
 * The dashboard at `/`: the files vite built from `web/` into the package's `dist/web/`, read once
 * when the app is made and kept in memory (with a gzip copy). The page's scripts and styles have
 * content-hashed names under `/assets/`, so they are cached for a year; `index.html` is revalidated
 * by its ETag. The page may load nothing but this server's own files (Content-Security-Policy).
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, extname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import type { Context } from "hono";
import type { ApiApp } from "../http.js";
import { ApiProblem } from "../problem.js";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};

/** Only the server's own files: no CDN, no outside font, no outside request from the page. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // Observable Plot writes a <style> element and style attributes into each chart.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const HASHED_MAX_AGE = "public, max-age=31536000, immutable";

interface WebFile {
  body: Buffer;
  gzipped: Buffer | null;
  type: string;
  etag: string;
  cacheControl: string;
}

/** The built dashboard: `dist/web/` of the package this module is part of (from src/ or from dist/src/). */
export function webDistDir(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, "dist", "web");
    if (existsSync(join(candidate, "index.html"))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/** Every built file by its URL path ("/" for index.html). */
function readBuilt(root: string): Map<string, WebFile> {
  const out = new Map<string, WebFile>();
  for (const file of filesUnder(root)) {
    const path = `/${relative(root, file).split(sep).join("/")}`;
    const body = readFileSync(file);
    const type = TYPES[extname(file)] ?? "application/octet-stream";
    const compressible = /^text\/|svg|json/.test(type) && body.length > 1024;
    out.set(path === "/index.html" ? "/" : path, {
      body,
      gzipped: compressible ? gzipSync(body, { level: 9 }) : null,
      type,
      etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"`,
      cacheControl: path.startsWith("/assets/") ? HASHED_MAX_AGE : "no-cache",
    });
  }
  return out;
}

function send(c: Context, file: WebFile): Response {
  const headers: Record<string, string> = {
    "content-type": file.type,
    "cache-control": file.cacheControl,
    etag: file.etag,
    vary: "accept-encoding",
    "x-content-type-options": "nosniff",
  };
  if (file.type.startsWith("text/html")) {
    headers["content-security-policy"] = CONTENT_SECURITY_POLICY;
    headers["referrer-policy"] = "no-referrer";
  }
  if (
    c.req
      .header("if-none-match")
      ?.split(/\s*,\s*/)
      .includes(file.etag)
  )
    return c.body(null, 304, headers);
  if (file.gzipped && /\bgzip\b/.test(c.req.header("accept-encoding") ?? "")) {
    headers["content-encoding"] = "gzip";
    return c.body(new Uint8Array(file.gzipped), 200, headers);
  }
  return c.body(new Uint8Array(file.body), 200, headers);
}

export function addWebRoutes(app: ApiApp): void {
  const root = webDistDir();
  const files = root ? readBuilt(root) : new Map<string, WebFile>();
  if (!files.has("/"))
    app.get("/", () => {
      throw new ApiProblem(
        "not-found",
        "the dashboard is not built: run `npm run build` (it writes dist/web/)",
      );
    });
  for (const [path, file] of files) app.get(path, (c) => send(c, file));
}
