/** The survey e-mails in Malay and English: the invitation, its reminder, and the follow-up alert. */
import type { Language } from '../../common/enums';
import { formatMalaysianTime } from '../notifications/format';

export interface SurveyMessage {
  subject: string;
  text: string;
}

export interface SurveyInvitationData {
  recipientName: string;
  surveyName: string;
  reference: string;
  title: string;
  /** The survey form's address, which carries the single-use token. */
  url: string;
  expiresAt: string;
}

export interface FollowUpAlertData {
  recipientName: string;
  reference: string;
  title: string;
  score: number;
  comment: string | null;
  url: string;
}

const words = {
  ms: {
    invitationSubject: (reference: string) => `Soal selidik kepuasan pelanggan: ${reference}`,
    reminderSubject: (reference: string) => `Peringatan: soal selidik kepuasan bagi ${reference}`,
    greeting: (name: string) => `Salam sejahtera ${name},`,
    invitation: (survey: string, reference: string, title: string) =>
      `Kes anda ${reference} (${title}) telah diselesaikan. Sila luangkan beberapa minit untuk ` +
      `menjawab "${survey}".`,
    reminder: (survey: string, reference: string) =>
      `Kami belum menerima jawapan anda bagi "${survey}" untuk kes ${reference}.`,
    link: (url: string, expiresAt: string) =>
      `Pautan ini boleh digunakan sekali sahaja, sebelum ${expiresAt}: ${url}`,
    followUpSubject: (reference: string, score: number) =>
      `Tindakan susulan kepuasan: ${reference} dinilai ${score}/5`,
    followUp: (reference: string, title: string, score: number) =>
      `Pelanggan menilai kes ${reference} (${title}) dengan skor ${score} daripada 5. ` +
      'Sila hubungi pelanggan dan tutup tindakan susulan ini dengan catatan.',
    comment: 'Ulasan pelanggan',
    open: 'Buka tindakan susulan',
    signature: 'Meja Khidmat ICT',
  },
  en: {
    invitationSubject: (reference: string) => `Customer satisfaction survey: ${reference}`,
    reminderSubject: (reference: string) => `Reminder: satisfaction survey for ${reference}`,
    greeting: (name: string) => `Dear ${name},`,
    invitation: (survey: string, reference: string, title: string) =>
      `Your case ${reference} (${title}) has been resolved. Please take a few minutes to ` +
      `answer "${survey}".`,
    reminder: (survey: string, reference: string) =>
      `We have not yet received your answers to "${survey}" for case ${reference}.`,
    link: (url: string, expiresAt: string) =>
      `This link can be used once, before ${expiresAt}: ${url}`,
    followUpSubject: (reference: string, score: number) =>
      `Satisfaction follow-up: ${reference} rated ${score}/5`,
    followUp: (reference: string, title: string, score: number) =>
      `The customer rated case ${reference} (${title}) ${score} out of 5. ` +
      'Please contact the customer and close this follow-up with a note.',
    comment: 'Customer comment',
    open: 'Open the follow-up',
    signature: 'ICT Service Desk',
  },
} as const;

/** Renders the invitation, or its reminder when `reminder` is true. */
export function renderSurveyInvitation(
  language: Language,
  data: SurveyInvitationData,
  reminder: boolean,
): SurveyMessage {
  const w = words[language];
  const body = reminder
    ? w.reminder(data.surveyName, data.reference)
    : w.invitation(data.surveyName, data.reference, data.title);
  return {
    subject: reminder ? w.reminderSubject(data.reference) : w.invitationSubject(data.reference),
    text: [
      w.greeting(data.recipientName),
      '',
      body,
      '',
      w.link(data.url, formatMalaysianTime(data.expiresAt)),
      '',
      w.signature,
    ].join('\n'),
  };
}

export function renderFollowUpAlert(language: Language, data: FollowUpAlertData): SurveyMessage {
  const w = words[language];
  const lines = [
    w.greeting(data.recipientName),
    '',
    w.followUp(data.reference, data.title, data.score),
  ];
  if (data.comment) lines.push('', `${w.comment}: ${data.comment}`);
  lines.push('', `${w.open}: ${data.url}`, '', w.signature);
  return { subject: w.followUpSubject(data.reference, data.score), text: lines.join('\n') };
}
