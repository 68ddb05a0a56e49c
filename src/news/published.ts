/** The publication instant of an article: epoch ms and the zone (IANA or fixed offset) it was given in. */
export interface Published {
  ms: number;
  /** IANA zone ("Asia/Kolkata") or fixed offset ("+05:30"). */
  zone: string;
  /** Where it was read: "meta", "json-ld", "dateline", "option". */
  from: string;
}
