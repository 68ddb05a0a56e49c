/**
 * Citations as structured fields (`instrument.cites` of a law file: Federal Register volume and page,
 * FR document numbers, CBP CSMS message numbers), so that they can be checked against the citation
 * text and linked; and what counts as a primary source (a `grade: P` instrument needs one).
 */
import type { Instrument } from "./model.js";

/** Federal Register volume and page ("90 FR 15041"), FR document number, CSMS message number. */
export const FR_PAGE = /^(\d{1,3}) FR (\d{1,6})$/;
export const FR_DOC = /^\d{4}-\d{4,5}$/;
export const CSMS = /^\d{8}$/;

export interface Cites {
  fr?: readonly string[];
  frDoc?: readonly string[];
  csms?: readonly string[];
}

/**
 * Hosts of primary texts (an issuer's own publication or the official journal), each also with its
 * subdomains: the Federal Register and GPO, CBP, the White House, USTR, the USITC (the HTS), Commerce
 * and BIS, Congress and the US Code; every Chinese government host (gov.cn: MOFCOM, the Ministry of
 * Finance that publishes the Customs Tariff Commission's announcements, the State Council, Customs).
 */
export const PRIMARY_HOSTS = [
  "federalregister.gov",
  "govinfo.gov",
  "cbp.gov",
  "whitehouse.gov",
  "ustr.gov",
  "usitc.gov",
  "commerce.gov",
  "bis.gov",
  "bis.doc.gov",
  "congress.gov",
  "uscode.house.gov",
  "gov.cn",
] as const;

/** CBP's CSMS messages are published through its GovDelivery account (content.govdelivery.com, USDHSCBP). */
const CBP_GOVDELIVERY =
  /^https:\/\/content\.govdelivery\.com\/(accounts\/USDHSCBP\/|bulletins\/gd\/USDHSCBP-)/;

/** Whether the URL is on a primary host (see `PRIMARY_HOSTS`) or is a CBP CSMS message. */
export function isPrimaryUrl(url: string): boolean {
  if (CBP_GOVDELIVERY.test(url)) return true;
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  return PRIMARY_HOSTS.some((h) => host === h || host.endsWith(`.${h}`));
}

/**
 * The FR pages, FR document numbers and CSMS numbers a citation text names: "90 FR 9807 / 9817" is two
 * pages of volume 90; "FR Doc 2025-06063"; every eight-digit number of a text that names CSMS.
 */
export function citedIn(text: string): Required<Cites> {
  const fr: string[] = [];
  for (const m of text.matchAll(/\b(\d{1,3}) FR (\d{1,6})((?:\s*\/\s*\d{1,6})*)/g)) {
    fr.push(`${m[1]} FR ${m[2]}`);
    for (const page of (m[3] ?? "").split("/").slice(1)) fr.push(`${m[1]} FR ${page.trim()}`);
  }
  const frDoc = [...text.matchAll(/\bFR Doc(?:\.|ument)? (\d{4}-\d{4,5})\b/g)].map((m) => m[1] as string);
  const csms = /\bCSMS\b/.test(text) ? [...text.matchAll(/\b(\d{8})\b/g)].map((m) => m[1] as string) : [];
  return { fr, frDoc, csms };
}

/** The FR document number of a federalregister.gov or govinfo.gov document URL, if it is one. */
export function frDocOfUrl(url: string): string | undefined {
  const m =
    /federalregister\.gov\/(?:documents\/\d{4}\/\d{2}\/\d{2}|d)\/(\d{4}-\d{4,5})\b/.exec(url) ??
    /govinfo\.gov\/content\/pkg\/FR-[\d-]+\/(?:html|pdf)\/(\d{4}-\d{4,5})\./.exec(url);
  return m?.[1];
}

/**
 * The instrument's primary URL: its `url` when on a primary host, else the federalregister.gov link of
 * the first FR document it cites (the `url` is then a copy of that document's text); undefined if none.
 */
export function primaryUrlOf(i: { url: string; cites?: Cites }): string | undefined {
  if (isPrimaryUrl(i.url)) return i.url;
  return citationLinks({ frDoc: i.cites?.frDoc?.slice(0, 1) })[0];
}

/** Links to the FR texts an instrument cites (federalregister.gov resolves pages and document numbers). */
export function citationLinks(cites: Cites | undefined): string[] {
  return [
    ...(cites?.frDoc ?? []).map((d) => `https://www.federalregister.gov/d/${d}`),
    ...(cites?.fr ?? []).map((c) => `https://www.federalregister.gov/citation/${c.replace(/ /g, "-")}`),
  ];
}

/**
 * What is wrong with an instrument's citation: the structured fields and the citation text disagree
 * (each names what the other lacks), its primary URL is an FR document it does not cite, the number
 * of an executive order or proclamation is not in the text, a `grade: P` instrument has no primary
 * URL (see `primaryUrlOf`), or one below grade P does not state what is unconfirmed.
 */
export function citationProblems(i: Instrument): string[] {
  const where = `${i.file}: instrument`;
  const problems: string[] = [];
  const inText = citedIn(i.citation);
  for (const kind of ["fr", "frDoc", "csms"] as const) {
    const fields = i.cites?.[kind] ?? [];
    for (const c of fields)
      if (!inText[kind].includes(c))
        problems.push(`${where}.cites.${kind}: ${c} is not in the citation text`);
    for (const c of inText[kind])
      if (!fields.includes(c)) problems.push(`${where}.citation: names ${c}, which cites.${kind} lacks`);
  }
  const doc = frDocOfUrl(i.url);
  if (doc !== undefined && !(i.cites?.frDoc ?? []).includes(doc))
    problems.push(
      `${where}.url: is FR Doc ${doc}, which cites.frDoc does not name (another instrument's text?)`,
    );
  if ((i.kind === "executive-order" || i.kind === "proclamation") && i.number !== undefined)
    for (const n of i.number.split(/[\s,]+/).filter(Boolean))
      if (!i.citation.includes(n)) problems.push(`${where}.number: ${n} is not in the citation text`);
  if (i.grade !== "P" && (i.unconfirmed ?? []).length === 0)
    problems.push(
      `${where}.unconfirmed: a grade ${i.grade} instrument states what a primary source would confirm (fact, confirmBy)`,
    );
  if (i.grade === "P" && primaryUrlOf(i) === undefined)
    problems.push(
      `${where}.url: a grade P instrument needs a primary URL (${PRIMARY_HOSTS.join(", ")} or a CBP CSMS message) or an FR document number (cites.frDoc), not ${i.url}: give one from the sources or lower the grade`,
    );
  return problems;
}
