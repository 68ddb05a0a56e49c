/**
 * HTS code input handling. Internally a code is a digit string without dots
 * (HTS8 `85414300`, HTS10 `8541430010`); users type dots and spaces.
 */

/** Thrown for malformed or unknown codes; `suggestions` are dotted codes the user may have meant. */
export class CodeError extends Error {
  override readonly name = "CodeError";
  /** The offending input (as normalised as it could be). */
  readonly code: string;
  private found: string[] | (() => string[]);

  /** `suggestions` may be a function: it then runs only if they are asked for (looking them up is slow). */
  constructor(code: string, message: string, suggestions: string[] | (() => string[]) = []) {
    super(message);
    this.code = code;
    this.found = suggestions;
  }

  get suggestions(): string[] {
    if (typeof this.found === "function") this.found = this.found();
    return this.found;
  }
}

/** Lengths of valid codes: heading, subheading, HTS8 (tariff line), HTS10 (statistical line). */
export type CodeLength = 4 | 6 | 8 | 10;

const SEPARATORS = /[.\s\u00a0]/g;
const DIGITS = /^[0-9]+$/;

/**
 * Normalise user input to a dot-free digit string of 4, 6, 8 or 10 digits.
 * Accepts "8541.43.00.10", "8541430010", "8541.43", "854143", "8541", " 8541 43 00 ".
 * Throws CodeError (with suggestions where a likely intent exists) for anything else.
 */
export function normaliseCode(input: string): string {
  const raw = String(input).trim();
  if (raw === "") throw new CodeError(raw, "Empty HTS code");
  const digits = raw.replace(SEPARATORS, "");
  if (!DIGITS.test(digits)) {
    const onlyDigits = raw.replace(/[^0-9]/g, "");
    const suggestions = isValidLength(onlyDigits.length) ? [formatCode(onlyDigits)] : [];
    throw new CodeError(
      raw,
      `Malformed HTS code "${raw}": only digits, dots and spaces are allowed`,
      suggestions,
    );
  }
  if (isValidLength(digits.length)) return digits;
  const suggestions: string[] = [];
  // Spreadsheets drop the leading zero of chapters 01-09 ("101210010" for 0101.21.00.10).
  if (isValidLength(digits.length + 1)) suggestions.push(formatCode(`0${digits}`));
  if (digits.length > 10) suggestions.push(formatCode(digits.slice(0, 10)));
  else if (digits.length > 4 && isValidLength(digits.length - 1))
    suggestions.push(formatCode(digits.slice(0, -1)));
  throw new CodeError(
    digits,
    `Malformed HTS code "${raw}": expected 4, 6, 8 or 10 digits, got ${digits.length}`,
    suggestions,
  );
}

function isValidLength(n: number): n is CodeLength {
  return n === 4 || n === 6 || n === 8 || n === 10;
}

/** "8541430010" -> "8541.43.00.10"; "854143" -> "8541.43". Non-digit input is returned unchanged. */
export function formatCode(code: string): string {
  if (!DIGITS.test(code) || code.length <= 4) return code;
  let out = code.slice(0, 4);
  for (let i = 4; i < code.length; i += 2) out += `.${code.slice(i, i + 2)}`;
  return out;
}

/**
 * The heading of a code given as digits: its first four. A line and its parents share it, so the
 * schedules are kept and read by heading (see units/cache.ts, `keptParts`).
 */
export const headingOf = (code: string): string => code.slice(0, 4);

/** True for a normalised code of the given kind. */
export function isHts8(code: string): boolean {
  return code.length === 8 && DIGITS.test(code);
}

export function isHts10(code: string): boolean {
  return code.length === 10 && DIGITS.test(code);
}
