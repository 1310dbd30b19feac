/**
 * Dates, times and sizes as Malaysian users read them: dd/MM/yyyy and 24-hour HH:mm in
 * Asia/Kuala_Lumpur, whatever the browser's own zone.
 */
const timeZone = 'Asia/Kuala_Lumpur';

const dateTimeParts = new Intl.DateTimeFormat('en-GB', {
  timeZone,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function partsOf(iso: string): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const part of dateTimeParts.formatToParts(new Date(iso))) parts[part.type] = part.value;
  return parts;
}

/** Formats an ISO instant as dd/MM/yyyy HH:mm in Malaysian time. */
export function formatDateTime(iso: string): string {
  const p = partsOf(iso);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** Formats an ISO instant as dd/MM/yyyy in Malaysian time. */
export function formatDate(iso: string): string {
  const p = partsOf(iso);
  return `${p.day}/${p.month}/${p.year}`;
}

/** Formats a size in bytes with binary units, such as 1.5 MB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Returns today's date in Malaysia as YYYY-MM-DD. */
export function malaysianToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kuala_Lumpur' }).format(new Date());
}

/** Formats YYYY-MM-DD as dd/MM/yyyy. */
export function formatDay(day: string): string {
  const [year, month, date] = day.split('-');
  return `${date}/${month}/${year}`;
}
