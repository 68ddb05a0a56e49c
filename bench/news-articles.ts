/**
 * Articles for the ingest benchmark, written for it (never copied): thirteen distinct paragraphs in the
 * styles of wire copy, a financial daily and a government release, with dates, rates, people and
 * places filled in per article by integer arithmetic on its number, so a thousand articles differ
 * from each other deterministically. Every fiftieth article states no publication instant (no meta
 * tag, no dateline): a bad file the batch must report and go past.
 */
import { MONTH_NAMES } from "../src/units/time.js";

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const US_PEOPLE = [
  "Treasury Secretary Scott Bessent",
  "Trade Representative Jamieson Greer",
  "Commerce Secretary Howard Lutnick",
  "President Donald Trump",
];
const CN_PEOPLE = [
  "Vice Premier He Lifeng",
  "trade negotiator Li Chenggang",
  "Commerce Minister Wang Wentao",
  "President Xi Jinping",
];
const CITIES = ["Geneva", "London", "Stockholm", "Madrid", "Kuala Lumpur", "Busan", "Washington", "Beijing"];
const PRODUCTS = [
  "soybeans",
  "semiconductors",
  "rare earth magnets",
  "steel",
  "electric vehicles",
  "pork",
  "lithium batteries",
];

/** The values an article is written with, all from its number. */
interface Fill {
  weekday: string;
  month: string;
  day: number;
  year: number;
  rate: number;
  rate2: number;
  us: string;
  cn: string;
  city: string;
  product: string;
  product2: string;
}

function fillOf(n: number): Fill {
  return {
    weekday: WEEKDAYS[(n * 3) % 7] as string,
    month: MONTH_NAMES[(n * 5) % 12] as string,
    day: 1 + ((n * 11) % 28),
    year: 2025 + (n % 2),
    rate: 10 + ((n * 7) % 16) * 5,
    rate2: 5 + ((n * 13) % 10) * 5,
    us: US_PEOPLE[n % US_PEOPLE.length] as string,
    cn: CN_PEOPLE[(n * 3) % CN_PEOPLE.length] as string,
    city: CITIES[(n * 7) % CITIES.length] as string,
    product: PRODUCTS[n % PRODUCTS.length] as string,
    product2: PRODUCTS[(n + 3) % PRODUCTS.length] as string,
  };
}

const PARAGRAPHS: ((f: Fill) => string)[] = [
  (f) =>
    `${f.city.toUpperCase()} (Wire) - The United States will raise tariffs on Chinese goods to ${f.rate}% starting ${f.month} ${f.day}, ${f.us} said on ${f.weekday}, after two days of talks with ${f.cn} ended without the agreement both delegations had said was within reach. The increase would apply on top of duties already in force and would cover most consumer electronics, furniture and ${f.product}, according to a person familiar with the plan who asked not to be named because the decision had not been announced. Officials on both sides described the meetings as frank, a word negotiators often use when little is settled. Markets in Asia fell in early trading as investors weighed the chance that a truce reached earlier this year would unravel before its expiry. The official said Washington remained open to further discussions if Beijing moved on purchases of American farm products and on export licences for critical minerals, two issues that have dominated every round since the spring.`,
  (f) =>
    `China's commerce ministry said in a statement on ${f.weekday} evening that it would respond with "necessary measures" if the higher rate took effect, and that tariffs on US goods could rise to about ${f.rate2}% in return. The ministry said it had filed a complaint with the World Trade Organization and that it was studying further steps, including additions to its unreliable entity list and a review of licences for the export of gallium, germanium and graphite. A spokesperson told reporters at a regular briefing that the door to dialogue "has always been open" but that talks could not take place under pressure. State media carried the statement prominently, alongside commentary arguing that the country's exporters had found new markets in Southeast Asia, Africa and Latin America since the first round of tariffs in 2018, and that domestic demand would cushion the economy against any loss of American orders.`,
  (f) =>
    `The announcement came less than a week before the scheduled end of a ninety-day suspension agreed in ${f.city}, under which both countries had cut their additional duties and promised to keep negotiating. Under that arrangement the United States had lowered its reciprocal tariff on Chinese imports to 10% and China had done the same for American products, while leaving in place earlier duties on steel, aluminum and a list of strategic goods. Trade lawyers said the suspension could still be extended by executive order at short notice, as had happened twice before, and that importers should not assume the new rate would apply until it was published in the Federal Register. Customs brokers reported a rush of shipments booked to arrive before ${f.month} ${f.day}, with some freight forwarders quoting premiums of several hundred dollars a container for space on the last vessels expected to clear in time.`,
  (f) =>
    `Shares of companies that depend on Chinese suppliers fell sharply. Retailers selling toys and small appliances lost between three and six percent, and carmakers with plants in China were lower as well. Analysts at a large investment bank estimated that the effective tariff rate on goods from China would climb above ${f.rate + 20}% if the increase stood, the highest level in nearly a century, and said that American households would pay most of the cost through higher prices over the following year. "The question is no longer whether consumers feel it but how soon," one strategist wrote in a note to clients. Bond yields edged down as traders priced in a slightly higher chance of an interest rate cut, reasoning that slower growth would outweigh the one-time jump in prices. The dollar rose against the yuan, which the central bank in Beijing set at its weakest level in several weeks.`,
  (f) =>
    `Farm groups reacted with alarm. Soybean growers, who sold roughly a quarter of their crop to China before the trade war began, said the timing could hardly be worse, with the harvest under way and storage filling up across the Midwest. An industry association said its members had already lost billions of dollars in sales and urged the administration to secure a purchase commitment before escalating further. Chinese buyers have turned increasingly to Brazil and Argentina, and shipping data show that no cargo of American ${f.product2} has been booked for delivery to Chinese ports since early summer. Agriculture officials said they were preparing another round of support payments but declined to say how large it would be. A senator from Iowa said on ${f.weekday} that farmers "want trade, not aid" and called on both governments to return to the table before the end of the month.`,
  (f) =>
    `The dispute over export controls has become as important as the tariffs themselves. Earlier this year the Commerce Department added dozens of Chinese companies to its Entity List, barring them from buying American chips and chipmaking tools without a licence, and extended the rules to subsidiaries at least half owned by a listed firm. Beijing answered with rules requiring licences for exports of rare earth elements and the magnets made from them, on which car, wind turbine and defence manufacturers around the world rely. ${f.cn} told a forum in ${f.city} that China would "apply the rules in a normal way" and grant licences to civilian users, but European business groups said approvals remained slow and unpredictable. The two sides agreed in principle last month to pause some of these measures for a year, but neither has published the legal text, and officials on each side have accused the other of backtracking.`,
  (f) =>
    `In a separate development, the Supreme Court heard arguments over whether the president may impose tariffs under the International Emergency Economic Powers Act, a 1977 law that does not mention duties. Lower courts had ruled that the tariffs exceeded the authority the law grants, but the rulings were stayed while the case was appealed. Lawyers for a group of small importers argued that Congress alone holds the power to tax and that an emergency statute cannot be read to transfer it. Government lawyers said the law's power to "regulate importation" plainly covers tariffs and that courts should not second-guess the president on matters of foreign affairs. A decision is expected by ${f.month} ${f.year + 1}. If the court rules against the government, importers could seek refunds of duties already paid, a sum that customs data suggest would exceed one hundred billion dollars, though officials have said other laws could be used to reimpose many of the tariffs.`,
  (f) =>
    `Economists cautioned against reading too much into any single announcement. Over the past year tariffs on Chinese goods have been raised, suspended, partly restored and extended so often that many companies now plan around ranges rather than rates. A survey of American firms operating in China found that a majority had no plans to leave the country but that most had stopped expanding there, shifting new investment to Vietnam, India and Mexico instead. Import data show that the share of American imports coming directly from China has fallen to its lowest level in two decades, while imports from those three countries have risen, in part because Chinese components are assembled there before shipment. Trade officials in Washington have said they intend to address such transshipment, and a proposed rule would apply a rate of ${f.rate2 + 30}% to goods found to have been routed through third countries to avoid duties.`,
  (f) =>
    `Officials familiar with the talks in ${f.city} said the sticking points were the same ones that have stalled negotiations since the spring: the scale and timing of Chinese purchases of American energy and agricultural goods, Beijing's controls on critical minerals, American restrictions on advanced chips, and fentanyl. Washington imposed a separate tariff on Chinese goods last year on the grounds that China had not done enough to stop the flow of chemicals used to make the drug, and has said it would lower that duty if Beijing took verifiable steps. Chinese officials have said they have already tightened controls on several precursor chemicals and that the issue should not be tied to trade. ${f.us} said on ${f.weekday} that "real progress" had been made on the question but that more was needed before the fentanyl tariff could be cut from 20% to 10%, as both sides had discussed.`,
  (f) =>
    `For importers, the practical questions are narrower. Goods already loaded on a vessel before the new rate takes effect have in past rounds been allowed to enter at the old rate if they arrived within several weeks, but the details have varied each time and have usually been published only days before the change. Customs brokers advised clients to check the harmonized tariff code of each product carefully, since exclusions granted for some machinery and medical goods have been extended repeatedly and could lapse. A spokesperson for a trade association of importers said its members had been told by customs officials to expect guidance "in the coming days" and urged the agency to give at least a week's notice. Several shipping lines said they would add a surcharge to bookings from Chinese ports from the first of ${f.month}, citing higher costs and uncertainty.`,
  (f) =>
    `In Beijing, the mood among foreign business executives was weary rather than alarmed. The head of a European chamber of commerce said companies had learned to live with swings in policy but that the cumulative effect was to make China a harder place to plan for. He said members were most worried about export licences for ${f.product}, which had taken weeks to obtain in some cases, and about the prospect of further additions to lists of companies barred from doing business with one side or the other. A survey by an American business group found that fewer than half of its members were optimistic about the next five years, the lowest share since the question was first asked. Officials from both governments are scheduled to meet again in ${CITIES[(CITIES.indexOf(f.city) + 3) % CITIES.length]} next month, and a summit between the two presidents has been tentatively planned for later in the year.`,
  (f) =>
    `Whatever happens at the next round, analysts said, the relationship has settled into a pattern of escalation followed by partial retreat. Each side has found that some measures hurt it nearly as much as the other, and each has kept tools in reserve. A former trade official who took part in earlier negotiations said the most likely outcome was another extension of the truce, with both sides claiming a victory and leaving the hardest questions for later. "Neither government wants to be seen to blink, but neither can afford a full break," she said. Markets appeared to share that view by the close of trading on ${f.weekday}, when stocks recovered part of their losses. Futures on ${f.product2} rose slightly after a report that Chinese state buyers had made inquiries about cargoes for shipment later in the season, though traders said no purchase had been confirmed.`,
  (f) =>
    `A government press release issued in Washington late on ${f.weekday} set out the administration's account of the talks. It said the United States had offered to extend the suspension of the higher reciprocal rate for another year in exchange for a commitment by China to buy at least twenty-five million metric tons of American soybeans a year for three years, to resume purchases of sorghum and logs, and to issue general licences for the export of rare earths, gallium and germanium to American end users. The release said Chinese negotiators had accepted the purchase figures "in principle" but had asked that the American restrictions on affiliates of listed companies be suspended first. It added that the president would decide on the next step "after consulting the relevant agencies" and that any change in rates would be announced in a notice published at least seven days before it took effect. China's foreign ministry, asked about the release, said it would not comment on the details of negotiations but that both sides had agreed to keep in close contact, and that ${f.cn} had spoken by telephone with ${f.us} on ${f.weekday} morning Beijing time.`,
];

/** The paragraphs of article n: `count` of the thirteen, starting at an offset of n. */
function paragraphsOf(n: number, count: number): string[] {
  const f = fillOf(n);
  return Array.from({ length: count }, (_, k) =>
    (PARAGRAPHS[(n + k) % PARAGRAPHS.length] as (f: Fill) => string)(f),
  );
}

/** The instant article n was published, in India Standard Time as the example: an ISO text and a dateline. */
function publishedOf(n: number): { iso: string; dateline: string } {
  const f = fillOf(n);
  const hour = (n * 7) % 24;
  const minute = (n * 13) % 60;
  const monthNumber = MONTH_NAMES.indexOf(f.month) + 1;
  const two = (x: number) => String(x).padStart(2, "0");
  return {
    iso: `${f.year}-${two(monthNumber)}-${two(f.day)}T${two(hour)}:${two(minute)}:00+05:30`,
    dateline: `Last Updated: ${f.month} ${f.day}, ${f.year} ${two(hour)}:${two(minute)}:00 IST`,
  };
}

/** A saved page: chrome (breadcrumbs, related links, share block, footer) around the article's paragraphs. */
function page(n: number, paragraphs: string[], dated: boolean): string {
  const p = publishedOf(n);
  return [
    "<!doctype html><html><head>",
    `<title>Trade talks: tariffs on Chinese goods to rise (${n})</title>`,
    dated ? `<meta property="article:published_time" content="${p.iso}">` : "",
    "</head><body>",
    '<nav class="breadcrumb">Home &gt; Business &gt; Economy</nav>',
    `<h1>Trade talks: tariffs on Chinese goods to rise (${n})</h1>`,
    dated ? `<p class="dateline">${p.dateline}</p>` : "",
    ...paragraphs.map((t) => `<p>${t}</p>`),
    "<p><strong>ALSO READ:</strong> Markets slide as oil prices jump on supply fears</p>",
    '<div class="share">Share on X | Share on Facebook | Follow us on WhatsApp</div>',
    "<footer>Copyright 2025 Example Media. All rights reserved. Disclaimer: views are the author's own.</footer>",
    "</body></html>",
  ].join("\n");
}

/** Plain text: a dateline first (when dated), then the paragraphs. */
function text(n: number, paragraphs: string[], dated: boolean): string {
  return [...(dated ? [publishedOf(n).dateline, ""] : []), ...paragraphs.flatMap((t) => [t, ""])].join("\n");
}

/** The long article: all thirteen paragraphs (about 2,000 words) as a saved page, and its publication instant. */
export function longArticle(): { raw: string; published: string; words: number } {
  const paragraphs = paragraphsOf(0, PARAGRAPHS.length);
  return {
    raw: page(0, paragraphs, true),
    published: publishedOf(0).iso,
    words: paragraphs.join(" ").split(/\s+/).length,
  };
}

/** Article n of the batch: its file name and content; every fiftieth undated (a bad file). */
export function batchArticle(n: number): { name: string; content: string; dated: boolean } {
  const dated = n % 50 !== 49;
  const paragraphs = paragraphsOf(n, 2 + (n % 4));
  const html = n % 3 !== 2;
  const name = `article-${String(n).padStart(4, "0")}.${html ? "html" : "txt"}`;
  return { name, content: html ? page(n, paragraphs, dated) : text(n, paragraphs, dated), dated };
}
