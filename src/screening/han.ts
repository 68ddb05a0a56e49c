/**
 * Names written in Chinese characters, read as a list writes them in Latin letters: the words a
 * company name's English form translates (科技 → technology, 半导体 → semiconductor), then the rest
 * read as pinyin without tones, one word a run (华为 → huawei, 北京智谱华章 → beijingzhipuhuazhang: the
 * matcher also compares names without their spaces). pinyin-pro is loaded on the first name that
 * has Chinese characters, so screening Latin names never pays for its dictionary.
 */
import { createRequire } from "node:module";

/**
 * Words of Chinese company names with the English the lists write for them (as the matcher's
 * canonical forms: singular, "technology", "electronic"). Longest first where one holds another.
 */
const GLOSSARY: Readonly<Record<string, string[]>> = {
  集成电路: ["integrated", "circuit"],
  研究院: ["research", "academy"],
  研究所: ["research", "institute"],
  微电子: ["microelectronics"],
  半导体: ["semiconductor"],
  科技: ["technology"],
  技术: ["technology"],
  电子: ["electronic"],
  国际: ["international"],
  通信: ["communication"],
  通讯: ["communication"],
  信息: ["information"],
  网络: ["network"],
  软件: ["software"],
  系统: ["system"],
  设备: ["equipment"],
  装备: ["equipment"],
  仪器: ["instrument"],
  光电: ["optoelectronics"],
  智能: ["intelligent"],
  航空: ["aviation"],
  航天: ["aerospace"],
  大学: ["university"],
  学院: ["college"],
  工业: ["industry"],
  实业: ["industry"],
  工程: ["engineering"],
  制造: ["manufacturing"],
  控股: ["holding"],
  贸易: ["trading"],
  投资: ["investment"],
  发展: ["development"],
  创新: ["innovation"],
  材料: ["material"],
  能源: ["energy"],
  存储: ["memory"],
  数字: ["digital"],
};
const LONGEST = Math.max(...Object.keys(GLOSSARY).map((w) => w.length));
/** Administrative suffixes of place names that the Latin forms leave out (深圳市 → Shenzhen). */
const PLACE_SUFFIXES = new Set(["市", "省"]);

type Pinyin = (text: string, options: { toneType: "none"; type: "array"; v: boolean }) => string[];
let pinyinApi: Pinyin | undefined;
function pinyin(): Pinyin {
  pinyinApi ??= (createRequire(import.meta.url)("pinyin-pro") as { pinyin: Pinyin }).pinyin;
  return pinyinApi;
}

/** A run of Chinese characters as Latin words: glossary words translated, the rest as pinyin. */
export function hanWords(run: string): string[] {
  const words: string[] = [];
  let pending = "";
  const flush = () => {
    if (pending !== "") words.push(pinyin()(pending, { toneType: "none", type: "array", v: true }).join(""));
    pending = "";
  };
  for (let i = 0; i < run.length; ) {
    let matched = 0;
    for (let n = Math.min(LONGEST, run.length - i); n >= 2 && matched === 0; n--) {
      const english = GLOSSARY[run.slice(i, i + n)];
      if (english) {
        flush();
        words.push(...english);
        matched = n;
      }
    }
    if (matched > 0) {
      i += matched;
      continue;
    }
    const char = run[i] as string;
    if (PLACE_SUFFIXES.has(char) && pending !== "") flush();
    else pending += char;
    i += 1;
  }
  flush();
  return words;
}
