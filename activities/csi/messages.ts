/** The CSI campaign e-mails in Malay and English: the invitation and its reminders. */
import type { Language } from '../../common/enums';
import { formatMalaysianTime } from '../notifications/format';

export interface CsiMessage {
  subject: string;
  text: string;
}

export interface CsiInvitationData {
  recipientName: string;
  title: string;
  /** The questionnaire's address, which carries the single-use token. */
  url: string;
  closesAt: string;
  services: number;
}

const words = {
  ms: {
    invitationSubject: (title: string) => `Kaji selidik indeks kepuasan pelanggan: ${title}`,
    reminderSubject: (title: string) => `Peringatan: ${title}`,
    greeting: (name: string) => `Salam sejahtera ${name},`,
    invitation: (title: string, services: number) =>
      `Anda dipilih untuk menjawab "${title}". Sila nilai ${services} perkhidmatan ICT yang ` +
      'pernah anda gunakan pada skala 1 hingga 5. Jawapan anda tidak dikaitkan dengan nama anda.',
    reminder: (title: string) =>
      `Kami belum menerima jawapan anda bagi "${title}". Pendapat anda membantu kami menambah ` +
      'baik perkhidmatan ICT.',
    link: (url: string, closesAt: string) =>
      `Pautan ini boleh digunakan sekali sahaja, sebelum kaji selidik ditutup pada ${closesAt}: ${url}`,
    signature: 'Meja Khidmat ICT',
  },
  en: {
    invitationSubject: (title: string) => `Customer satisfaction index survey: ${title}`,
    reminderSubject: (title: string) => `Reminder: ${title}`,
    greeting: (name: string) => `Dear ${name},`,
    invitation: (title: string, services: number) =>
      `You have been chosen to answer "${title}". Please rate the ${services} ICT services you ` +
      'have used on a scale of 1 to 5. Your answers are not linked to your name.',
    reminder: (title: string) =>
      `We have not yet received your answers to "${title}". Your views help us improve the ICT ` +
      'services.',
    link: (url: string, closesAt: string) =>
      `This link can be used once, before the survey closes at ${closesAt}: ${url}`,
    signature: 'ICT Service Desk',
  },
} as const;

/** Renders the invitation, or a reminder when `reminder` is true. */
export function renderCsiInvitation(
  language: Language,
  data: CsiInvitationData,
  reminder: boolean,
): CsiMessage {
  const w = words[language];
  return {
    subject: reminder ? w.reminderSubject(data.title) : w.invitationSubject(data.title),
    text: [
      w.greeting(data.recipientName),
      '',
      reminder ? w.reminder(data.title) : w.invitation(data.title, data.services),
      '',
      w.link(data.url, formatMalaysianTime(data.closesAt)),
      '',
      w.signature,
    ].join('\n'),
  };
}
