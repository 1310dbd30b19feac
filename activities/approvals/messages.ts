/** E-mails to approvers in Malay (default) and English. */
import type { Language } from '../../common/enums';

/** Why an approver gets the e-mail: a new task, a reminder, or an escalation to a unit head. */
export type ApprovalMessageKind = 'request' | 'reminder' | 'escalation';

export interface ApprovalMessageData {
  recipientName: string;
  reference: string;
  title: string;
  level: number;
  recordUrl: string;
  inboxUrl: string;
  decisionUrl: string;
  linkExpiresAt: string;
  /** Name of the approver a delegate or unit head decides for, when not the recipient. */
  forName: string | null;
}

interface Message {
  subject: string;
  text: string;
}

function malay(kind: ApprovalMessageKind, data: ApprovalMessageData): Message {
  const subjects: Record<ApprovalMessageKind, string> = {
    request: `Kelulusan diperlukan: ${data.reference}`,
    reminder: `Peringatan kelulusan: ${data.reference}`,
    escalation: `Eskalasi kelulusan: ${data.reference}`,
  };
  const behalf = data.forName ? `Anda membuat keputusan bagi pihak ${data.forName}.\n` : '';
  return {
    subject: subjects[kind],
    text:
      `Salam sejahtera ${data.recipientName},\n\n` +
      `${data.reference} (${data.title}) menunggu keputusan anda di peringkat ${data.level}.\n` +
      behalf +
      `\nButiran: ${data.recordUrl}\n` +
      `Tugasan kelulusan: ${data.inboxUrl}\n` +
      `Lulus atau tolak terus (pautan sekali guna, sah hingga ${data.linkExpiresAt}): ` +
      `${data.decisionUrl}\n\nMeja Perkhidmatan ICT`,
  };
}

function english(kind: ApprovalMessageKind, data: ApprovalMessageData): Message {
  const subjects: Record<ApprovalMessageKind, string> = {
    request: `Approval needed: ${data.reference}`,
    reminder: `Approval reminder: ${data.reference}`,
    escalation: `Approval escalated: ${data.reference}`,
  };
  const behalf = data.forName ? `You decide on behalf of ${data.forName}.\n` : '';
  return {
    subject: subjects[kind],
    text:
      `Dear ${data.recipientName},\n\n` +
      `${data.reference} (${data.title}) waits for your decision at level ${data.level}.\n` +
      behalf +
      `\nDetails: ${data.recordUrl}\n` +
      `Approvals inbox: ${data.inboxUrl}\n` +
      `Approve or reject directly (single-use link, valid until ${data.linkExpiresAt}): ` +
      `${data.decisionUrl}\n\nICT Service Desk`,
  };
}

export function renderApprovalMessage(
  language: Language,
  kind: ApprovalMessageKind,
  data: ApprovalMessageData,
): Message {
  return language === 'en' ? english(kind, data) : malay(kind, data);
}
