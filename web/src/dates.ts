/** Calendar dates as the pages shift them (YYYY-MM-DD, counted in UTC so no zone moves a day). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
