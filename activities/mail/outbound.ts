/**
 * Headers and the HTML part of the mail that Khidmat sends about a case. Every message gets its
 * own Message-ID (recorded in the outbox, so a reply to it finds its case), and In-Reply-To and
 * References name one thread id per case, so mail clients show a case's mail as one conversation.
 */
import { khidmatMailHeader, mailDomainOf, ownMessageId } from '../../common/mail';

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/** Renders plain text as simple HTML: escaped, paragraphs kept, web links made clickable. */
export function textToHtml(text: string): string {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((paragraph) => {
      const escaped = escapeHtml(paragraph).replace(
        /https?:\/\/[^\s<>&"]+/g,
        (url) => `<a href="${url}">${url}</a>`,
      );
      return `<p>${escaped.replaceAll('\n', '<br>')}</p>`;
    });
  return `<!doctype html><html><body>${paragraphs.join('\n')}</body></html>`;
}

/** The options that nodemailer's sendMail needs for one automatic message about a case. */
export function caseMailOptions(input: {
  notificationId: string;
  caseId: string;
  mailFrom: string;
  text: string;
}) {
  const domain = mailDomainOf(input.mailFrom);
  const thread = `<${ownMessageId(`case.${input.caseId}`, domain)}>`;
  return {
    messageId: `<${ownMessageId(input.notificationId, domain)}>`,
    inReplyTo: thread,
    references: [thread],
    html: textToHtml(input.text),
    headers: { 'Auto-Submitted': 'auto-generated', [khidmatMailHeader]: input.notificationId },
  };
}
