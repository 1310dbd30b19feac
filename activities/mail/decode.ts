/**
 * Repairs for text that mailparser decodes with losses: header lines in raw 8-bit bytes that are
 * not UTF-8, and body parts whose charset is missing, unknown or wrong. Each repair works on a copy
 * of the raw message; the stored bytes never change.
 */
import iconv from 'iconv-lite';

/** Charset used when the declared one is missing or unknown; it maps every byte to a character. */
export const fallbackCharset = 'windows-1252';

const replacementCharacter = '\uFFFD';

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Counts U+FFFD, the mark a decoder leaves for bytes it could not read. */
export function countLostCharacters(text: string): number {
  let count = 0;
  for (const character of text) if (character === replacementCharacter) count += 1;
  return count;
}

/** Returns where the top-level header block ends (the index of its blank line), or -1. */
function headerEnd(raw: Buffer): number {
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  if (crlf === -1) return lf;
  if (lf === -1) return crlf;
  return Math.min(crlf, lf);
}

/**
 * Re-encodes to UTF-8 every top-level header line that carries 8-bit bytes which are not UTF-8,
 * reading them as windows-1252. Mailparser reads raw 8-bit headers as UTF-8 and would otherwise
 * turn each such byte into U+FFFD. Returns the input unchanged when no line needs it.
 */
export function repairHeaderBytes(raw: Buffer): Buffer {
  const end = headerEnd(raw);
  if (end === -1) return raw;
  const header = raw.subarray(0, end);
  if (!header.some((byte) => byte >= 0x80)) return raw;

  let changed = false;
  const lines: Buffer[] = [];
  let start = 0;
  while (start <= header.length) {
    const newline = header.indexOf(0x0a, start);
    const stop = newline === -1 ? header.length : newline + 1;
    const line = header.subarray(start, stop);
    if (line.some((byte) => byte >= 0x80) && !isUtf8(line)) {
      lines.push(Buffer.from(iconv.decode(line, fallbackCharset), 'utf8'));
      changed = true;
    } else {
      lines.push(line);
    }
    if (newline === -1) break;
    start = stop;
  }
  return changed ? Buffer.concat([...lines, raw.subarray(end)]) : raw;
}

/**
 * Rewrites the charset of every text part for a second decoding pass: charsets that iconv-lite
 * does not know, and UTF-8 or a missing charset, become windows-1252, which loses no byte. The
 * caller keeps whichever pass lost fewer characters.
 */
export function withFallbackCharsets(raw: Buffer): Buffer {
  const source = raw.toString('latin1');
  const rewritten = source.replace(
    /(content-type:[ \t]*text\/[a-z0-9.+-]+)((?:[ \t]*;[^\r\n]*|\r?\n[ \t][^\r\n]*)*)/gi,
    (_match, type: string, parameters: string) => {
      const charset = /charset\s*=\s*"?([^";\s]+)"?/i.exec(parameters)?.[1];
      const keep = charset && iconv.encodingExists(charset) && !/^utf-?8$/i.test(charset);
      if (keep) return `${type}${parameters}`;
      const others = parameters.replace(/;?\s*charset\s*=\s*"?[^";\s]+"?/i, '');
      return `${type}; charset=${fallbackCharset}${others}`;
    },
  );
  const end = headerEnd(raw);
  const header = end === -1 ? source : source.slice(0, end);
  // A message without any Content-Type is text/plain; give it the fallback charset explicitly.
  const typed = /^content-type:/im.test(header)
    ? rewritten
    : `Content-Type: text/plain; charset=${fallbackCharset}\r\n${rewritten}`;
  return typed === source ? raw : Buffer.from(typed, 'latin1');
}
