/**
 * Generated names for the screening benchmark: list entries and queries made of name parts of the
 * kind the Entity List and MOFCOM's lists hold (a city, a trade name of pinyin syllables or an
 * English word, a line of business, a legal form; some people), deterministic for a seed
 * (`Random`: integer arithmetic only). A query is either a variant of a listed name (a letter
 * dropped or swapped, the words reordered, the legal form changed, upper case without commas) or
 * another name made of the same parts, so it shares words with the list as real traffic does.
 */
import type { ListEntry } from "../src/screening/list-entry.js";
import type { ScreeningQuery } from "../src/screening/screen.js";
import type { Random } from "./common.js";

const CITIES = `Beijing Shanghai Shenzhen Guangzhou Hangzhou Wuhan Chengdu Xian Tianjin Nanjing Hefei Harbin
Changsha Dalian Xiamen Suzhou Qingdao Chongqing Zhuhai Dongguan Ningbo Wuxi Kunming Shenyang Jinan Fuzhou
Zhengzhou Changchun Taiyuan Nanchang Guiyang Lanzhou Urumqi Hohhot Hong_Kong Macau`.split(/\s+/);
const SYLLABLES =
  `hua wei zhong xing hai kang tian xin da tong ke ji guo tai long feng sheng rui bo yuan heng jin
an chuang mei de fu hong jia yu ming kai lian chen dian guang xun yi teng li neng hang jun shi bao wan chang
xiang yun hui qi zhi cheng fang lang sai ying pu nuo`.split(/\s+/);
const BRANDS = `Alpha Apex Vector Nova Orient Pacific Summit Titan Quantum Unity Vertex Zenith Galaxy Phoenix
Dragon Eagle Falcon Global Prime Silk Jade Pearl Golden Star Sky Ocean Harmony Fortune Victory Everbright`.split(
  /\s+/,
);
const BUSINESS = `Technology|Electronics|Semiconductor|Precision Machinery|Aerospace|Optoelectronics|Trading|
Microelectronics|Instruments|New Materials|New Energy|Communication|Information Technology|Photonics|Logistics|
Shipping|Import and Export|Intelligent Equipment|Robotics|Software|Chemical|Pharmaceutical|Equipment|
Research Institute|Integrated Circuit|Supercomputing|Network Technology|Digital Technology|Aviation Industry|
Nuclear Power|Biotechnology|Unmanned Systems|Satellite Navigation|Laser Technology|Radar|Drone`
  .split("|")
  .map((s) => s.trim());
const FORMS = [
  "Co., Ltd.",
  "Company Limited",
  "Corporation",
  "Inc.",
  "LLC",
  "Group Co., Ltd.",
  "Limited",
  "Co.",
];
const SURNAMES = "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Gao Luo".split(
  " ",
);
const LISTS = ["us-entity-list", "us-1260h", "cn-unreliable-entity", "cn-export-control-list"] as const;

function pick<T>(r: Random, items: readonly T[]): T {
  return items[r.below(items.length)] as T;
}

function tradeName(r: Random): string {
  if (r.below(4) === 0) return pick(r, BRANDS);
  const word = pick(r, SYLLABLES) + pick(r, SYLLABLES);
  return word[0]?.toUpperCase() + word.slice(1);
}

/** A company or a person, as a list writes it. */
function partyName(r: Random): string {
  if (r.below(10) === 0) {
    const given = pick(r, SYLLABLES) + (r.below(2) === 0 ? pick(r, SYLLABLES) : "");
    return `${pick(r, SURNAMES)} ${given[0]?.toUpperCase()}${given.slice(1)}`;
  }
  const city = r.below(3) === 0 ? "" : `${pick(r, CITIES).replace("_", " ")} `;
  return `${city}${tradeName(r)} ${pick(r, BUSINESS)} ${pick(r, FORMS)}`;
}

/** A variant of a listed name a user may type: one of the changes the matcher is meant to see through. */
function variant(r: Random, name: string): string {
  const words = name.split(" ");
  const longest = words.reduce((a, b) => (b.length > a.length ? b : a));
  switch (longest.length < 4 ? 4 : r.below(5)) {
    case 0: {
      // a letter dropped from the longest word
      const i = 1 + r.below(longest.length - 1);
      return name.replace(longest, longest.slice(0, i) + longest.slice(i + 1));
    }
    case 1: {
      // two neighbouring letters swapped in the longest word
      const i = 1 + r.below(longest.length - 2);
      return name.replace(longest, longest.slice(0, i) + longest[i + 1] + longest[i] + longest.slice(i + 2));
    }
    case 2:
      return [...words.slice(1), words[0]].join(" ");
    case 3:
      return `${name.replace(/ (Co\., Ltd\.|Company Limited|Corporation|Inc\.|LLC|Group Co\., Ltd\.|Limited|Co\.)$/, "")} ${pick(r, ["Ltd", "Company", "Corp.", "Co Ltd"])}`;
    default:
      return name.toUpperCase().replace(/,/g, "");
  }
}

export function generateEntries(r: Random, n: number): ListEntry[] {
  const entries: ListEntry[] = [];
  for (let i = 0; i < n; i++) {
    const list = pick(r, LISTS);
    const year = 2018 + r.below(8);
    const month = String(1 + r.below(12)).padStart(2, "0");
    const day = String(1 + r.below(28)).padStart(2, "0");
    entries.push({
      list,
      entryId: `bench-${i}`,
      name: partyName(r),
      aliases: r.below(5) === 0 ? [partyName(r)] : [],
      addresses: [],
      country: "CN",
      listedOn: `${year}-${month}-${day}`,
      instrument: { citation: "generated for the benchmark", grade: "W" },
    });
  }
  return entries;
}

/** Queries: one in ten a variant of a listed name (`of` is its entry id), the others other names. */
export function generateQueries(
  r: Random,
  entries: readonly ListEntry[],
  n: number,
): { query: ScreeningQuery; of?: string }[] {
  const queries: { query: ScreeningQuery; of?: string }[] = [];
  for (let i = 0; i < n; i++) {
    if (r.below(10) === 0) {
      const entry = pick(r, entries);
      queries.push({ query: { name: variant(r, entry.name), country: "CN" }, of: entry.entryId });
    } else queries.push({ query: { name: partyName(r), ...(r.below(2) === 0 ? { country: "CN" } : {}) } });
  }
  return queries;
}
