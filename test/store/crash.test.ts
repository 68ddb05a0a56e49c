/**
 * A process killed (SIGKILL) in the middle of a long write transaction: the file opens afterwards,
 * what was committed before is all there, and the killed transaction left nothing, though it had
 * written to the write-ahead log.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { openStore } from "../../src/store/db.js";
import { STORE_FILE } from "../../src/store/dir.js";
import { listPortfolios } from "../../src/store/portfolios.js";

describe("a crash in the middle of a write", () => {
  it("loses nothing committed and keeps nothing of the transaction killed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "truce-crash-test-"));
    const child = spawn(process.execPath, ["--import", "tsx", join("test", "store", "writer.ts"), dir], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    let walBytes = 0;
    const exit = new Promise<NodeJS.Signals | null>((resolve) =>
      child.once("exit", (_code, signal) => resolve(signal)),
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes("writing\n")) {
          walBytes = statSync(join(dir, `${STORE_FILE}-wal`)).size;
          child.kill("SIGKILL");
          resolve();
        }
      });
      child.once("exit", () => reject(new Error(`the writer ended before it was killed: ${out}`)));
    });
    expect(await exit).toBe("SIGKILL");
    expect(out).toBe("committed\nwriting\n");
    // The open transaction had spilled pages to the log (more than the commit of 5,000 lines needs).
    expect(walBytes).toBeGreaterThan(4_000_000);

    const store = await openStore(dir);
    try {
      const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(store.db);
      expect(check.rows).toEqual([{ integrity_check: "ok" }]);
      expect((await listPortfolios(store)).map((p) => [p.name, p.lines])).toEqual([["committed", 5000]]);
      const lines = await store.db
        .selectFrom("portfolio_lines")
        .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.max("position").as("last")])
        .executeTakeFirstOrThrow();
      expect([Number(lines.n), lines.last]).toEqual([5000, 5000]);
    } finally {
      await store.close();
    }
  }, 120_000);
});
