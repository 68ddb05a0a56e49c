/** The export controls in memory: instruments, controls with their dated statuses, the data horizon. */
import type { Instrument, Issuer } from "../law/model.js";
import type { UnconfirmedFact } from "../law/schema.js";
import type { ListId } from "../screening/list-entry.js";
import type { ControlAction, ControlStatus, ItemSpec } from "./schema.js";

export interface ControlInstrument extends Instrument {
  sources: readonly string[];
  note?: string;
}

/** One dated status of a control: from an instant (in the issuer's zone) on. */
export interface StatusStep {
  from: number;
  status: ControlStatus;
  /** A suspension: the instant the control is due to apply again. */
  until?: number;
  /** A later end only reported (no instrument): shown, never applied. */
  reportedUntil?: number;
  /** The instrument that set this status (a suspension is often another instrument's). */
  instrument: ControlInstrument;
  events: readonly string[];
  note?: string;
  unconfirmed: readonly UnconfirmedFact[];
  /** Set by a scenario: "scenario <id>" (the answer is then hypothetical). */
  hypothetical?: string;
}

export interface Threshold {
  elements: readonly string[];
  /** The threshold in parts per million of value (0.1% is 1000). */
  atLeastPpm: number;
  /** As the data writes it ("0.1"). */
  atLeastPercent: string;
  basis: string;
}

export interface Control {
  id: string;
  issuer: Issuer;
  /** The issuer's zone: every instant of the control is read in it. */
  zone: string;
  instrument: ControlInstrument;
  label: string;
  action: ControlAction;
  from: readonly string[];
  exceptFrom: readonly string[];
  to: readonly string[];
  exceptTo: readonly string[];
  origins: readonly string[];
  exceptOrigins: readonly string[];
  /** Its own items and those of the controls it names in `itemsOf`. */
  items: readonly ItemSpec[];
  threshold?: Threshold;
  partyLists: readonly ListId[];
  ownedByListed: boolean;
  endUses: readonly string[];
  endUsers: readonly string[];
  note?: string;
  unconfirmed: readonly UnconfirmedFact[];
  limits: readonly string[];
  /** Sorted by instant; before the first, the control does not apply. */
  steps: readonly StatusStep[];
}

export interface Controls {
  instruments: ReadonlyMap<string, ControlInstrument>;
  /** Sorted by issuer, then id. */
  controls: readonly Control[];
  byId: ReadonlyMap<string, Control>;
  /** How far each issuer's data is confirmed (data/horizon.yaml): the last local date and the instant after it. */
  horizon: Partial<Record<Issuer, { confirmedTo: string; end: number }>>;
}
