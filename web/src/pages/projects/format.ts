/** Amounts and dates as the project screens show them. */

const ringgit = new Intl.NumberFormat('ms-MY', {
  style: 'currency',
  currency: 'MYR',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

/** Formats an amount in RM with sen, such as RM 300,000.00. */
export function formatRinggit(amount: number): string {
  return ringgit.format(amount);
}

/** Formats a yyyy-MM-dd day as dd/MM/yyyy. */
export function formatDay(day: string): string {
  const [year, month, date] = day.slice(0, 10).split('-');
  return `${date}/${month}/${year}`;
}

/** Formats a fraction such as 0.025 as a percentage such as 2.5. */
export function toPercent(fraction: number): number {
  return Math.round(fraction * 100 * 1000) / 1000;
}

/** Turns a percentage such as 2.5 back into the fraction 0.025 that the API stores. */
export function fromPercent(percent: number): number {
  return Math.round(percent * 1000) / 100_000;
}
