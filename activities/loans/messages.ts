/** Malay (default) and English e-mails of the facilityLoan workflow. */
import type { Language } from '../../common/enums';

export const loanTemplateNames = [
  'loanApproved',
  'loanRejected',
  'loanCancelled',
  'loanHandedOver',
  'loanReminder',
  'loanOverdue',
  'loanEscalation',
  'loanReturned',
] as const;
export type LoanTemplateName = (typeof loanTemplateNames)[number];

export interface LoanTemplateData {
  recipientName: string;
  reference: string;
  resourceName: string;
  borrowerName: string;
  startsAt: string;
  endsAt: string;
  loanUrl: string;
  reason: string;
}

interface Mail {
  subject: string;
  text: string;
}

type LoanTemplates = Record<LoanTemplateName, (data: LoanTemplateData) => Mail>;

const msSignature = '\n\nMeja Perkhidmatan ICT';
const enSignature = '\n\nICT Service Desk';

const ms: LoanTemplates = {
  loanApproved: (d) => ({
    subject: `Pinjaman ${d.reference} diluluskan`,
    text:
      `Salam sejahtera ${d.recipientName},\n\n` +
      `Permohonan pinjaman ${d.resourceName} (${d.reference}) telah diluluskan.\n` +
      `Tempoh: ${d.startsAt} hingga ${d.endsAt}\n\n` +
      `Sila ambil kelengkapan daripada juruteknik pada tarikh mula. Butiran: ${d.loanUrl}` +
      msSignature,
  }),
  loanRejected: (d) => ({
    subject: `Pinjaman ${d.reference} tidak diluluskan`,
    text:
      `Salam sejahtera ${d.recipientName},\n\n` +
      `Permohonan pinjaman ${d.resourceName} (${d.reference}) tidak diluluskan.\n` +
      `Sebab: ${d.reason}\n\n` +
      `Butiran: ${d.loanUrl}` +
      msSignature,
  }),
  loanCancelled: (d) => ({
    subject: `Pinjaman ${d.reference} dibatalkan`,
    text:
      `Salam sejahtera ${d.recipientName},\n\n` +
      `Pinjaman ${d.resourceName} (${d.reference}) telah dibatalkan dan tempahan dilepaskan.\n` +
      `Sebab: ${d.reason}\n\n` +
      `Butiran: ${d.loanUrl}` +
      msSignature,
  }),
  loanHandedOver: (d) => ({
    subject: `Kelengkapan pinjaman ${d.reference} telah diserahkan`,
    text:
      `Salam sejahtera ${d.recipientName},\n\n` +
      `${d.resourceName} telah diserahkan kepada anda. Sila pulangkan sebelum ${d.endsAt}.\n\n` +
      `Butiran: ${d.loanUrl}` +
      msSignature,
  }),
  loanReminder: (d) => ({
    subject: `Peringatan: pulangkan ${d.resourceName} sebelum ${d.endsAt}`,
    text:
      `Salam sejahtera ${d.recipientName},\n\n` +
      `Pinjaman ${d.reference} (${d.resourceName}) perlu dipulangkan sebelum ${d.endsAt}.\n\n` +
      `Butiran: ${d.loanUrl}` +
      msSignature,
  }),
  loanOverdue: (d) => ({
    subject: `Pinjaman ${d.reference} lewat pulang`,
    text:
      `Salam sejahtera ${d.recipientName},\n\n` +
      `${d.resourceName} (${d.reference}) sepatutnya dipulangkan pada ${d.endsAt}. ` +
      `Sila pulangkan dengan segera.\n\n` +
      `Butiran: ${d.loanUrl}` +
      msSignature,
  }),
  loanEscalation: (d) => ({
    subject: `Eskalasi: pinjaman ${d.reference} masih belum dipulangkan`,
    text:
      `Salam sejahtera ${d.recipientName},\n\n` +
      `${d.resourceName} yang dipinjam oleh ${d.borrowerName} (${d.reference}) ` +
      `masih belum dipulangkan. Tarikh pulang: ${d.endsAt}.\n\n` +
      `Butiran: ${d.loanUrl}` +
      msSignature,
  }),
  loanReturned: (d) => ({
    subject: `Pinjaman ${d.reference} telah dipulangkan`,
    text:
      `Salam sejahtera ${d.recipientName},\n\n` +
      `Pemulangan ${d.resourceName} (${d.reference}) telah direkodkan. Terima kasih.\n\n` +
      `Butiran: ${d.loanUrl}` +
      msSignature,
  }),
};

const en: LoanTemplates = {
  loanApproved: (d) => ({
    subject: `Loan ${d.reference} approved`,
    text:
      `Dear ${d.recipientName},\n\n` +
      `Your loan request for ${d.resourceName} (${d.reference}) has been approved.\n` +
      `Period: ${d.startsAt} to ${d.endsAt}\n\n` +
      `Please collect the equipment from the technician on the start date. Details: ${d.loanUrl}` +
      enSignature,
  }),
  loanRejected: (d) => ({
    subject: `Loan ${d.reference} rejected`,
    text:
      `Dear ${d.recipientName},\n\n` +
      `Your loan request for ${d.resourceName} (${d.reference}) was rejected.\n` +
      `Reason: ${d.reason}\n\n` +
      `Details: ${d.loanUrl}` +
      enSignature,
  }),
  loanCancelled: (d) => ({
    subject: `Loan ${d.reference} cancelled`,
    text:
      `Dear ${d.recipientName},\n\n` +
      `The loan of ${d.resourceName} (${d.reference}) was cancelled and its booking released.\n` +
      `Reason: ${d.reason}\n\n` +
      `Details: ${d.loanUrl}` +
      enSignature,
  }),
  loanHandedOver: (d) => ({
    subject: `Loan ${d.reference} handed over`,
    text:
      `Dear ${d.recipientName},\n\n` +
      `${d.resourceName} has been handed over to you. Please return it by ${d.endsAt}.\n\n` +
      `Details: ${d.loanUrl}` +
      enSignature,
  }),
  loanReminder: (d) => ({
    subject: `Reminder: return ${d.resourceName} by ${d.endsAt}`,
    text:
      `Dear ${d.recipientName},\n\n` +
      `Loan ${d.reference} (${d.resourceName}) is due back by ${d.endsAt}.\n\n` +
      `Details: ${d.loanUrl}` +
      enSignature,
  }),
  loanOverdue: (d) => ({
    subject: `Loan ${d.reference} is overdue`,
    text:
      `Dear ${d.recipientName},\n\n` +
      `${d.resourceName} (${d.reference}) was due back on ${d.endsAt}. Please return it now.\n\n` +
      `Details: ${d.loanUrl}` +
      enSignature,
  }),
  loanEscalation: (d) => ({
    subject: `Escalation: loan ${d.reference} has not been returned`,
    text:
      `Dear ${d.recipientName},\n\n` +
      `${d.resourceName}, borrowed by ${d.borrowerName} (${d.reference}), ` +
      `has not been returned. It was due on ${d.endsAt}.\n\n` +
      `Details: ${d.loanUrl}` +
      enSignature,
  }),
  loanReturned: (d) => ({
    subject: `Loan ${d.reference} returned`,
    text:
      `Dear ${d.recipientName},\n\n` +
      `The return of ${d.resourceName} (${d.reference}) has been recorded. Thank you.\n\n` +
      `Details: ${d.loanUrl}` +
      enSignature,
  }),
};

export const loanTemplates: Record<Language, LoanTemplates> = { ms, en };
