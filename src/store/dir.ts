/**
 * Where the store keeps its file: a `--data-dir` flag where a command takes one, else the
 * TRUCE_DATA_DIR environment variable, else `truce` under the user's data directory
 * ($XDG_DATA_HOME, default ~/.local/share). Read here, in the doors' reach, never in pure code.
 */
import { homedir } from "node:os";
import { join, resolve } from "node:path";

/** The store's directory for a flag's value (may be undefined) and an environment. */
export function storeDir(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (flag !== undefined && flag !== "") return resolve(flag);
  if (env.TRUCE_DATA_DIR) return resolve(env.TRUCE_DATA_DIR);
  const dataHome = env.XDG_DATA_HOME || join(homedir(), ".local", "share");
  return join(dataHome, "truce");
}

/** The name of the SQLite file in the store's directory. */
export const STORE_FILE = "truce.sqlite";
