/** Runs the built `truce` command as users call it (npm test builds it first). */
import { spawnSync } from "node:child_process";

export function truce(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ["dist/src/cli/main.js", ...args], { encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
