/** Formatting shared by the notification templates. */

const malaysianTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Kuala_Lumpur',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** Formats an instant as dd/MM/yyyy HH:mm in Malaysian time (UTC+8), as users read dates. */
export function formatMalaysianTime(iso: string): string {
  const parts = Object.fromEntries(
    malaysianTime.formatToParts(new Date(iso)).map((part) => [part.type, part.value]),
  );
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}

/** Returns the public base URL of the web app without a trailing slash. */
export function publicBaseUrl(publicUrl: string | undefined): string {
  return (publicUrl ?? 'http://localhost:3000').replace(/\/+$/, '');
}
