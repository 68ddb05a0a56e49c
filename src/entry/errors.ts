/** The error of a bad entry: which field, what was expected, and codes it may have meant. */
export class InputError extends Error {
  override readonly name = "InputError";
  private found: string[] | (() => string[]);

  /** `suggestions` may be a function: it then runs only if they are asked for (finding them is slow). */
  constructor(
    /** The entry field (a batch column name, e.g. "code", "steel_value"), or "entry" for the whole. */
    readonly field: string,
    /** What is wrong, without the field's name. */
    readonly detail: string,
    suggestions: string[] | (() => string[]) = [],
  ) {
    super(`${field}: ${detail}`);
    this.found = suggestions;
  }

  /** Codes the user may have meant (digits; dotted for display by `formatCode`). */
  get suggestions(): string[] {
    if (typeof this.found === "function") this.found = this.found();
    return this.found;
  }
}
