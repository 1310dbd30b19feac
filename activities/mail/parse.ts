/**
 * Parses a raw RFC 822 message with mailparser into what the e-mail channel needs: sender,
 * threading headers, the customer's own text (quoted history and signature trimmed) and the
 * attachments. Text that mailparser decodes with losses is decoded again with the repairs of
 * decode.ts.
 */
import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject, type HeaderValue, type ParsedMail } from 'mailparser';
import { countLostCharacters, repairHeaderBytes, withFallbackCharsets } from './decode';
import { trimReply } from './trim';

export interface ParsedAttachment {
  fileName: string;
  /** Type the message declares; the content is sniffed again before it is kept. */
  declaredType: string;
  content: Buffer;
  size: number;
  sha256: string;
  inline: boolean;
}

export interface ParsedMessage {
  messageId: string | null;
  fromAddress: string | null;
  fromName: string;
  subject: string;
  /** The Date header, or the arrival time when the header is missing or unreadable. */
  date: Date;
  dateFromHeader: boolean;
  inReplyTo: string[];
  references: string[];
  /** The whole text, from the text part or else the HTML part turned into text. */
  fullText: string;
  /** The text without quoted history and signature; the full text when trimming left nothing. */
  text: string;
  attachments: ParsedAttachment[];
  /** Header names lower-case, values as strings. */
  headers: Map<string, string>;
  contentType: string;
}

/** Strips angle brackets and white space from a Message-ID; null when nothing is left. */
export function normaliseMessageId(value: string): string | null {
  const trimmed = value
    .trim()
    .replace(/^<+|>+$/g, '')
    .trim();
  return trimmed.length > 0 ? trimmed.toLowerCase() : null;
}

/** Splits an In-Reply-To or References value into normalised Message-IDs. */
function messageIdList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  const joined = Array.isArray(value) ? value.join(' ') : value;
  const ids = joined.match(/<[^<>\s]+>/g) ?? joined.split(/\s+/);
  return ids.map(normaliseMessageId).filter((id): id is string => id !== null);
}

function headerText(value: HeaderValue): string {
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => headerText(item as HeaderValue)).join(', ');
  if (typeof value === 'object' && value !== null) {
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('value' in value && typeof value.value === 'string') {
      const params = 'params' in value && value.params ? value.params : {};
      const rest = Object.entries(params).map(([key, param]) => `; ${key}=${String(param)}`);
      return `${value.value}${rest.join('')}`;
    }
  }
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

function firstSender(from: AddressObject | undefined): { address: string | null; name: string } {
  const first = from?.value.find((entry) => entry.address);
  const address = first?.address?.trim().toLowerCase() ?? null;
  return {
    address: address && /^[^\s@]+@[^\s@]+$/.test(address) ? address : null,
    name: first?.name?.trim() ?? '',
  };
}

/** Reads the Date header itself, because mailparser puts the parse time in place of a bad date. */
function dateOf(raw: Buffer, receivedAt: Date): { date: Date; fromHeader: boolean } {
  const header = /^date:[ \t]*([^\r\n]*(?:\r?\n[ \t][^\r\n]*)*)/im.exec(
    raw.subarray(0, 64 * 1024).toString('latin1'),
  )?.[1];
  const parsed = header ? new Date(header.replace(/\s+/g, ' ').replace(/\s*\(.*\)\s*$/, '')) : null;
  if (parsed && !Number.isNaN(parsed.getTime())) return { date: parsed, fromHeader: true };
  return { date: receivedAt, fromHeader: false };
}

function textOf(parsed: ParsedMail): string {
  if (parsed.text && parsed.text.trim().length > 0) return parsed.text;
  return '';
}

function lostCharacters(parsed: ParsedMail): number {
  return (
    countLostCharacters(parsed.text ?? '') +
    countLostCharacters(typeof parsed.html === 'string' ? parsed.html : '')
  );
}

const parserOptions = { skipImageLinks: true, maxHtmlLengthToParse: 2 * 1024 * 1024 };

/**
 * Parses the raw bytes. Raw 8-bit header lines are repaired first. When the body loses
 * characters to an unknown, missing or wrong charset, a second pass reads those parts as
 * windows-1252, and its result is kept if it loses fewer.
 */
export async function parseMessage(raw: Buffer, receivedAt: Date): Promise<ParsedMessage> {
  const repaired = repairHeaderBytes(raw);
  let parsed = await simpleParser(repaired, parserOptions);
  const lost = lostCharacters(parsed);
  if (lost > 0) {
    const second = await simpleParser(withFallbackCharsets(repaired), parserOptions);
    if (lostCharacters(second) < lost) parsed = second;
  }

  const headers = new Map<string, string>();
  for (const [name, value] of parsed.headers) headers.set(name.toLowerCase(), headerText(value));

  const sender = firstSender(parsed.from);
  const { date, fromHeader } = dateOf(raw, receivedAt);
  const fullText = textOf(parsed);
  const trimmed = trimReply(fullText);
  const attachments = parsed.attachments.map((attachment) => ({
    fileName: attachment.filename ?? '',
    declaredType: attachment.contentType,
    content: attachment.content,
    size: attachment.content.length,
    sha256: createHash('sha256').update(attachment.content).digest('hex'),
    inline: attachment.contentDisposition === 'inline' || attachment.related === true,
  }));

  return {
    messageId: parsed.messageId ? normaliseMessageId(parsed.messageId) : null,
    fromAddress: sender.address,
    fromName: sender.name,
    subject: (parsed.subject ?? '').replace(/\s+/g, ' ').trim(),
    date,
    dateFromHeader: fromHeader,
    inReplyTo: messageIdList(parsed.inReplyTo),
    references: messageIdList(parsed.references),
    fullText: fullText.trim(),
    text: trimmed.length > 0 ? trimmed : fullText.trim(),
    attachments,
    headers,
    contentType: headers.get('content-type') ?? 'text/plain',
  };
}
