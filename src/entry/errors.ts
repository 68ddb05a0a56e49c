/** The error of a bad entry: which field, what was expected, and codes it may have meant. */
export class InputError extends Error {
  override readonly name = "InputError";

  constructor(
    /** The entry field (a batch column name, e.g. "code", "steel_value"), or "entry" for the whole. */
    readonly field: string,
    /** What is wrong, without the field's name. */
    readonly detail: string,
    readonly suggestions: string[] = [],
  ) {
    super(`${field}: ${detail}`);
  }
}
