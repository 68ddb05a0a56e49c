import { describe, expect, it } from "vitest";
import { CodeError, formatCode, normaliseCode } from "../../src/nomenclature/codes.js";

function codeError(input: string): CodeError {
  try {
    normaliseCode(input);
  } catch (e) {
    if (e instanceof CodeError) return e;
    throw e;
  }
  throw new Error(`no CodeError for ${JSON.stringify(input)}`);
}

describe("normaliseCode", () => {
  it("accepts 4, 6, 8 and 10 digits with optional dots and spaces", () => {
    expect(normaliseCode("8541.43.00.10")).toBe("8541430010");
    expect(normaliseCode("8541430010")).toBe("8541430010");
    expect(normaliseCode("8541.43.00")).toBe("85414300");
    expect(normaliseCode("8541.43")).toBe("854143");
    expect(normaliseCode("854143")).toBe("854143");
    expect(normaliseCode("8541")).toBe("8541");
    expect(normaliseCode(" 8541 43 00 10 ")).toBe("8541430010");
    expect(normaliseCode("0101.21.00.10")).toBe("0101210010");
  });

  it("throws CodeError for malformed input", () => {
    for (const bad of ["", "  ", "85414", "8541430", "854143001", "abcd", "8541.43.00.1x", "8541-43"]) {
      const e = codeError(bad);
      expect(e).toBeInstanceOf(Error);
      expect(e.name).toBe("CodeError");
      expect(e.message).toMatch(/HTS code/);
      expect(Array.isArray(e.suggestions)).toBe(true);
    }
  });

  it("suggests the code a spreadsheet lost its leading zero from, or a truncation", () => {
    expect(codeError("101210010").suggestions).toContain("0101.21.00.10");
    expect(codeError("85414300101").suggestions).toEqual(["8541.43.00.10"]);
    expect(codeError("8541.43.00.1x").code).toBe("8541.43.00.1x");
  });
});

describe("formatCode", () => {
  it("dots codes the HTS way", () => {
    expect(formatCode("8541430010")).toBe("8541.43.00.10");
    expect(formatCode("85414300")).toBe("8541.43.00");
    expect(formatCode("854143")).toBe("8541.43");
    expect(formatCode("8541")).toBe("8541");
    expect(formatCode("99038815")).toBe("9903.88.15");
  });
});
