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
import {
  type Affiliate,
  type AffiliatesRule,
  affiliateNamed,
  findAffiliates,
  type ListedOwner,
  listedOwnersAt,
  loadAffiliatesRule,
  type OwnershipEdge,
} from "./screening/ownership.js";
import { createScreener, DEFAULT_THRESHOLD, type Screener, type ScreeningHit } from "./screening/screen.js";
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
  /**
   * With an ownership graph: the party as the affiliates rule finds it (null: not 50% or more owned
   * by listed parties), and the graph's owners found on the Entity List at the instant.
   */
  ownership?: { affiliate: Affiliate | null; listedOwners: ({ party: string } & ListedOwner)[] };
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

const rulesByTruce = new WeakMap<Truce, AffiliatesRule>();

/** The affiliates rule's threshold and reading (data/ownership); read once per Truce. */
function affiliatesRuleOf(truce: Truce, dataDir: string = defaultDataDir()): AffiliatesRule {
  let rule = rulesByTruce.get(truce);
  if (!rule) {
    rule = loadAffiliatesRule(dataDir);
    rulesByTruce.set(truce, rule);
  }
  return rule;
}

/**
 * May the item go (`truce control-check … --json`)? The query as a user writes it (throws
 * ControlQueryError naming the bad field); the party, screened against the lists at the query's
 * instant (its hits decide the listed-party controls); with an ownership graph, whether the party is
 * 50% or more owned by listed parties (the affiliates rule), found rather than stated; a scenario id
 * ("baseline": the data as it is) that may lift or reimpose suspensions. `screener` replaces the
 * shipped lists' (e.g. one that also holds the lists loaded into a store).
 */
export function controlCheck(
  truce: Truce,
  input: ControlQueryInput,
  options: {
    scenario?: string;
    party?: { name: string; country?: string; threshold?: number };
    ownership?: readonly OwnershipEdge[];
    screener?: Screener;
    dataDir?: string;
  } = {},
): ControlCheckJson {
  const scenario = options.scenario ?? BASELINE_ID;
  const query = parseControlQuery(input);
  const party = options.party;
  const screener = options.screener ?? screenerOf(truce, options.dataDir);
  const threshold = party?.threshold ?? DEFAULT_THRESHOLD;
  const hits = party
    ? screener.screen(
        { name: party.name, ...(party.country ? { country: party.country } : {}), at: query.at },
        { threshold },
      ).hits
    : [];
  let ownership: ControlCheckJson["ownership"];
  if (party && options.ownership) {
    const listed = listedOwnersAt(screener, options.ownership, query.at, threshold);
    const rule = affiliatesRuleOf(truce, options.dataDir);
    const affiliate = affiliateNamed(
      findAffiliates(options.ownership, listed, rule.thresholdPpm),
      party.name,
    );
    ownership = {
      affiliate: affiliate ?? null,
      listedOwners: [...listed].map(([owner, entry]) => ({ party: owner, ...entry })),
    };
  }
  const base = controlsOf(truce, options.dataDir);
  const controls =
    scenario === BASELINE_ID ? base : applyControlScenario(base, scenarioById(scenario, options.dataDir));
  const partyHits = [...(query.partyHits ?? []), ...hits];
  const ownedByListed = query.ownedByListed === true || (ownership?.affiliate ?? null) !== null;
  return {
    scenario,
    ...checkControls(controls, { ...query, partyHits, ...(ownedByListed ? { ownedByListed } : {}) }),
    screening: { hits },
    ...(ownership ? { ownership } : {}),
  };
}

export type { ControlAnswer, ControlLine } from "./controls/check.js";
export { ControlQueryError, type ControlQueryInput } from "./controls/query.js";
export { type Affiliate, type OwnershipEdge, parseOwnershipCsv } from "./screening/ownership.js";
