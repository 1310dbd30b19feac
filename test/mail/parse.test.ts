/**
 * Parsing, decoding, trimming and loop protection of inbound mail, on the fixture corpus in
 * test/fixtures/email.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyMessage } from '../../activities/mail/classify';
import { parseMessage } from '../../activities/mail/parse';
import { rawSender } from '../../activities/mail/store';
import { trimReply } from '../../activities/mail/trim';
import { caseMailOptions, textToHtml } from '../../activities/mail/outbound';

const fixtureDir = new URL('../fixtures/email/', import.meta.url);
const arrival = new Date('2026-12-03T02:00:00.000Z');
const ownDomain = 'khidmat.test';

function fixture(name: string): Buffer {
  return readFileSync(new URL(name, fixtureDir));
}

async function parsed(name: string) {
  return parseMessage(fixture(name), arrival);
}

describe('mail decoding', () => {
  it.each([
    ['charset-ks-c-5601.eml', '안녕하세요 프린터가 고장났습니다', '프린터 고장'],
    ['charset-windows-874.eml', 'สวัสดีครับ เครื่องพิมพ์เสีย', 'Printer'],
    ['charset-mac-roman.eml', "Le café est fermé, l'imprimante aussi.", 'Imprimante'],
    ['charset-invalid.eml', 'La impresión falló en la sección de café.', 'Impresora'],
    ['charset-missing-8bit.eml', 'Der Drucker im Büro ist kaputt. Grüße', 'Drucker'],
  ])('%s decodes without losing text', async (name, text, subject) => {
    const message = await parsed(name);
    expect(message.text).toBe(text);
    expect(message.subject).toBe(subject);
  });

  it('raw 8-bit headers keep their letters', async () => {
    const message = await parsed('raw-8bit-headers.eml');
    expect(message.subject).toBe('Drucker kaputt im Büro');
    expect(message.fromName).toBe('Jürgen Müller');
    expect(message.text).toBe('Bitte um Hilfe, Grüße.');
  });

  it('unreadable date falls back to arrival', async () => {
    const message = await parsed('bad-date.eml');
    expect(message.date.toISOString()).toBe(arrival.toISOString());
    expect(message.dateFromHeader).toBe(false);
    const good = await parsed('plain.eml');
    expect(good.date.toISOString()).toBe('2026-12-03T01:15:00.000Z');
  });

  it('html-only mail becomes text without scripts', async () => {
    const message = await parsed('html-only.eml');
    expect(message.text).toContain(
      'Saya tidak dapat MENYAMBUNG ke Wi-Fi di perpustakaan.'.replace('MENYAMBUNG', 'menyambung'),
    );
    expect(message.text).not.toContain('alert');
    expect(message.text).not.toContain('color:red');
  });

  it('attachment names lose paths and controls', async () => {
    const message = await parsed('awkward-attachment-names.eml');
    const names = message.attachments.map((part) => part.fileName);
    expect(names).toHaveLength(4);
    // The raw names as decoded (RFC 2231 and RFC 2047); cleaning happens when they are kept.
    expect(names[0]).toContain('../../etc/ralat');
    expect(names[1]).toBe('C:\\Users\\aminah\\skrin ralat.png');
    expect(names[2]).toBe('tangkapan skrin é.png');
  });

  it('malformed message parses without a sender', async () => {
    const message = await parsed('malformed.eml');
    expect(message.fromAddress).toBeNull();
    expect(rawSender(fixture('malformed.eml'))).toBeNull();
  });
});

describe('reply trimming', () => {
  it.each([
    ['Baik.\n\nOn Mon, 1 Dec 2026 at 10:00, Ali <ali@utm.my> wrote:\n> lama', 'Baik.'],
    ['Baik.\n\nPada Isn, 1 Dis 2026 10:00, Ali <ali@utm.my> menulis:\n> lama', 'Baik.'],
    ['Baik.\n-----Original Message-----\nFrom: Ali', 'Baik.'],
    ['Baik.\n\nDaripada: Ali <ali@utm.my>\nDihantar: Isnin\nKepada: Meja\nPerkara: X', 'Baik.'],
    ['Baik.\n\nFrom: Ali <ali@utm.my>\nSent: Monday\nTo: Desk\nSubject: X', 'Baik.'],
    ['Baik.\n-- \nAli\nFakulti', 'Baik.'],
    ['Baik.\n\n> quoted\n> more\n', 'Baik.'],
    [
      'From: the start of my own text is not a quote header',
      'From: the start of my own text is not a quote header',
    ],
  ])('trims history of %#', (text, expected) => {
    expect(trimReply(text)).toBe(expected);
  });

  it('signature and quote are cut from fixtures', async () => {
    expect((await parsed('plain.eml')).text).toBe(
      'Salam,\n\nPencetak di makmal FC aras 2 tidak mencetak sejak pagi tadi.\nMohon bantuan.',
    );
    expect((await parsed('reply-by-headers.eml')).text).toBe(
      'Pencetak masih rosak selepas dimulakan semula.',
    );
    expect((await parsed('forwarded.eml')).text).toBe(
      'Tolong semak e-mel di bawah, akaun pelajar saya dikunci.',
    );
  });
});

describe('loop protection', () => {
  it.each([
    ['auto-reply-auto-submitted.eml', 'auto_reply'],
    ['auto-reply-exchange.eml', 'auto_reply'],
    ['auto-reply-subject-ms.eml', 'auto_reply'],
    ['auto-reply-subject-de.eml', 'auto_reply'],
    ['auto-reply-precedence.eml', 'auto_reply'],
    ['bounce-dsn.eml', 'bounce'],
    ['bounce-plain-daemon.eml', 'bounce'],
    ['bounce-exchange-ndr.eml', 'bounce'],
    ['own-mail.eml', 'own_mail'],
    ['calendar-reply.eml', 'calendar_reply'],
    ['calendar-invite.eml', 'person'],
    ['plain.eml', 'person'],
    ['forwarded.eml', 'person'],
    ['reply-by-headers.eml', 'person'],
  ])('%s is %s', async (name, kind) => {
    expect(classifyMessage(await parsed(name), ownDomain).kind).toBe(kind);
  });

  it('dsn bounce names recipient and original', async () => {
    const kind = classifyMessage(await parsed('bounce-dsn.eml'), ownDomain);
    expect(kind).toEqual({
      kind: 'bounce',
      failedRecipients: ['hilang@utm.my'],
      originalMessageIds: ['khidmat.00000000-0000-4000-8000-000000000002@khidmat.test'],
    });
  });
});

describe('outbound case mail', () => {
  it('sets thread headers and auto-submitted', () => {
    const options = caseMailOptions({
      notificationId: 'AAAA0000-0000-4000-8000-000000000001',
      caseId: 'c1',
      mailFrom: 'Khidmat <khidmat@Khidmat.Test>',
      text: 'Hello <b>\n\nhttps://khidmat.test/cases/ADU-2026-000001',
    });
    expect(options.messageId).toBe('<khidmat.aaaa0000-0000-4000-8000-000000000001@khidmat.test>');
    expect(options.inReplyTo).toBe('<khidmat.case.c1@khidmat.test>');
    expect(options.references).toEqual(['<khidmat.case.c1@khidmat.test>']);
    expect(options.headers['Auto-Submitted']).toBe('auto-generated');
    expect(textToHtml('a <b>')).toContain('a &lt;b&gt;');
    expect(options.html).toContain('<a href="https://khidmat.test/cases/ADU-2026-000001">');
  });
});
