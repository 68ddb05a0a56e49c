/** Wires the law, the nomenclature and the engine together: the library's entry point. */
import { Engine } from "./engine/duty.js";
import { defaultDataDir, loadLaw } from "./law/load.js";
import type { Law } from "./law/model.js";
import { usBaseRates } from "./nomenclature/base-rates.js";
import { type Hts, loadHts } from "./nomenclature/hts.js";

export interface Truce {
  law: Law;
  hts: Hts;
  engine: Engine;
}

export function loadTruce(dataDir: string = defaultDataDir()): Truce {
  const law = loadLaw({ dataDir });
  const hts = loadHts(`${dataDir}/hts`);
  const engine = new Engine(law, { US: usBaseRates(hts) });
  return { law, hts, engine };
}
