/**
 * Time zones as news pages state them: abbreviations ("IST", "EST", "Beijing time"), offsets
 * ("GMT+8", "+05:30") and ISO offsets, mapped deliberately to an IANA zone or kept as a fixed offset.
 *
 * Ambiguous abbreviations are decided here, once:
 * - IST is India Standard Time (Asia/Kolkata): the outlets that write it for US–China news are Indian.
 * - ET/EST/EDT are New York's zone, whichever of EST/EDT is written (a page writing "EST" in July
 *   means Eastern time, as the US law's "12:01 a.m. eastern daylight time" does).
 * - CST is China Standard Time (Asia/Shanghai) in a Chinese outlet (`chinese`), else US Central.
 */

/** The zone phrases recognised after a time of day, longest first so "EDT" is not read as "ET". */
const NAMED_ZONES: readonly (readonly [RegExp, string])[] = [
  [/^Beijing time$/i, "Asia/Shanghai"],
  [/^China Standard Time$/i, "Asia/Shanghai"],
  [/^BJT$/, "Asia/Shanghai"],
  [/^(?:Washington|New York|Eastern) time$/i, "America/New_York"],
  [/^Eastern (?:Standard|Daylight) Time$/i, "America/New_York"],
  [/^(?:ET|EST|EDT)$/, "America/New_York"],
  [/^(?:CT|CDT)$/, "America/Chicago"],
  [/^(?:MT|MST|MDT)$/, "America/Denver"],
  [/^(?:PT|PST|PDT)$/, "America/Los_Angeles"],
  [/^IST$/, "Asia/Kolkata"],
  [/^India time$/i, "Asia/Kolkata"],
  [/^(?:SGT|Singapore time)$/i, "Asia/Singapore"],
  [/^(?:HKT|Hong Kong time)$/i, "Asia/Hong_Kong"],
  [/^(?:JST|Tokyo time)$/i, "Asia/Tokyo"],
  [/^(?:KST|Seoul time)$/i, "Asia/Seoul"],
  [/^(?:MYT|Kuala Lumpur time)$/i, "Asia/Kuala_Lumpur"],
  [/^(?:BST|London time)$/i, "Europe/London"],
  [/^(?:CET|CEST|Geneva time|Brussels time)$/i, "Europe/Zurich"],
  [/^(?:NZST|NZDT|Wellington time|Auckland time)$/i, "Pacific/Auckland"],
  [/^(?:AEST|AEDT|Sydney time)$/i, "Australia/Sydney"],
  [/^(?:GMT|UTC|Z)$/, "UTC"],
];

/** Source of a regular expression matching a zone phrase as written after a time. */
export const ZONE_PHRASE =
  "(?:Beijing time|China Standard Time|[Ee]astern (?:[Ss]tandard|[Dd]aylight) [Tt]ime|Washington time|New York time|Eastern time|India time|Singapore time|Hong Kong time|Tokyo time|Seoul time|Kuala Lumpur time|London time|Geneva time|Brussels time|Wellington time|Auckland time|Sydney time|(?:GMT|UTC)\\s?[+-]\\s?\\d{1,2}(?::?\\d{2})?|BJT|EDT|EST|ET|CDT|CST|CT|MDT|MST|MT|PDT|PST|PT|IST|SGT|HKT|JST|KST|MYT|BST|CEST|CET|NZST|NZDT|AEST|AEDT|GMT|UTC)(?![A-Za-z])";

const FIXED = /^(?:GMT|UTC)?\s?([+-])\s?(\d{1,2})(?::?(\d{2}))?$/;

/** A fixed offset as "+08:00" from "+8", "+0800", "+08:00". */
export function fixedOffset(sign: string, hours: string, minutes = "00"): string {
  return `${sign}${hours.padStart(2, "0")}:${minutes}`;
}

/**
 * The zone a phrase names: an IANA zone, or a fixed offset ("+08:00") for "GMT+8"; undefined when
 * the phrase is not a zone. `chinese` decides CST (see the module's comment).
 */
export function zoneOfPhrase(phrase: string, chinese: boolean): string | undefined {
  const text = phrase.trim().replace(/\s+/g, " ");
  if (text === "CST") return chinese ? "Asia/Shanghai" : "America/Chicago";
  for (const [pattern, zone] of NAMED_ZONES) if (pattern.test(text)) return zone;
  const fixed = FIXED.exec(text);
  if (fixed && /^(?:GMT|UTC)/.test(text))
    return fixedOffset(fixed[1] as string, fixed[2] as string, fixed[3]);
  return undefined;
}

/** True when a zone (IANA or fixed offset) is China's: the publication zone of a Chinese outlet. */
export function isChinaZone(zone: string): boolean {
  return zone === "Asia/Shanghai" || zone === "+08:00" || zone === "Asia/Chongqing";
}
