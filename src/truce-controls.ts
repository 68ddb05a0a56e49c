/**
 * The library's export controls and screening (`truce/controls`): the controls of data/controls and
 * the screener of the shipped restricted-party lists, loaded once per Truce, and `controlCheck`.
 * Apart from src/truce.ts so that a duty alone does not load them (their schemas cost start-up).
 */
import { type ControlAnswer, checkControls } from "./controls/check.js";
import { loadControls } from "./controls/load.js";
import type { Controls } from "./controls/model.js";
import { type ControlQueryInput, parseControlQuery } from "./controls/query.js";
import { applyControlScenario } from "./controls/scenario.js";
import { defaultDataDir } from "./law/load.js";
import { BASELINE_ID, scenarioById } from "./law/scenario.js";
import { loadShippedLists } from "./screening/lists.js";
import { createScreener, type Screener, type ScreeningHit } from "./screening/screen.js";
import type { Truce } from "./truce.js";

const controlsByTruce = new WeakMap<Truce, Controls>();

/** The export controls of data/controls, with the law's horizon; loaded once per Truce. */
export function controlsOf(truce: Truce, dataDir: string = defaultDataDir()): Controls {
  let controls = controlsByTruce.get(truce);
  if (!controls) {
    controls = loadControls(dataDir, truce.law.horizon);
    controlsByTruce.set(truce, controls);
  }
  return controls;
}

export interface ControlCheckJson extends ControlAnswer {
  scenario: string;
  screening: { hits: readonly ScreeningHit[] };
}

const screenerByTruce = new WeakMap<Truce, Screener>();

/** The screener over the restricted-party lists shipped in data/screening; built once per Truce. */
export function screenerOf(truce: Truce, dataDir: string = defaultDataDir()): Screener {
  let screener = screenerByTruce.get(truce);
  if (!screener) {
    screener = createScreener(loadShippedLists(dataDir).entries);
    screenerByTruce.set(truce, screener);
  }
  return screener;
}

/**
 * May the item go (`truce control-check … --json`)? The query as a user writes it (throws
 * ControlQueryError naming the bad field); the party, screened against the lists at the query's
 * instant (its hits decide the listed-party controls); a scenario id ("baseline": the data as it
 * is) that may lift or reimpose suspensions.
 */
export function controlCheck(
  truce: Truce,
  input: ControlQueryInput,
  options: {
    scenario?: string;
    party?: { name: string; country?: string; threshold?: number };
    dataDir?: string;
  } = {},
): ControlCheckJson {
  const scenario = options.scenario ?? BASELINE_ID;
  const query = parseControlQuery(input);
  const party = options.party;
  const hits = party
    ? screenerOf(truce, options.dataDir).screen(
        { name: party.name, ...(party.country ? { country: party.country } : {}), at: query.at },
        party.threshold === undefined ? {} : { threshold: party.threshold },
      ).hits
    : [];
  const base = controlsOf(truce, options.dataDir);
  const controls =
    scenario === BASELINE_ID ? base : applyControlScenario(base, scenarioById(scenario, options.dataDir));
  const partyHits = [...(query.partyHits ?? []), ...hits];
  return { scenario, ...checkControls(controls, { ...query, partyHits }), screening: { hits } };
}

export type { ControlAnswer, ControlLine } from "./controls/check.js";
export { ControlQueryError, type ControlQueryInput } from "./controls/query.js";
