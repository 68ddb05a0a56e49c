/**
 * `truce serve` / `npm start`: loads the law, then listens on PORT (default 8080) and HOST (default
 * 127.0.0.1) and prints its address. `/healthz` answers 200 from the first request on, since the
 * law is loaded before the socket opens.
 */
import type { AddressInfo } from "node:net";
import { serve as listen, type ServerType } from "@hono/node-server";
import { loadTruce, type Truce } from "../truce.js";
import { type AppOptions, createApp } from "./app.js";

export interface ServeOptions {
  port?: number;
  host?: string;
  truce?: Truce;
  /** Limits of the app (body sizes). */
  app?: AppOptions;
}

export interface Serving {
  server: ServerType;
  /** e.g. http://127.0.0.1:8080 */
  url: string;
  close(): Promise<void>;
}

/** The port of PORT, or the default; refuses a value that is not a port number. */
export function portOf(text: string | undefined, fallback = 8080): number {
  if (text === undefined || text === "") return fallback;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new Error(`PORT "${text}" is not a port number (0-65535)`);
  return port;
}

export function startServer(options: ServeOptions = {}): Promise<Serving> {
  const truce = options.truce ?? loadTruce();
  const app = createApp(truce, options.app);
  const host = options.host ?? "127.0.0.1";
  return new Promise((resolve, reject) => {
    const server = listen(
      { fetch: app.fetch, port: options.port ?? 8080, hostname: host },
      (info: AddressInfo) => {
        const shown = info.family === "IPv6" ? `[${info.address}]` : info.address;
        resolve({
          server,
          url: `http://${shown}:${info.port}`,
          close: () => new Promise((done) => server.close(() => done())),
        });
      },
    );
    server.once("error", reject);
  });
}

/** The `serve` command: environment in, address out; ends cleanly on SIGINT and SIGTERM. */
export async function serve(): Promise<void> {
  const serving = await startServer({
    port: portOf(process.env.PORT),
    host: process.env.HOST || "127.0.0.1",
  });
  process.stdout.write(`truce: serving on ${serving.url} (reference: ${serving.url}/docs)\n`);
  const stop = () => {
    void serving.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
