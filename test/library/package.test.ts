/** The package surface: `import { loadTruce } from "truce"` from the repository root, with its types. */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

describe("the package", () => {
  it("resolves its own name through exports and ships type declarations", () => {
    const script =
      'import { loadTruce } from "truce"; const truce = await loadTruce(); ' +
      'const r = truce.duty({ code: "8541.43.00.10", origin: "cn", date: "2025-11-01", value: 10000 }); console.log(r.total.rate);';
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    // The README's quick start: the solar module of Nov 1 2025, 94%.
    expect(r.stdout.trim()).toBe("94");
    expect(existsSync("dist/src/truce.d.ts")).toBe(true);
  });
});

describe("the README's library example", () => {
  it("runs as written and prints what its comments say", () => {
    const readme = readFileSync("README.md", "utf8");
    const example = /```js\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", example as string], {
      encoding: "utf8",
    });
    expect(r.stderr).toBe("");
    const [total, error] = r.stdout.trim().split("\n");
    expect(total).toBe("{ rate: 94, amount: '9400.00' }");
    expect(error).toMatch(/^origin "XX" is not an ISO 3166 alpha-2/);
  });
});
