/** What changes when: law changes, deadlines (with the iCalendar feed) and the events timeline. */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deadlinesToIcs } from "../../src/analytics/timeline.js";
import { deadlines, lawChanges } from "../../src/law/changes.js";
import {
  EventsError,
  filterEvents,
  loadEvents,
  parseKinds,
  type TimelineEvent,
} from "../../src/law/events.js";
import { defaultDataDir } from "../../src/law/load.js";
import type { Law } from "../../src/law/model.js";
import { loadLaw } from "../../src/law/read-law.js";
import { formatInZone } from "../../src/units/time.js";

let law: Law;
let events: TimelineEvent[];
beforeAll(() => {
  law = loadLaw();
  events = loadEvents(law);
});

/** The CLI from source (no build needed). */
function truce(...args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
    encoding: "utf8",
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** iCalendar lines unfolded (a line break followed by a space continues the line). */
const unfold = (ics: string) => ics.replace(/\r?\n[ \t]/g, "").split(/\r?\n/);

const NOV_2025 = { from: { date: "2025-11-01" }, to: { date: "2025-11-30" } };

describe("truce changes", () => {
  it("Nov 2025: the fentanyl cut to 10% at 00:01 EST Nov 10 (9903.01.24), with its citation", () => {
    const c = lawChanges(law, NOV_2025).find((x) => x.measures[0] === "ieepa-fentanyl-cn");
    expect(c).toBeDefined();
    expect(formatInZone(c?.instant ?? 0, c?.zone ?? "")).toBe("2025-11-10 00:01 EST");
    expect(c?.kind).toBe("rate");
    expect(c?.what).toBe("9903.01.24 20% → 10%");
    expect(c?.heading).toBe("9903.01.24");
    expect(c?.citation).toMatch(/CSMS 66749380/);
    expect(c?.url).toMatch(/^https:\/\//);
  });

  it("Nov 2025: China's farm lists end at 13:01 Beijing time on Nov 10 (CTC 2025 No. 9)", () => {
    const farm = lawChanges(law, NOV_2025, "CN").filter((x) => x.measures[0]?.startsWith("cn-2025-farm"));
    expect(farm.map((x) => x.measures[0]).sort()).toEqual(["cn-2025-farm-10", "cn-2025-farm-15"]);
    for (const x of farm) {
      expect(x.kind).toBe("ended");
      expect(formatInZone(x.instant, x.zone)).toBe("2025-11-10 13:01 CST (UTC+8)");
      expect(x.citation).toMatch(/2025 No\. 9/);
    }
  });

  it("Nov 2025: no Section 122 start (Feb 2026), sorted by instant, importer filter", () => {
    const all = lawChanges(law, NOV_2025);
    expect(all.some((x) => x.measures.includes("s122-surcharge"))).toBe(false);
    const instants = all.map((x) => x.instant);
    expect(instants).toEqual([...instants].sort((a, b) => a - b));
    expect(lawChanges(law, NOV_2025, "US").every((x) => x.issuer === "US")).toBe(true);
    expect(lawChanges(law, NOV_2025, "CN").every((x) => x.issuer === "CN")).toBe(true);
    // The Annex II revision of Nov 13 (an exemption ending and restarting at one instant) is one step.
    const annex = all.filter((x) => x.kind.startsWith("exemption") && x.heading === "9903.01.32");
    expect(annex.map((x) => [x.kind, formatInZone(x.instant, x.zone)])).toEqual([
      ["exemption-revised", "2025-11-13 00:01 EST"],
    ]);
  });

  it("a window is read in each measure's own zone: Feb 24 2026 holds the IEEPA end and the Section 122 start", () => {
    const day = lawChanges(law, { from: { date: "2026-02-24" }, to: { date: "2026-02-24" } }, "US");
    const kinds = new Map(day.map((x) => [x.measures[0], x.kind]));
    expect(kinds.get("ieepa-fentanyl-cn")).toBe("ended");
    expect(kinds.get("ieepa-reciprocal-cn")).toBe("ended");
    expect(kinds.get("s122-surcharge")).toBe("starts");
  });

  it("CLI: text in the issuer's zone, and --json", () => {
    const r = truce("changes", "--from", "2025-11-01", "--to", "2025-11-30");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/2025-11-10 00:01 EST\s+US\s+9903\.01\.24 20% → 10%/);
    expect(r.stdout).toMatch(/2025-11-10 13:01 CST \(UTC\+8\)\s+CN\s+CTC 2025-2 15% → ended/);
    const j = JSON.parse(truce("changes", "--from", "2025-11-01", "--to", "2025-11-30", "--json").stdout);
    const fent = j.find((x: { measures: string[] }) => x.measures[0] === "ieepa-fentanyl-cn");
    expect(fent).toMatchObject({
      instant: "2025-11-10T05:01:00Z",
      when: "2025-11-10 00:01 EST",
      rate: "10%",
    });
  });
});

describe("truce deadlines", () => {
  const after = { from: { date: "2026-06-01" } };

  it("after 2026-06-01: the Section 122 statutory end at 00:01 EDT Jul 24 2026 (from the law data)", () => {
    const d = deadlines(law, events, after).find((x) => x.measures.includes("s122-surcharge"));
    expect(d).toMatchObject({ when: "2026-07-24 00:01 EDT", origin: "law", kind: "ended" });
  });

  it("after 2026-06-01: the Nov 2026 expiries, from the law data and from data/events", () => {
    const list = deadlines(law, events, after);
    const when = (pred: (x: (typeof list)[number]) => boolean) => list.find(pred)?.when;
    expect(when((x) => x.uid === "event.cn-24-suspension-end-2026-11-10@truce")).toBe(
      "2026-11-10 13:01 CST (UTC+8)",
    );
    expect(when((x) => x.uid === "event.us-reciprocal-suspension-end-2026-11-10@truce")).toBe(
      "2026-11-10 00:01 EST",
    );
    const excl = list.find((x) => x.kind === "exemption-ends" && x.what.includes("9903.88.69"));
    expect(excl?.when).toBe("2026-11-10 00:00 EST");
    expect(excl?.what).toMatch(/valid through 2026-11-09/);
    expect(excl?.measures).toEqual(
      expect.arrayContaining(["s301-list1", "s301-list2", "s301-list3", "s301-list4a"]),
    );
    expect(
      list.some((x) => x.uid === "event.cn-gallium-germanium-antimony-suspension-end-2026-11-27@truce"),
    ).toBe(true);
    expect(list.some((x) => x.uid === "event.us-semiconductor-301-increase-2027-06-23@truce")).toBe(true);
    expect(list.some((x) => x.uid === "event.us-wood-232-increase-2027-01-01@truce")).toBe(true);
    // Nothing before the window, and in order.
    expect(list.every((x) => x.date >= "2026-06-01")).toBe(true);
    expect(list.map((x) => x.instant)).toEqual(list.map((x) => x.instant).sort((a, b) => a - b));
    // UIDs are unique.
    expect(new Set(list.map((x) => x.uid)).size).toBe(list.length);
  });

  it("the truce items reportedly extended to Jan 10 2027 are deadlines marked unconfirmed (no instrument found)", () => {
    const list = deadlines(law, events, { from: { date: "2027-01-01" }, to: { date: "2027-01-31" } });
    const ids = [
      "us-affiliates-rule-suspension-end-2027-01-10",
      "us-maritime-301-suspension-end-2027-01-10",
      "us-301-exclusions-end-2027-01-10",
      "cn-export-controls-suspension-end-2027-01-10",
      "cn-24-suspension-end-2027-01-10",
    ];
    for (const id of ids) {
      const e = events.find((x) => x.id === id);
      expect(e?.confirmed, id).toBe(false);
      expect(e?.note, id).toMatch(/no .* (was )?found/i);
      expect(
        list.some((x) => x.uid === `event.${id}@truce`),
        id,
      ).toBe(true);
    }
    // The scheduled +100% on chassis and cranes after the reported suspension, from the law data.
    expect(
      list.filter((x) => x.origin === "law" && x.measures.includes("s301-maritime-chassis")),
    ).toHaveLength(1);
  });

  it("iCalendar: UTC instants (00:01 EST = 05:01Z), stable UIDs, citation and URL in the description", () => {
    const list = deadlines(law, events, { from: { date: "2025-11-01" }, to: { date: "2026-12-31" } });
    const ics = deadlinesToIcs(list, new Date(Date.UTC(2026, 0, 1)));
    const lines = unfold(ics);
    expect(lines[0]).toBe("BEGIN:VCALENDAR");
    expect(lines.filter((l) => l === "BEGIN:VEVENT").length).toBe(list.length);
    // The fentanyl change: one VEVENT with its UID, the UTC start, the citation and the URL.
    const start = lines.indexOf("UID:rate.ieepa-fentanyl-cn.20251110T0501Z@truce");
    expect(start).toBeGreaterThan(0);
    const end = lines.indexOf("END:VEVENT", start);
    const ev = lines.slice(start, end);
    expect(ev).toContain("DTSTART:20251110T050100Z");
    expect(ev.find((l) => l.startsWith("SUMMARY:"))).toMatch(/9903\.01\.24 20% → 10%/);
    const desc = ev.find((l) => l.startsWith("DESCRIPTION:")) ?? "";
    expect(desc).toMatch(/CSMS 66749380/);
    expect(desc).toMatch(/https:\/\/content\.govdelivery\.com/);
    expect(ev).toContain("URL;VALUE=URI:https://content.govdelivery.com/accounts/USDHSCBP/bulletins/3fa83c4");
    // China's 13:01 Beijing time is 05:01Z too; the Section 122 end at 00:01 EDT is 04:01Z.
    expect(lines).toContain("DTSTART:20261110T050100Z");
    expect(lines).toContain("DTSTART:20260724T040100Z");
    // A deadline without an hour is an all-day event on its local date.
    const ga = lines.indexOf("UID:event.cn-gallium-germanium-antimony-suspension-end-2026-11-27@truce");
    expect(lines.slice(ga, lines.indexOf("END:VEVENT", ga))).toContain("DTSTART;VALUE=DATE:20261127");
    // No zone anywhere: every timed start is UTC.
    expect(lines.some((l) => /^DTSTART;TZID/.test(l))).toBe(false);
    expect(lines.filter((l) => l.startsWith("DTSTART:")).every((l) => l.endsWith("Z"))).toBe(true);
  });

  it("iCalendar: the same text whatever the machine's time zone", () => {
    const list = deadlines(law, events, { from: { date: "2025-11-01" }, to: { date: "2026-12-31" } });
    const stamp = new Date(Date.UTC(2026, 0, 1));
    const saved = process.env.TZ;
    try {
      process.env.TZ = "America/New_York";
      const ny = deadlinesToIcs(list, stamp);
      process.env.TZ = "Pacific/Kiritimati";
      const kiritimati = deadlinesToIcs(list, stamp);
      process.env.TZ = "America/Los_Angeles";
      const la = deadlinesToIcs(list, stamp);
      expect(kiritimati).toBe(ny);
      expect(la).toBe(ny);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it("CLI: --ics writes the feed; --json lists the deadlines", () => {
    const dir = mkdtempSync(join(tmpdir(), "truce-ics-"));
    try {
      const file = join(dir, "deadlines.ics");
      const r = truce("deadlines", "--from", "2025-11-01", "--to", "2025-11-30", "--ics", file, "--json");
      expect(r.status).toBe(0);
      const lines = unfold(readFileSync(file, "utf8"));
      expect(lines).toContain("DTSTART:20251110T050100Z");
      const j = JSON.parse(r.stdout);
      expect(j.length).toBe(lines.filter((l) => l === "BEGIN:VEVENT").length);
      expect(
        j.find((x: { uid: string }) => x.uid === "rate.ieepa-fentanyl-cn.20251110T0501Z@truce"),
      ).toMatchObject({ instant: "2025-11-10T05:01:00Z", when: "2025-11-10 00:01 EST" });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("events (data/events)", () => {
  it("load, and every measure and instrument link resolves", () => {
    expect(events.length).toBeGreaterThanOrEqual(40);
    let links = 0;
    for (const e of events) {
      for (const m of e.measures) expect(law.byId.has(m), `${e.id} → ${m}`).toBe(true);
      for (const i of e.instruments) expect(law.instruments.has(i), `${e.id} → ${i}`).toBe(true);
      links += e.measures.length;
      expect(e.sources.length).toBeGreaterThan(0);
      for (const s of e.sources) expect(s.url, e.id).not.toMatch(/\.\.\.|-$/);
      if (!e.confirmed) expect(e.note, e.id).toBeTruthy();
    }
    expect(links).toBeGreaterThan(20);
  });

  it("record the rounds with their dates, places and participants", () => {
    const rounds = filterEvents(events, { kinds: new Set(["round"]) });
    expect(rounds.map((e) => [e.date, e.until])).toEqual([
      ["2025-05-10", "2025-05-11"],
      ["2025-06-09", "2025-06-10"],
      ["2025-07-28", "2025-07-29"],
      ["2025-09-14", "2025-09-15"],
      ["2025-10-25", "2025-10-26"],
      ["2026-03-15", "2026-03-16"],
      ["2026-09-20", "2026-09-23"],
    ]);
    const geneva = rounds[0] as TimelineEvent;
    expect(geneva.place).toMatch(/Geneva/);
    expect(geneva.participants).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: "Scott Bessent", office: "US Treasury Secretary" }),
        expect.objectContaining({ name: "Jamieson Greer" }),
        expect.objectContaining({ name: "He Lifeng", side: "CN" }),
      ]),
    );
    expect(geneva.measures).toEqual(["ieepa-reciprocal-cn", "cn-counter-reciprocal"]);
    const summits = filterEvents(events, { kinds: new Set(["summit"]), from: "2025-01-01" });
    expect(summits.map((e) => e.id)).toEqual([
      "busan-summit-2025-10-30",
      "beijing-state-visit-2026-05",
      "washington-state-visit-2026-09",
    ]);
    expect(summits[1]?.until).toBe("2026-05-15");
    const threat = events.find((e) => e.kind === "threat" && e.date === "2025-10-10");
    expect(threat?.measures).toContain("threat-100-cn");
  });

  it("filter by kind, date (a several-day event overlaps) and measure", () => {
    expect(() => parseKinds("round,meeting")).toThrow(/meeting/);
    const kinds = parseKinds("round, summit");
    const some = filterEvents(events, { kinds });
    expect(some.length).toBeGreaterThan(0);
    expect(some.every((e) => e.kind === "round" || e.kind === "summit")).toBe(true);
    expect(filterEvents(events, { from: "2025-05-11", to: "2025-05-11" }).map((e) => e.id)).toContain(
      "geneva-2025-05",
    );
    const oct = filterEvents(events, { from: "2025-10-01", to: "2025-10-31" });
    expect(oct.every((e) => (e.until ?? e.date) >= "2025-10-01" && e.date <= "2025-10-31")).toBe(true);
    expect(
      filterEvents(events, { measure: "threat-100-cn" }).every((e) => e.measures.includes("threat-100-cn")),
    ).toBe(true);
  });

  it("CLI: timeline --kind filters, --json keeps the fields", () => {
    const r = truce("timeline", "--kind", "round", "--json");
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.length).toBe(7);
    expect(j.every((e: { kind: string }) => e.kind === "round")).toBe(true);
    expect(Object.keys(j[0])).toEqual(
      expect.arrayContaining([
        "id",
        "date",
        "until",
        "place",
        "participants",
        "outcome",
        "measures",
        "sources",
      ]),
    );
    const text = truce("timeline", "--from", "2025-10-30", "--to", "2025-10-30").stdout;
    expect(text).toMatch(/2025-10-30\s+summit\s+Trump–Xi summit, Busan/);
    const bad = truce("timeline", "--kind", "meeting");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/unknown kind meeting/);
  });
});

describe("events load-time check", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "truce-events-"));
    mkdirSync(join(dir, "events"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const write = (yaml: string) => writeFileSync(join(dir, "events", "e.yaml"), yaml);
  const base = `events:
  - id: x
    kind: round
    title: Test round
    side: both
    zone: Europe/Zurich
    date: "2025-05-10"
    outcome: something happened here
    sources: [{ url: "https://example.org/a", grade: S }]
`;

  it("accepts a valid file (the repository's own data dir is the default)", () => {
    write(base);
    expect(loadEvents(law, dir).map((e) => e.id)).toEqual(["x"]);
    expect(defaultDataDir()).toMatch(/data$/);
  });

  it("rejects impossible dates in date and until, naming the file and field", () => {
    write(base.replace('date: "2025-05-10"', 'date: "2025-02-29 09:00"\n    until: "2025-06-31"'));
    expect(() => loadEvents(law, dir)).toThrow(/events\.0\.date: not a real calendar date and time/);
    expect(() => loadEvents(law, dir)).toThrow(/events\.0\.until: not a real calendar date/);
  });

  it("rejects a link to an unknown measure id", () => {
    write(`${base}    measures: [ieepa-reciprocal-cn, no-such-measure]\n`);
    expect(() => loadEvents(law, dir)).toThrow(EventsError);
    expect(() => loadEvents(law, dir)).toThrow(/event x: links to unknown measure no-such-measure/);
  });

  it("rejects an unconfirmed event without a note, a bad kind, and a both-sides event without a zone", () => {
    write(`${base}    confirmed: false\n`);
    expect(() => loadEvents(law, dir)).toThrow(/note: an unconfirmed event needs a note/);
    write(base.replace("kind: round", "kind: meeting"));
    expect(() => loadEvents(law, dir)).toThrow(/events\.0\.kind/);
    write(base.replace("    zone: Europe/Zurich\n", ""));
    expect(() => loadEvents(law, dir)).toThrow(/needs a zone/);
  });
});
