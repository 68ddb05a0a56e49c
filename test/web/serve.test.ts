/**
 * How the server sends the dashboard (src/api/routes/web.ts): `/` is the built index.html,
 * revalidated by its ETag and limited by a Content-Security-Policy to the server's own files; the
 * hashed assets are cached for a year and sent gzipped when asked.
 */
import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/api/app.js";
import { loadTruce } from "../../src/truce.js";

let app: ReturnType<typeof createApp>;
beforeAll(() => {
  app = createApp(loadTruce());
});

describe("the dashboard's files", () => {
  it("serves index.html at / with its ETag, no-cache and a policy allowing only the server's own files", async () => {
    const res = await app.request("/");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-cache");
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    const html = await res.text();
    expect(html).toContain('<div id="app"></div>');
    // Everything the page loads is the server's own: no http(s) address in the page.
    expect(html).not.toMatch(/(src|href)="https?:/);
    const again = await app.request("/", { headers: { "if-none-match": res.headers.get("etag") ?? "" } });
    expect(again.status).toBe(304);
  });

  it("serves the hashed assets for a year, gzipped when the client accepts it", async () => {
    const html = await (await app.request("/")).text();
    const script = html.match(/src="(\/assets\/index-[\w-]+\.js)"/)?.[1];
    expect(script).toBeDefined();
    const plain = await app.request(script as string);
    expect(plain.status).toBe(200);
    expect(plain.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(plain.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const body = Buffer.from(await plain.arrayBuffer());
    const zipped = await app.request(script as string, { headers: { "accept-encoding": "gzip, br" } });
    expect(zipped.headers.get("content-encoding")).toBe("gzip");
    expect(gunzipSync(Buffer.from(await zipped.arrayBuffer())).equals(body)).toBe(true);
    expect((await app.request("/assets/nothing-here.js")).status).toBe(404);
  });
});
