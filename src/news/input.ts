/**
 * What the doors (CLI, API) are given with an article, read into what `ingestArticle` takes: the
 * publication instant of `--published` (an ISO instant with its offset or zone, or a local time and
 * `--zone`) and the article's format (by the file's extension, else by its first characters).
 */
import { Temporal } from "temporal-polyfill";
import type { Published } from "./published.js";

export class PublishedError extends Error {}

const LOCAL = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?([+-]\d{2}:\d{2}|Z)$/;
const WITH_ZONE =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:[+-]\d{2}:\d{2}|Z)?\[([^\]]+)\]$/;

const EXAMPLES =
  "e.g. 2025-10-25T22:30+05:30, 2025-10-25T22:30:01[Asia/Kolkata], or 2025-10-25T22:30 with --zone Asia/Kolkata";

/** An IANA zone name or a fixed offset ("+05:30"), checked; the name as Temporal spells it. */
function checkedZone(zone: string): string {
  try {
    return Temporal.Now.zonedDateTimeISO(zone).timeZoneId;
  } catch {
    throw new PublishedError(
      `--zone "${zone}" is not a time zone (expected an IANA name like Asia/Kolkata or an offset like +05:30)`,
    );
  }
}

/**
 * `--published`: an instant with its offset (the offset is the zone kept), an instant with an IANA
 * zone in brackets, or a local time read in `zone`. A local time without a zone, a date alone or
 * anything else is refused naming what is expected.
 */
export function parsePublished(text: string, zone?: string): Published {
  const t = text.trim();
  const bracket = WITH_ZONE.exec(t);
  const offset = WITH_OFFSET.exec(t);
  const local = LOCAL.exec(t);
  try {
    if (bracket) {
      if (zone !== undefined)
        throw new PublishedError(`--published names its zone [${bracket[1]}]: --zone is not used with it`);
      const z = Temporal.ZonedDateTime.from(t);
      return { ms: z.epochMilliseconds, zone: z.timeZoneId, from: "option" };
    }
    if (offset) {
      if (zone !== undefined)
        throw new PublishedError(`--published gives its offset ${offset[1]}: --zone is not used with it`);
      const ms = Temporal.Instant.from(t).epochMilliseconds;
      return { ms, zone: offset[1] === "Z" ? "UTC" : (offset[1] as string), from: "option" };
    }
    if (local) {
      if (zone === undefined)
        throw new PublishedError(
          `--published "${text}" is a local time: give its zone with --zone (${EXAMPLES})`,
        );
      const id = checkedZone(zone);
      const z = Temporal.PlainDateTime.from(`${local[1]}T${local[2]}`).toZonedDateTime(id, {
        disambiguation: "reject",
      });
      return { ms: z.epochMilliseconds, zone: id, from: "option" };
    }
  } catch (e) {
    if (e instanceof PublishedError) throw e;
    throw new PublishedError(`--published "${text}" is not a valid instant: ${(e as Error).message}`);
  }
  throw new PublishedError(`--published "${text}" is not an instant with its offset or zone (${EXAMPLES})`);
}

export type ArticleFormat = "html" | "text";

/** The format of an article: by the file's extension (.html/.htm, .txt), else HTML when it starts with markup. */
export function articleFormat(raw: string, name?: string): ArticleFormat {
  const ext = name?.toLowerCase().match(/\.([a-z]+)$/)?.[1];
  if (ext === "html" || ext === "htm") return "html";
  if (ext === "txt") return "text";
  return /^\s*(?:<!doctype html|<html|<head|<body|<meta|<article|<div|<p[\s>])/i.test(raw.slice(0, 512))
    ? "html"
    : "text";
}

/** The extensions a folder batch reads. */
export const ARTICLE_EXTENSIONS = [".html", ".htm", ".txt"] as const;
