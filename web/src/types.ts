/**
 * The shapes of the API's answers, taken from the library's own definitions (type imports only:
 * nothing of the server is bundled), so the dashboard follows the contracts when they change.
 */
import type { AveragePoint } from "../../src/analytics/average.js";
import type { changeJson, deadlineJson, eventJson } from "../../src/analytics/timeline.js";
import type { Side, WatchAnswer as WatchAnswerOf } from "../../src/analytics/watch.js";
import type { DutyJson } from "../../src/entry/result.js";
import type { EventKind } from "../../src/law/events.js";
import type { InstrumentRef, MeasureHistory } from "../../src/law/history.js";
import type { ScenarioSpec } from "../../src/law/scenario.js";
import type { searchJson } from "../../src/nomenclature/search.js";
import type { LineError, PortfolioSummary } from "../../src/store/portfolios.js";
import type { WatchlistSummary } from "../../src/store/watchlists.js";

export type { EventKind };
export type Duty = DutyJson;
export type Layer = DutyJson["layers"][number];
export type NotApplied = DutyJson["notApplied"][number];
export type Change = ReturnType<typeof changeJson>;
export type Deadline = ReturnType<typeof deadlineJson>;
export type TimelineEvent = ReturnType<typeof eventJson>;
export type Scenario = Pick<ScenarioSpec, "id" | "title" | "description" | "sources">;

export interface Averages {
  points: AveragePoint[];
  metadata: {
    importer: "US" | "CN";
    origin: string;
    weights: string;
    weightsValue: number;
    unmappedValue: number;
    method: string[];
  };
}

/** A search hit of `GET /v1/search`. */
export type SearchHit = ReturnType<typeof searchJson>["results"][number];

/** `POST /v1/portfolios` (the store): the portfolio kept and the rows refused. */
export type PortfolioSaved = PortfolioSummary & { errors: LineError[] };

/** `GET /v1/portfolios`. */
export interface PortfolioList {
  portfolios: PortfolioSummary[];
}

/** The duty on a watched line at one side of a step. */
export type WatchSide = Side;

/** `GET /v1/watchlists/{id}/changes`. */
export type WatchAnswer = WatchAnswerOf & { id: number; name: string };

/** `GET /v1/watchlists`. */
export interface WatchlistList {
  watchlists: WatchlistSummary[];
}

export type { InstrumentRef, MeasureHistory };
