/**
 * Tables looked up by text from outside (a word of an article, a class name in a page, a field a
 * reviewer names): made without a prototype, so that a key such as "constructor" or "__proto__"
 * finds nothing rather than what every object inherits (a plain object literal answered
 * "constructor" with the Object function).
 */
export function textTable<T>(entries: Record<string, T>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}
