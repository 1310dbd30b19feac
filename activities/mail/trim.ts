/**
 * Cuts quoted history and signatures off the text of a reply, so a case's timeline shows what the
 * customer wrote this time. Markers are recognised in Malay and English; everything from the first
 * marker on is dropped.
 */

/** Lines that start the quoted history of a reply or a forwarded message. */
const historyMarkers: RegExp[] = [
  // "On Mon, 1 Dec 2026 at 10:00, Aminah <a@utm.my> wrote:"; Gmail may wrap it over two lines.
  /^On\b.{0,200}\bwrote:\s*$/i,
  // "Pada Isn, 1 Dis 2026 10:00, Aminah <a@utm.my> menulis:"
  /^Pada\b.{0,200}\bmenulis:\s*$/i,
  /^-{2,}\s*Original Message\s*-{2,}\s*$/i,
  /^-{2,}\s*Mesej Asal\s*-{2,}\s*$/i,
  /^-{2,}\s*Forwarded message\s*-{2,}\s*$/i,
  /^-{2,}\s*Mesej dimajukan\s*-{2,}\s*$/i,
  /^_{10,}\s*$/,
];

/** A header line of an Outlook quote block ("From: ...", "Daripada: ..."). */
const quoteHeaderLine = /^\*?(From|Daripada|Dari):\*?\s+\S/i;
/** Lines that follow "From:" in an Outlook quote block. */
const quoteFollowLine = /^\*?(Sent|Dihantar|Date|Tarikh|To|Kepada|Subject|Subjek|Perkara):\*?\s/i;

function startsHistory(lines: string[], index: number): boolean {
  const line = (lines[index] ?? '').trim();
  if (historyMarkers.some((marker) => marker.test(line))) return true;
  // A two-line "On ... \n ... wrote:" as Gmail wraps long sender names.
  const next = (lines[index + 1] ?? '').trim();
  if (/^(On|Pada)\b/i.test(line) && /\b(wrote|menulis):\s*$/i.test(next) && line.length < 200) {
    return true;
  }
  if (quoteHeaderLine.test(line)) {
    const following = lines.slice(index + 1, index + 4).map((item) => item.trim());
    return following.some((item) => quoteFollowLine.test(item));
  }
  return false;
}

/** Returns the text before the first history marker, signature ("-- ") or run of "> " lines. */
export function trimReply(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let end = lines.length;
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    if (line === '-- ' || line === '--') {
      end = index;
      break;
    }
    if (startsHistory(lines, index)) {
      end = index;
      break;
    }
    // A block of quoted lines that runs to the end of the message is history.
    if (/^>/.test(line) && lines.slice(index).every((rest) => /^>/.test(rest) || !rest.trim())) {
      end = index;
      break;
    }
  }
  return lines.slice(0, end).join('\n').trim();
}
