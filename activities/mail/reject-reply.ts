/**
 * The reply sent when a mailbox's policy rejects a sender from an unknown domain, in Malay and
 * English in one message, because the sender's language is not known. It is marked as an
 * automatic reply, so a well-behaved auto-responder does not answer it.
 */
import type { Transporter } from 'nodemailer';
import { khidmatMailHeader } from '../../common/mail';

export interface RejectReplyInput {
  from: string;
  to: string;
  mailboxAddress: string;
  originalMessageId: string | null;
  originalSubject: string;
  messageId: string;
}

export function rejectReplyText(mailboxAddress: string): string {
  return [
    'Mesej anda tidak diterima kerana alamat e-mel anda bukan daripada domain yang dikenali oleh',
    `peti mel ${mailboxAddress}. Sila hantar aduan anda melalui portal Khidmat.`,
    '',
    'Your message was not accepted because your e-mail address is not in a domain known to the',
    `mailbox ${mailboxAddress}. Please send your complaint through the Khidmat portal.`,
  ].join('\n');
}

export async function sendRejectReply(mailer: Transporter, input: RejectReplyInput): Promise<void> {
  const subject = input.originalSubject ? `Re: ${input.originalSubject}` : 'Re:';
  await mailer.sendMail({
    from: input.from,
    to: input.to,
    subject: subject.slice(0, 250),
    text: rejectReplyText(input.mailboxAddress),
    messageId: `<${input.messageId}>`,
    ...(input.originalMessageId
      ? { inReplyTo: `<${input.originalMessageId}>`, references: `<${input.originalMessageId}>` }
      : {}),
    headers: { 'Auto-Submitted': 'auto-replied', [khidmatMailHeader]: 'reject' },
  });
}
