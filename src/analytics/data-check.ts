/**
 * The whole data check (`truce check`, next `GET /status` of the API): the law against the HTS and
 * the notes, China's 2018–2019 layers against Waugh's HS6 totals, the events, the scenarios and the
 * restricted-party list files (data/screening), the affiliates rule's dates (data/ownership), the
 * export controls (data/controls: their events, unconfirmed facts and the scenarios' control edits)
 * and how current the data is.
 */
import { join } from "node:path";
import { controlDataProblems } from "../controls/data-check.js";
import { checkLaw } from "../law/check.js";
import { loadEvents } from "../law/events.js";
import {
  defaultDataDir,
  loadLaterHeadings,
  loadNotesHeadingLists,
  loadNotInHts,
  loadRenumbered,
} from "../law/load.js";
import { applyScenario, loadScenarios } from "../law/scenario.js";
import { formatCode } from "../nomenclature/codes.js";
import { loadShippedLists } from "../screening/lists.js";
import { loadAffiliatesRule, OwnershipRuleError } from "../screening/ownership.js";
import type { Truce } from "../truce.js";
import { controlsOf } from "../truce-controls.js";
import { compareWithWaugh, readSchedule2019, readWaugh } from "./cn-waugh.js";

export interface DataCheck {
  /** One line saying what was checked. */
  summary: string;
  problems: string[];
}

export function checkData(t: Truce, dataDir: string = defaultDataDir()): DataCheck {
  const report = checkLaw(
    t.law,
    t.hts,
    loadNotInHts(dataDir),
    loadRenumbered(dataDir),
    loadLaterHeadings(dataDir),
    loadNotesHeadingLists(dataDir),
  );
  const problems = [...report.problems];
  const count = (what: string, load: () => { size: number } | unknown[]) => {
    try {
      const loaded = load();
      return `${Array.isArray(loaded) ? loaded.length : (loaded as { size: number }).size} ${what}`;
    } catch (e) {
      problems.push((e as Error).message);
      return `? ${what}`;
    }
  };
  // China's side, against M. Waugh's HS6 totals of 2018-2019: no layer missing silently, none extra.
  const cnDir = join(dataDir, "cn");
  const waugh = compareWithWaugh(t, readWaugh(cnDir), readSchedule2019(cnDir));
  for (const m of waugh.silentMisses)
    problems.push(
      `China ${formatCode(m.hs6)} on ${m.date}: Waugh's total rises ${m.waughIncrease} points; the engine neither applies nor warns of a layer`,
    );
  for (const m of waugh.extraIncreases)
    problems.push(
      `China ${formatCode(m.hs6)} on ${m.date}: every line rises ${m.engineIncrease} points, more than Waugh's ${m.waughIncrease}`,
    );
  const events = count("events", () => loadEvents(t.law));
  const lists = loadShippedLists(dataDir);
  problems.push(...lists.problems);
  try {
    loadAffiliatesRule(dataDir);
  } catch (e) {
    if (!(e instanceof OwnershipRuleError)) throw e;
    problems.push(e.message);
  }
  const scenarios = count("scenarios", () => {
    const all = loadScenarios(dataDir);
    for (const s of all.values()) applyScenario(t.law, s);
    return all;
  });
  const controls = count("export controls", () => {
    const loaded = controlsOf(t, dataDir);
    // `truce screen --ownership` reads the affiliates rule's dates from this control.
    if (!loaded.byId.has("us-affiliates-rule"))
      problems.push("data/controls: no control us-affiliates-rule (the affiliates rule's dated status)");
    const eventIds = new Set(loadEvents(t.law, dataDir).map((e) => e.id));
    problems.push(...controlDataProblems(loaded, eventIds, loadScenarios(dataDir).values()));
    return loaded.byId;
  });
  return {
    summary: `${t.law.instruments.size} instruments, ${t.law.measures.length} measures, ${report.checked.headings} heading references, ${report.checked.codes} product codes checked; China's HS6 totals compared with Waugh's 2018-2019 on ${Math.max(...waugh.compared)} HS6; ${events}, ${scenarios}, ${controls} loaded; ${lists.entries.length} restricted-party list entries checked`,
    problems,
  };
}

/** How current the data is: the law's horizon per importer and the latest HTS edition held. */
export function dataStatus(t: Truce) {
  const latest = t.hts.revisions[t.hts.revisions.length - 1];
  const horizon = { US: t.law.horizon.US, CN: t.law.horizon.CN };
  return {
    horizon: { US: horizon.US?.confirmedTo ?? null, CN: horizon.CN?.confirmedTo ?? null },
    hts: { latest: latest?.id ?? null, inForceFrom: latest?.effectiveDate ?? null },
    basis: { US: horizon.US?.basis ?? null, CN: horizon.CN?.basis ?? null },
    law: { instruments: t.law.instruments.size, measures: t.law.measures.length },
  };
}
