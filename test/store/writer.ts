/**
 * A child process for test/store/crash.test.ts: commits a portfolio of COMMITTED_LINES lines, says
 * "committed", then writes a second one in one long transaction, says "writing" once many rows of
 * it are written (enough to spill to the write-ahead log) and goes on until it is killed.
 */
import { sql } from "kysely";
import { openStore } from "../../src/store/db.js";
import { savePortfolio } from "../../src/store/portfolios.js";

export const COMMITTED_LINES = 5000;
const BATCH = 500;

const dir = process.argv[2];
if (!dir) throw new Error("usage: writer.ts DIR");
const store = await openStore(dir);
const line = (i: number) => ({ code: "8541.43.00.10", origin: "CN", value: String(i + 1), fields: {} });
await savePortfolio(
  store,
  "committed",
  Array.from({ length: COMMITTED_LINES }, (_, i) => line(i)),
  Date.parse("2025-11-10T05:01:00Z"),
);
process.stdout.write("committed\n");
// A small page cache (100 pages), so that the long transaction spills its pages to the log before
// it commits, as a large one does: the kill then leaves uncommitted frames in the file.
await sql`pragma cache_size = 100`.execute(store.db);
await store.db.transaction().execute(async (trx) => {
  const { id } = await trx
    .insertInto("portfolios")
    .values({ name: "killed", created: "2025-11-10T05:02:00Z", line_count: 0 })
    .returning("id")
    .executeTakeFirstOrThrow();
  // Bounded, should the kill not come: 4 million rows.
  for (let b = 0; b < 8000; b++) {
    await trx
      .insertInto("portfolio_lines")
      .values(
        Array.from({ length: BATCH }, (_, k) => ({
          portfolio_id: id,
          position: b * BATCH + k + 1,
          code: "8541.43.00.10",
          origin: "CN",
          value: "1.00",
        })),
      )
      .execute();
    if (b === 200) process.stdout.write("writing\n");
  }
});
process.stdout.write("not killed\n");
await store.close();
