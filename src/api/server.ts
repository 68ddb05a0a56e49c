/**
 * `truce serve` / `npm start`: loads the law, then listens on PORT (default 8080) and HOST (default
 * 127.0.0.1) and prints its address. `/healthz` answers 200 from the first request on, since the
 * law is loaded before the socket opens.
 */
import type { AddressInfo } from "node:net";
import { serve as listen, type ServerType } from "@hono/node-server";
import { openStore, type Store } from "../store/db.js";
import { storeDir } from "../store/dir.js";
import { loadTruce, type Truce } from "../truce.js";
import { type AppOptions, createApp } from "./app.js";

export interface ServeOptions {
  port?: number;
  host?: string;
  truce?: Truce;
  /** The store's directory (default: TRUCE_DATA_DIR, else the user's data directory; see `storeDir`). */
  dataDir?: string;
  /** Limits of the app (body sizes). */
  app?: Omit<AppOptions, "store">;
}

export interface Serving {
  server: ServerType;
  /** e.g. http://127.0.0.1:8080 */
  url: string;
  store: Store;
  /** Builds what the first requests of a kind would otherwise wait for (the search indexes). */
  warm(): Promise<void>;
  close(): Promise<void>;
}

/** The port of PORT, or the default; refuses a value that is not a port number. */
export function portOf(text: string | undefined, fallback = 8080): number {
  if (text === undefined || text === "") return fallback;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new Error(`PORT "${text}" is not a port number (0-65535)`);
  return port;
}

/** Loads the law, opens (creating and migrating) the store, then listens. */
export async function startServer(options: ServeOptions = {}): Promise<Serving> {
  const truce = options.truce ?? loadTruce();
  const store = await openStore(storeDir(options.dataDir));
  const app = createApp(truce, { ...options.app, store });
  const host = options.host ?? "127.0.0.1";
  return new Promise((resolve, reject) => {
    const server = listen(
      { fetch: app.fetch, port: options.port ?? 8080, hostname: host },
      (info: AddressInfo) => {
        const shown = info.family === "IPv6" ? `[${info.address}]` : info.address;
        resolve({
          server,
          url: `http://${shown}:${info.port}`,
          store,
          warm: async () => {
            // Through the app itself, so that what is built is what the routes use.
            for (const nomenclature of ["hts", "hs"])
              await app.request(`/v1/search?q=0&nomenclature=${nomenclature}`);
          },
          close: () => new Promise<void>((done) => server.close(() => done())).then(() => store.close()),
        });
      },
    );
    server.once("error", (e) => {
      void store.close();
      reject(e);
    });
  });
}

/** The `serve` command: environment in, address out; ends cleanly on SIGINT and SIGTERM. */
export async function serve(options: { dataDir?: string } = {}): Promise<void> {
  const serving = await startServer({
    port: portOf(process.env.PORT),
    host: process.env.HOST || "127.0.0.1",
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
  });
  process.stdout.write(
    `truce: serving on ${serving.url} (reference: ${serving.url}/docs; store: ${serving.store.file})\n`,
  );
  // Answers start at once; the search indexes (a few seconds of work) are built just after.
  setImmediate(() => void serving.warm());
  const stop = () => {
    void serving.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
