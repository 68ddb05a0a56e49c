/** An amount of the API (a decimal string of dollars) as the pages show it: $9,400.00. */
export const money = (amount: string | null): string =>
  amount === null
    ? "not computed"
    : `$${Number(amount).toLocaleString("en-US", { minimumFractionDigits: 2 })}`;
