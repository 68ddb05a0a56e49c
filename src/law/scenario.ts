/**
 * Scenarios: small files of edits to the law ("what if the threatened 100% had been carried out?"),
 * under data/scenarios/, validated at load. `applyScenario` turns the law and a scenario into a new
 * law, which an ordinary Engine then answers from; the baseline is the empty scenario.
 *
 * Edits, applied in the order written (except `disable`, applied last):
 * - `enable: <measure>`: the measure's threatened and proposed values become final;
 * - `disable: { authority }`: every measure of the authority contributes nothing (its values end);
 * - `set: { measure, from, rate, heading?, status?, note? }`: a dated value (wall time in the issuer's
 *   zone) replacing any value of the measure at the same instant;
 * - `drop: { measure, from }`: removes the measure's value from that instant;
 * - `add: { issuer?, measure: <measure spec as in data/law>, values: [...] }`: a new measure.
 * Values a scenario creates or switches on are flagged as hypothetical on the layers they produce.
 */
import { existsSync, readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { z } from "zod";
import { formatInZone, zonedInstant } from "../units/time.js";
import {
  buildMeasure,
  buildValue,
  byPriorityThenId,
  defaultDataDir,
  type ListReader,
  listReaders,
  measureProblems,
  settleMeasure,
  valueSpecProblem,
} from "./load.js";
import type { DatedValue, Instrument, Issuer, Law, Measure } from "./model.js";
import { Registry, suggest } from "./registry.js";
import { heading, instrumentFile, localTime, type MeasureSpec, STATUSES, type ValueSpec } from "./schema.js";
import { readYamlFile } from "./yaml-files.js";

const id = z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, "expected a lower-case id like threat-100-cn");

/** The id of the empty scenario: the law as data/law states it. */
export const BASELINE_ID = "baseline";

const measureSpec = instrumentFile.shape.measures.unwrap().element;
const valueSpec = instrumentFile.shape.values.unwrap().element;

const EDITS = {
  enable: id,
  disable: z.strictObject({ authority: id }),
  set: z.strictObject({
    measure: id,
    from: localTime,
    rate: z
      .string()
      .regex(/^\d+(\.\d{1,4})?%$/, 'expected an ad valorem rate like "25%"')
      .optional(),
    heading: heading.optional(),
    status: z.enum(STATUSES).default("final"),
    note: z.string().optional(),
  }),
  drop: z.strictObject({ measure: id, from: localTime }),
  add: z.strictObject({
    issuer: z.enum(["US", "CN"]).default("US"),
    measure: measureSpec,
    values: z.array(valueSpec.partial({ measure: true })).min(1),
  }),
} as const;

type EditKind = keyof typeof EDITS;
const EDIT_KINDS = Object.keys(EDITS) as EditKind[];

export type ValueEdit = Omit<ValueSpec, "measure">;
export type ScenarioEdit =
  | { enable: string }
  | { disable: { authority: string } }
  | { set: ValueEdit & { measure: string } }
  | { drop: { measure: string; from: string } }
  | { add: { issuer: Issuer; measure: MeasureSpec; values: (ValueEdit & { measure?: string })[] } };

/** One edit: an object with exactly one of the keys enable, disable, set, drop, add. */
const edit = z.record(z.string(), z.unknown()).transform((raw, ctx): ScenarioEdit => {
  const keys = Object.keys(raw);
  const kind = keys[0] as EditKind | undefined;
  if (keys.length !== 1 || kind === undefined || !EDIT_KINDS.includes(kind)) {
    ctx.addIssue({
      code: "custom",
      message: `expected exactly one of ${EDIT_KINDS.join(", ")} (got ${keys.join(", ") || "nothing"})`,
    });
    return z.NEVER;
  }
  const parsed = EDITS[kind].safeParse(raw[kind]);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const keysOf = issue.code === "unrecognized_keys" ? ` (${issue.keys.join(", ")})` : "";
      ctx.addIssue({ code: "custom", message: `${issue.message}${keysOf}`, path: [kind, ...issue.path] });
    }
    return z.NEVER;
  }
  return { [kind]: parsed.data } as ScenarioEdit;
});

export const scenarioFile = z.strictObject({
  id: id.refine((s) => s !== BASELINE_ID, `"${BASELINE_ID}" is the empty scenario and cannot be redefined`),
  title: z.string().min(3),
  description: z.string().min(10),
  /** Where the facts the scenario rests on come from. */
  sources: z.array(z.url()).min(1),
  edits: z.array(edit),
  /**
   * Dated statuses of export controls (data/controls): lift or reimpose a suspension. Checked and
   * applied by src/controls/scenario.ts (a status such as "in-force" or "suspended", `until` for a suspension).
   */
  controls: z
    .array(
      z.strictObject({
        control: id,
        from: localTime,
        status: z.string().min(3),
        until: localTime.optional(),
        note: z.string().optional(),
      }),
    )
    .optional(),
});

export type ScenarioSpec = z.output<typeof scenarioFile> & {
  /** The file it was read from, relative to the data directory (named in error messages). */
  file?: string;
};

/** The empty scenario. */
export const BASELINE: ScenarioSpec = Object.freeze({
  id: BASELINE_ID,
  title: "Baseline: the law as data/law states it",
  description: "No edits: every measure as enacted, threats and proposals not applied.",
  sources: [],
  edits: [],
});

export class ScenarioError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.length === 1 ? `${problems[0]}` : `the scenario is invalid:\n  ${problems.join("\n  ")}`);
  }
}

/** Validates a parsed scenario document; `file` names it in the errors. Throws ScenarioError. */
export function parseScenario(raw: unknown, file: string): ScenarioSpec {
  const parsed = scenarioFile.safeParse(raw);
  if (!parsed.success) {
    throw new ScenarioError(
      parsed.error.issues.map((i) => `${file}: ${i.path.join(".") || "(file)"}: ${i.message}`),
    );
  }
  return { ...parsed.data, file };
}

/** Reads and validates one scenario file; `file` (default: its name) names it in errors. */
export function readScenarioFile(path: string, file: string = basename(path)): ScenarioSpec {
  const problems: string[] = [];
  // A shipped file's parse is kept in the cache, as the law's are (see yaml-files.ts).
  const data = readYamlFile(path, file, scenarioFile, problems);
  if (data === undefined) throw new ScenarioError(problems);
  return { ...data, file };
}

const loaded = new Map<string, ReadonlyMap<string, ScenarioSpec>>();
/** Shipped scenario files read, by path: one spec object per file, whether read alone or with all. */
const readFiles = new Map<string, ScenarioSpec>();

function readShipped(path: string, file: string): ScenarioSpec {
  let spec = readFiles.get(path);
  if (spec === undefined) {
    spec = readScenarioFile(path, file);
    readFiles.set(path, spec);
  }
  return spec;
}

/**
 * Every scenario of data/scenarios (cached per data directory), the baseline first, then by id. A
 * file's id must be its name. Throws ScenarioError listing every problem found.
 */
export function loadScenarios(dataDir: string = defaultDataDir()): ReadonlyMap<string, ScenarioSpec> {
  const known = loaded.get(dataDir);
  if (known) return known;
  const dir = join(dataDir, "scenarios");
  const out = new Map<string, ScenarioSpec>([[BASELINE_ID, BASELINE]]);
  const problems: string[] = [];
  const names = existsSync(dir) ? readdirSync(dir).filter((n) => /\.ya?ml$/.test(n)) : [];
  const specs: ScenarioSpec[] = [];
  for (const name of names.sort()) {
    const file = `scenarios/${name}`;
    try {
      const spec = readShipped(join(dir, name), file);
      const stem = name.replace(/\.ya?ml$/, "");
      if (spec.id !== stem) problems.push(`${file}: id: "${spec.id}" must be the file's name ("${stem}")`);
      else specs.push(spec);
    } catch (e) {
      if (e instanceof ScenarioError) problems.push(...e.problems);
      else throw e;
    }
  }
  if (problems.length > 0) throw new ScenarioError(problems);
  for (const s of specs.sort((a, b) => a.id.localeCompare(b.id))) out.set(s.id, s);
  loaded.set(dataDir, out);
  return out;
}

/** A scenario by id ("baseline": the empty one). Throws ScenarioError naming the known ones. */
export function scenarioById(scenarioId: string, dataDir: string = defaultDataDir()): ScenarioSpec {
  if (!loaded.has(dataDir)) {
    const alone = validFileOf(scenarioId, dataDir);
    if (alone !== undefined) return alone;
  }
  const all = loadScenarios(dataDir);
  const s = all.get(scenarioId);
  if (!s)
    throw new ScenarioError([`unknown scenario "${scenarioId}" (known: ${[...all.keys()].join(", ")})`]);
  return s;
}

/**
 * The scenario of the one file named after the id (of the ids `loadScenarios` would give), read
 * alone: a comparison does not pay for validating every scenario. Undefined where that is not the
 * case (no such file, two, an invalid one, another id inside): `loadScenarios` then says why.
 */
function validFileOf(scenarioId: string, dataDir: string): ScenarioSpec | undefined {
  if (!id.safeParse(scenarioId).success) return undefined;
  const dir = join(dataDir, "scenarios");
  const names = [`${scenarioId}.yaml`, `${scenarioId}.yml`].filter((n) => existsSync(join(dir, n)));
  if (names.length !== 1) return undefined;
  const name = names[0] as string;
  try {
    const spec = readShipped(join(dir, name), `scenarios/${name}`);
    return spec.id === scenarioId ? spec : undefined;
  } catch (e) {
    if (e instanceof ScenarioError) return undefined;
    throw e;
  }
}

/** A short description of an edit, e.g. "set ieepa-reciprocal-cn from 2025-11-10 00:01: 34% (9903.01.63)". */
export function describeEdit(e: ScenarioEdit): string {
  if ("enable" in e) return `enable ${e.enable} (threatened/proposed values become final)`;
  if ("disable" in e) return `disable authority ${e.disable.authority}`;
  if ("set" in e) {
    const s = e.set;
    const what = [s.rate, s.status !== "final" ? s.status : undefined].filter(Boolean).join(", ");
    return `set ${s.measure} from ${s.from}: ${what}${s.heading ? ` (${s.heading})` : ""}`;
  }
  if ("drop" in e) return `drop the value of ${e.drop.measure} from ${e.drop.from}`;
  return `add measure ${e.add.measure.id} (${e.add.issuer}, ${e.add.measure.authority}), ${e.add.values.length} value(s)`;
}

export interface ApplyOptions {
  /**
   * The data directory: product lists of `add` edits are read from its lists/ (and, for scenarios
   * given by id, the files from its scenarios/). Default: the repository's data directory.
   */
  dataDir?: string;
}

function cloneMeasure(m: Measure): Measure {
  return {
    ...m,
    values: m.values.map((v) => ({ ...v })),
    exemptions: [...m.exemptions],
    inTransit: [...m.inTransit],
  };
}

/**
 * The law as the scenario changes it: a new Law (the given one is not changed; measures the scenario
 * does not touch are shared). Values are re-sorted and headings re-filled as the loader does. Edits
 * naming unknown measures or authorities, or leaving a measure inconsistent, are rejected with the
 * scenario's file and the edit's field. Throws ScenarioError listing every problem.
 */
export function applyScenario(law: Law, scenario: ScenarioSpec, options: ApplyOptions = {}): Law {
  const where = scenario.file ?? `scenario ${scenario.id}`;
  const problems: string[] = [];
  const byId = new Map(law.byId);
  const touched = new Map<string, Measure>();
  const instruments = new Map(law.instruments);
  const own: Partial<Record<Issuer, Instrument>> = {};
  const hypothetical = `hypothetical: scenario ${scenario.id} (${scenario.title})`;

  /** The instrument of what the scenario itself states, per issuer. */
  const instrumentOf = (issuer: Issuer): Instrument => {
    let ins = own[issuer];
    if (!ins) {
      ins = {
        id: `scenario-${scenario.id}-${issuer.toLowerCase()}`,
        issuer,
        kind: "other",
        title: scenario.title,
        citation: `Scenario ${scenario.id} (hypothetical): ${scenario.title}`,
        url: scenario.sources[0] ?? "",
        grade: "W",
        file: scenario.file ?? `scenario ${scenario.id}`,
      };
      own[issuer] = ins;
      instruments.set(ins.id, ins);
    }
    return ins;
  };
  const registry = new Registry(law.byId);
  const measure = (measureId: string, field: string): Measure | undefined => {
    let m = touched.get(measureId);
    if (m) return m;
    const base = byId.get(measureId);
    if (!base) {
      problems.push(`${where}: ${field}: unknown measure ${measureId}${suggest(measureId, byId.keys())}`);
      return undefined;
    }
    m = cloneMeasure(base);
    touched.set(measureId, m);
    byId.set(measureId, m);
    return m;
  };
  const instantIn = (m: Measure, local: string, field: string): number | undefined => {
    try {
      return zonedInstant(local, m.zone);
    } catch (e) {
      problems.push(`${where}: ${field}: ${(e as Error).message}`);
      return undefined;
    }
  };
  let lists: Record<Issuer, ListReader> | undefined;
  const disables: { authority: string; field: string }[] = [];

  for (const [i, e] of scenario.edits.entries()) {
    const at = `edits.${i}`;
    if ("enable" in e) {
      const m = measure(e.enable, `${at}.enable`);
      if (!m) continue;
      let enabled = 0;
      m.values = m.values.map((v) => {
        if (v.status !== "threatened" && v.status !== "proposed") return v;
        enabled++;
        if (v.ppm === null) {
          problems.push(
            `${where}: ${at}.enable: the ${v.status} value of ${m.id} from ${formatInZone(v.from, m.zone)} has no rate`,
          );
        }
        return { ...v, status: "final", provisional: hypothetical };
      });
      if (enabled === 0)
        problems.push(
          `${where}: ${at}.enable: measure ${m.id} has no threatened or proposed value to enable`,
        );
    } else if ("disable" in e) {
      disables.push({ authority: e.disable.authority, field: `${at}.disable.authority` });
    } else if ("set" in e) {
      const m = measure(e.set.measure, `${at}.set.measure`);
      if (!m) continue;
      const problem = valueSpecProblem(e.set);
      if (problem !== undefined) {
        problems.push(`${where}: ${at}.set: ${problem}`);
        continue;
      }
      const from = instantIn(m, e.set.from, `${at}.set.from`);
      if (from === undefined) continue;
      const headings = registry.headingsOf(m);
      if (e.set.heading !== undefined && !headings.has(e.set.heading)) {
        problems.push(
          `${where}: ${at}.set.heading: ${e.set.heading} is not a heading of ${m.id} (${[...headings].join(", ") || "it has none"}); a new heading is a new measure (add)`,
        );
        continue;
      }
      const value = { ...buildValue(e.set, m, instrumentOf(m.issuer)), provisional: hypothetical };
      m.values = m.values.filter((v) => v.from !== from);
      m.values.push(value);
    } else if ("drop" in e) {
      const m = measure(e.drop.measure, `${at}.drop.measure`);
      if (!m) continue;
      const from = instantIn(m, e.drop.from, `${at}.drop.from`);
      if (from === undefined) continue;
      const kept = m.values.filter((v) => v.from !== from);
      if (kept.length === m.values.length) {
        problems.push(
          `${where}: ${at}.drop.from: measure ${m.id} has no value from ${e.drop.from}; its values start at ${m.values
            .map((v) => formatInZone(v.from, m.zone))
            .join(", ")}`,
        );
        continue;
      }
      m.values = kept;
    } else {
      const spec = e.add.measure;
      const field = `${at}.add.measure.id`;
      if (byId.has(spec.id)) {
        problems.push(
          `${where}: ${field}: measure ${spec.id} exists already (${byId.get(spec.id)?.instrument.file})`,
        );
        continue;
      }
      const unregistered = registry.measureSpecProblems(spec, `${where}: ${at}.add.measure`);
      if (unregistered.length > 0) {
        problems.push(...unregistered);
        continue;
      }
      lists ??= listReaders(options.dataDir ?? defaultDataDir());
      const instrument = instrumentOf(e.add.issuer);
      let m: Measure;
      try {
        m = buildMeasure(spec, instrument, lists[e.add.issuer]);
      } catch (err) {
        problems.push(`${where}: ${at}.add.measure: ${(err as Error).message}`);
        continue;
      }
      for (const [j, v] of e.add.values.entries()) {
        if (v.measure !== undefined && v.measure !== spec.id) {
          problems.push(
            `${where}: ${at}.add.values.${j}.measure: ${v.measure} is not the measure added (${spec.id})`,
          );
          continue;
        }
        const problem = valueSpecProblem(v);
        if (problem !== undefined) {
          problems.push(`${where}: ${at}.add.values.${j}: ${problem}`);
          continue;
        }
        if (instantIn(m, v.from, `${at}.add.values.${j}.from`) === undefined) continue;
        m.values.push({ ...buildValue(v, m, instrument), provisional: hypothetical });
      }
      byId.set(m.id, m);
      touched.set(m.id, m);
    }
  }

  // An authority switched off contributes nothing, whatever the other edits say: its values end.
  for (const { authority, field } of disables) {
    const of = [...byId.values()].filter((m) => m.authority === authority);
    if (of.length === 0) {
      problems.push(new Registry(byId).authorityProblem(authority, `${where}: ${field}`) ?? "");
      continue;
    }
    for (const found of of) {
      const m = measure(found.id, field) as Measure;
      const instrument = instrumentOf(m.issuer);
      m.values = m.values.map(
        (v): DatedValue => ({
          ...v,
          status: "ended",
          note: `switched off by scenario ${scenario.id}`,
          instrument: { ...instrument, citation: `switched off by scenario ${scenario.id}` },
        }),
      );
    }
  }

  for (const m of touched.values()) {
    settleMeasure(m);
    for (const p of measureProblems(m, { finalWithoutHeading: true })) problems.push(`${where}: ${p}`);
  }
  if (problems.length > 0) throw new ScenarioError(problems);
  const measures = [...byId.values()].sort(byPriorityThenId);
  return { instruments, horizon: law.horizon, gaps: law.gaps, measures, byId };
}
