/**
 * Start-up: run in a fresh process, prints as JSON the time to import the library and to
 * `loadTruce()` (law, nomenclature, engine). `node dist/bench/startup.js`.
 */
const t0 = performance.now();
const { loadTruce } = await import("../src/truce.js");
const t1 = performance.now();
const t = loadTruce();
const t2 = performance.now();
process.stdout.write(
  `${JSON.stringify({
    importMs: t1 - t0,
    loadMs: t2 - t1,
    totalMs: t2 - t0,
    /** Since the process started (Node's own start-up included). */
    sinceProcessStartMs: performance.now(),
    measures: t.law.measures.length,
    revisions: t.hts.revisions.length,
  })}\n`,
);
