/** The one module of talisman the matcher uses (the package ships no types). */
declare module "talisman/metrics/jaro-winkler.js" {
  /** The Jaro–Winkler similarity of two strings, 0–1 (Winkler's prefix bonus, boost threshold 0.7, scaling 0.1). */
  const jaroWinkler: (a: string, b: string) => number;
  export default jaroWinkler;
}
