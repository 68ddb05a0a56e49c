/**
 * A long article written for the speed tests (not copied from any outlet): paragraphs in the style
 * of wire copy about the talks, repeated with other names, places and numbers until it is `words` long.
 */
const ANALYSTS = [
  "Maria Keller",
  "Tomás Ribeiro",
  "Aiko Tanaka",
  "Samuel Okafor",
  "Priya Raman",
  "Lukas Brandt",
  "Elena Petrova",
  "Daniel Whitfield",
  "Chen Meiling",
  "Rafael Ortega",
];
const FIRMS = [
  "Harbor Capital",
  "Northgate Research",
  "Pacific Ledger Group",
  "Sterling Macro Advisors",
  "Eastbridge Partners",
];
const CITIES = ["Geneva", "Kuala Lumpur", "Madrid", "Stockholm", "London", "Paris", "Busan"];

function paragraph(i: number): string {
  const analyst = ANALYSTS[i % ANALYSTS.length] as string;
  const firm = FIRMS[i % FIRMS.length] as string;
  const city = CITIES[i % CITIES.length] as string;
  const rate = 10 + (i % 7) * 5;
  return [
    `Treasury Secretary Scott Bessent and Vice Premier He Lifeng held a further round of talks in ${city} on Saturday, officials said.`,
    `Bessent told reporters the two sides had made progress on fentanyl, export controls and farm purchases, while He said China wanted the tariffs removed.`,
    `The US inbound tariffs on Chinese goods stand at about ${rate + 40}%, and Chinese inbound tariffs on US goods at about ${rate + 20}%, according to estimates by ${firm}.`,
    `"The truce is fragile and the deadline matters," said ${analyst}, an economist at ${firm}, adding that a 24% tariff remains suspended until November 10.`,
    `Trump threatened an additional 100% tariff on Chinese goods if the talks failed, and the Commerce Department said it could widen the entity list.`,
    `China's Ministry of Commerce said it would buy more US soybeans and keep its rare-earth export controls suspended, while the State Council Tariff Commission kept its ${rate}% levy in place.`,
    `Markets in Shanghai and New York rose after the statement, and ${analyst} said investors expected the Supreme Court to rule on the emergency tariffs before the end of the year.`,
  ].join(" ");
}

export function longArticle(words: number): string {
  const paragraphs: string[] = [];
  let count = 0;
  for (let i = 0; count < words; i++) {
    const p = paragraph(i);
    paragraphs.push(p);
    count += p.split(/\s+/).length;
  }
  return paragraphs.join("\n\n");
}
