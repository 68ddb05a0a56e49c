/**
 * The dependency direction of src/: units (money, time) at the bottom, then nomenclature, law,
 * engine, the entry contract, the library (truce.ts), analytics, the batch pipeline, the store of
 * what users keep (src/store), and the doors (the CLI and the API) on top. A module imports only from its own layer or below; no arrow runs
 * back up, and nothing but a door imports a door. One exception, loaded at run time: `truce serve`
 * starts the API's server (`await import("../api/server.js")` in the CLI).
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { describe, expect, it } from "vitest";

const LAYERS: readonly string[] = [
  "units",
  "nomenclature",
  "law",
  "engine",
  "screening",
  "controls",
  "entry",
  "truce.ts",
  "truce-controls.ts",
  "analytics",
  "news",
  "batch",
  "store",
  "cli",
  "api",
];
/** Doors: nothing below them may import them, nor may one door import another. */
const DOORS = new Set(["cli", "api"]);

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

/** The layer of a file under src/: its first path segment (a directory, or truce.ts). */
function layerOf(file: string): string {
  return relative("src", file).split(/[\\/]/)[0] ?? "";
}

const IMPORT = /^\s*(?:import|export)\s[^;]*?from\s+"(\.{1,2}\/[^"]+)"/gms;

function imports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(IMPORT)].map((m) =>
    normalize(join(dirname(file), (m[1] as string).replace(/\.js$/, ".ts"))),
  );
}

describe("the layers of src/", () => {
  const all = files("src");

  it("puts every module in a known layer", () => {
    const unknown = all.filter((f) => !LAYERS.includes(layerOf(f)) && !DOORS.has(layerOf(f)));
    expect(unknown).toEqual([]);
  });

  it("has no import running up a layer, and no door imported from below or by another door", () => {
    const wrong: string[] = [];
    for (const file of all) {
      const from = layerOf(file);
      for (const target of imports(file)) {
        const to = layerOf(target);
        const up = LAYERS.indexOf(to) > LAYERS.indexOf(from);
        const door = DOORS.has(to) && to !== from;
        if (up || door) wrong.push(`${relative("src", file)} -> ${relative("src", target)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("lets the CLI reach the API only by starting its server (truce serve)", () => {
    const DYNAMIC = /\bimport\(\s*"(\.{1,2}\/[^"]+)"\s*\)/g;
    const reached = files(join("src", "cli")).flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(DYNAMIC)]
        .map((m) => normalize(join(dirname(file), (m[1] as string).replace(/\.js$/, ".ts"))))
        .filter((target) => layerOf(target) === "api")
        .map((target) => `${relative("src", file)} -> ${relative("src", target)}`),
    );
    expect(reached).toEqual([`${join("cli", "main.ts")} -> ${join("api", "server.ts")}`]);
  });

  it("sees the imports it checks (the check cannot pass by reading nothing)", () => {
    const engine = imports(join("src", "engine", "duty.ts")).map(layerOf);
    expect(engine).toEqual(expect.arrayContaining(["law", "nomenclature", "units"]));
    expect(all.length).toBeGreaterThan(30);
  });
});
