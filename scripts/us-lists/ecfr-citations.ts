/**
 * The Federal Register citations of one row of the eCFR text of the Entity List (15 CFR part 744,
 * supp. no. 4), as a compilation of that text gives them: the rule that added the row first, then
 * each rule that revised it ("88 FR 71992 10/19/2023.\n89 FR 25505, 4/11/24").
 *
 * The text is not uniform: the comma before the date is sometimes missing ("85 FR 83421 12/22/20"),
 * several citations may share a line ("84 FR 40241, 8/14/19, 85 FR 83769, 12/23/20"), words may
 * come between page and date ("81 FR 61601 preview citation details, 9/7/16"), the year has two or
 * four digits, a citation may have no date ("86 FR 67319") and a date may be wrong ("83 FR 61541,
 * 11/13/19": volume 83 is of 2018). So the year of a rule is read from its FR volume (volume 89 is
 * 2024), never from the date, and a date that contradicts the volume is reported, not used.
 */

export interface RowCitation {
  /** "89 FR 99703": the page the eCFR cites, not always the rule's first page. */
  page: string;
  volume: number;
  /** The publication date the eCFR gives with the citation (YYYY-MM-DD), where it gives one. */
  published?: string;
  /** A date given with the citation that is not in the volume's year, as written ("11/13/19"). */
  contradictoryDate?: string;
}

/** FR volume 89 was published in 2024 (volume 1 in 1936): the year of a volume is volume + 1935. */
export const frVolumeYear = (volume: number): number => volume + 1935;

/** A citation and the date after it, up to the next citation. */
const CITATION = /(\d{1,3}) FR (\d{1,6})(?:(?:(?!\d{1,3} FR )[^/])*?(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})\b)?/g;

/** The row's citations in the order the eCFR gives them (none for a text without one). */
export function rowCitations(text: string): RowCitation[] {
  return [...text.matchAll(CITATION)].map((m) => {
    const volume = Number(m[1]);
    const page = `${volume} FR ${Number(m[2])}`;
    if (m[3] === undefined || m[4] === undefined || m[5] === undefined) return { page, volume };
    const volumeYear = frVolumeYear(volume);
    // A two-digit year is read in the century of the volume's year ("2/4/97" of volume 62 is 1997).
    const year = m[5].length === 2 ? volumeYear - (volumeYear % 100) + Number(m[5]) : Number(m[5]);
    if (year !== volumeYear) return { page, volume, contradictoryDate: `${m[3]}/${m[4]}/${m[5]}` };
    return { page, volume, published: `${year}-${m[3].padStart(2, "0")}-${m[4].padStart(2, "0")}` };
  });
}
