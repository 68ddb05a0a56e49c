/**
 * Romanisation variants of Chinese names, folded to one form so that the spellings a list and a
 * user may write compare equal: pinyin written with or without spaces ("Hai Kang", "Haikang"),
 * Wade–Giles ("Tsinghua", "Hsin", "Chung", "Chiang") and the old postal spellings ("Peking",
 * "Canton") read as pinyin. Applied to both sides of a comparison, so a fold that merges two
 * readings (Wade–Giles "ching" is pinyin jing or qing) can only make a name look more alike.
 */
import { textTable } from "../units/text-table.js";

/** The syllables of Hanyu Pinyin (without tones; ü written v), from the standard syllable table. */
const PINYIN = `a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca cai can cang
cao ce cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan chuang chui chun
chuo ci cong cou cu cuan cui cun cuo da dai dan dang dao de dei den deng di dia dian diao die ding diu dong
dou du duan dui dun duo e ei en eng er fa fan fang fei fen feng fo fou fu ga gai gan gang gao ge gei gen geng
gong gou gu gua guai guan guang gui gun guo ha hai han hang hao he hei hen heng hong hou hu hua huai huan
huang hui hun huo ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun ka kai kan kang kao ke kei
ken keng kong kou ku kua kuai kuan kuang kui kun kuo la lai lan lang lao le lei leng li lia lian liang liao
lie lin ling liu long lou lu lv luan lue lve lun luo ma mai man mang mao me mei men meng mi mian miao mie min
ming miu mo mou mu na nai nan nang nao ne nei nen neng ni nian niang niao nie nin ning niu nong nou nu nv
nuan nue nve nuo o ou pa pai pan pang pao pei pen peng pi pian piao pie pin ping po pou pu qi qia qian qiang
qiao qie qin qing qiong qiu qu quan que qun ran rang rao re ren reng ri rong rou ru rua ruan rui run ruo sa
sai san sang sao se sen seng sha shai shan shang shao she shei shen sheng shi shou shu shua shuai shuan
shuang shui shun shuo si song sou su suan sui sun suo ta tai tan tang tao te teng ti tian tiao tie ting tong
tou tu tuan tui tun tuo wa wai wan wang wei wen weng wo wu xi xia xian xiang xiao xie xin xing xiong xiu xu
xuan xue xun ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun za zai zan zang zao ze zei zen zeng
zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo zi
zong zou zu zuan zui zun zuo`;

/**
 * Common Wade–Giles (and a few Cantonese-style) syllables, with the pinyin they are read as. All but
 * "kuo" (Wade–Giles for guo; also a rare pinyin syllable) are not pinyin. Where Wade–Giles is
 * ambiguous without its apostrophe (ch = zh or ch, ts = z or c), the more frequent reading in
 * company and institute names is taken.
 */
export const WADE_GILES = textTable<string>({
  tsing: "qing",
  tsin: "jin",
  tsai: "cai",
  tsao: "cao",
  tse: "ze",
  tso: "zuo",
  tsou: "zou",
  tsung: "zong",
  tsun: "zun",
  tsu: "zu",
  tzu: "zi",
  szu: "si",
  ssu: "si",
  hsi: "xi",
  hsia: "xia",
  hsiang: "xiang",
  hsiao: "xiao",
  hsieh: "xie",
  hsien: "xian",
  hsin: "xin",
  hsing: "xing",
  hsiung: "xiong",
  hsiu: "xiu",
  hsu: "xu",
  hsuan: "xuan",
  hsueh: "xue",
  hsun: "xun",
  chia: "jia",
  chiang: "jiang",
  chiao: "jiao",
  chieh: "jie",
  chien: "jian",
  chih: "zhi",
  chin: "jin",
  ching: "jing",
  chiu: "jiu",
  chiung: "jiong",
  chueh: "jue",
  chung: "zhong",
  kwang: "guang",
  kwan: "guan",
  kwok: "guo",
  kung: "gong",
  kuo: "guo",
  tung: "dong",
  hung: "hong",
  jung: "rong",
  yung: "yong",
  jen: "ren",
  jih: "ri",
  shih: "shi",
  yeh: "ye",
  erh: "er",
  ko: "ge",
  lo: "luo",
});

/** Postal and other traditional spellings of places written as one word, with their pinyin. */
export const POSTAL = textTable<string>({
  peking: "beijing",
  peiping: "beiping",
  canton: "guangzhou",
  nanking: "nanjing",
  tientsin: "tianjin",
  tsingtao: "qingdao",
  chungking: "chongqing",
  amoy: "xiamen",
  sian: "xian",
  hangchow: "hangzhou",
  soochow: "suzhou",
  foochow: "fuzhou",
  kweichow: "guizhou",
  szechuan: "sichuan",
  szechwan: "sichuan",
  kwangtung: "guangdong",
  fukien: "fujian",
  shensi: "shaanxi",
  shansi: "shanxi",
  hupeh: "hubei",
  honan: "henan",
  hopeh: "hebei",
});

/** English words common in company names that happen to read as pinyin syllables: never cut. */
const ENGLISH = new Set(["china", "chinese", "marine", "machine", "genie", "bene"]);

const SYLLABLES = new Set(PINYIN.split(/\s+/));
/** Syllables a word may be cut into: pinyin and Wade–Giles of two letters or more. */
const CUTTABLE = new Set([...SYLLABLES, ...Object.keys(WADE_GILES)].filter((s) => s.length >= 2));
const LONGEST = Math.max(...[...CUTTABLE].map((s) => s.length));

/**
 * A lower-case ASCII word cut into the pinyin syllables it reads as, Wade–Giles and postal
 * spellings turned into pinyin: "haikang" → [hai, kang], "tsinghua" → [qing, hua], "peking" →
 * [bei, jing], "hsin" → [xin]. A word that is not wholly Chinese syllables (of two letters or more)
 * comes back as itself, alone. The cut with the fewest syllables is taken.
 */
export function pinyinSyllables(word: string): string[] {
  if (ENGLISH.has(word)) return [word];
  const text = POSTAL[word] ?? word;
  const n = text.length;
  // fewest[i]: fewest syllables that make up text[0, i); from[i]: where the last of them starts.
  const fewest = new Array<number>(n + 1).fill(Number.POSITIVE_INFINITY);
  const from = new Array<number>(n + 1).fill(-1);
  fewest[0] = 0;
  for (let end = 1; end <= n; end++) {
    for (let start = Math.max(0, end - LONGEST); start <= end - 2; start++) {
      const before = fewest[start] as number;
      if (before + 1 < (fewest[end] as number) && CUTTABLE.has(text.slice(start, end))) {
        fewest[end] = before + 1;
        from[end] = start;
      }
    }
  }
  if (!Number.isFinite(fewest[n])) return [word];
  const parts: string[] = [];
  for (let end = n; end > 0; end = from[end] as number) {
    const syllable = text.slice(from[end] as number, end);
    parts.push(WADE_GILES[syllable] ?? syllable);
  }
  return parts.reverse();
}

/** Whether a word is one pinyin syllable (as written, before any Wade–Giles reading). */
export function isPinyinSyllable(word: string): boolean {
  return SYLLABLES.has(word);
}
