/** Malay (default) and English e-mails of the ceremonySupport workflow. */
import type { Language } from '../../common/enums';

export const ceremonyTemplateNames = [
  'ceremonyApproved',
  'ceremonyRejected',
  'ceremonyCancelled',
  'ceremonyTeamAssigned',
  'ceremonyNotReady',
  'ceremonyRatingRequest',
] as const;
export type CeremonyTemplateName = (typeof ceremonyTemplateNames)[number];

export interface CeremonyTemplateData {
  recipientName: string;
  reference: string;
  title: string;
  venue: string;
  startsAt: string;
  endsAt: string;
  eventUrl: string;
  reason: string;
  /** Checklist items not ticked, one per line; used by the readiness escalation. */
  pendingItems: string;
}

interface Mail {
  subject: string;
  text: string;
}

type CeremonyTemplates = Record<CeremonyTemplateName, (data: CeremonyTemplateData) => Mail>;

const msSignature = '\n\nMeja Perkhidmatan ICT';
const enSignature = '\n\nICT Service Desk';

const ms: CeremonyTemplates = {
  ceremonyApproved: (d) => ({
    subject: `Permohonan sokongan upacara ${d.reference} diluluskan`,
    text:
      `Salam sejahtera ${d.recipientName},\n\n` +
      `Permohonan sokongan teknikal untuk "${d.title}" di ${d.venue} telah diluluskan.\n` +
      `Masa: ${d.startsAt} hingga ${d.endsAt}\n\n` +
      `Pasukan kerja akan dibentuk dan kelengkapan disediakan. Butiran: ${d.eventUrl}` +
      msSignature,
  }),
  ceremonyRejected: (d) => ({
    subject: `Permohonan sokongan upacara ${d.reference} tidak diluluskan`,
    text:
      `Salam sejahtera ${d.recipientName},\n\n` +
      `Permohonan sokongan teknikal untuk "${d.title}" (${d.reference}) tidak diluluskan.\n` +
      `Sebab: ${d.reason}\n\n` +
      `Butiran: ${d.eventUrl}` +
      msSignature,
  }),
  ceremonyCancelled: (d) => ({
    subject: `Sokongan upacara ${d.reference} dibatalkan`,
    text:
      `Salam sejahtera ${d.recipientName},\n\n` +
      `Sokongan teknikal untuk "${d.title}" pada ${d.startsAt} telah dibatalkan ` +
      `dan tempahan kelengkapan dilepaskan.\n` +
      `Sebab: ${d.reason}\n\n` +
      `Butiran: ${d.eventUrl}` +
      msSignature,
  }),
  ceremonyTeamAssigned: (d) => ({
    subject: `Anda dalam pasukan kerja ${d.reference}: ${d.title}`,
    text:
      `Salam sejahtera ${d.recipientName},\n\n` +
      `Anda telah dilantik ke dalam pasukan kerja untuk "${d.title}" di ${d.venue}.\n` +
      `Masa: ${d.startsAt} hingga ${d.endsAt}\n\n` +
      `Sila lengkapkan senarai semak kesediaan, termasuk pengujian, ` +
      `sekurang-kurangnya satu hari bekerja sebelum majlis. Butiran: ${d.eventUrl}` +
      msSignature,
  }),
  ceremonyNotReady: (d) => ({
    subject: `Eskalasi: ${d.reference} belum bersedia`,
    text:
      `Salam sejahtera ${d.recipientName},\n\n` +
      `Majlis "${d.title}" di ${d.venue} bermula pada ${d.startsAt}, ` +
      `tetapi perkara berikut belum ditanda sedia:\n${d.pendingItems}\n\n` +
      `Sila ambil tindakan segera. Butiran: ${d.eventUrl}` +
      msSignature,
  }),
  ceremonyRatingRequest: (d) => ({
    subject: `Nilaikan sokongan teknikal untuk ${d.title}`,
    text:
      `Salam sejahtera ${d.recipientName},\n\n` +
      `Sokongan teknikal untuk "${d.title}" (${d.reference}) telah selesai. ` +
      `Sila berikan penilaian anda (1 hingga 5): ${d.eventUrl}` +
      msSignature,
  }),
};

const en: CeremonyTemplates = {
  ceremonyApproved: (d) => ({
    subject: `Event support request ${d.reference} approved`,
    text:
      `Dear ${d.recipientName},\n\n` +
      `Your request for technical support at "${d.title}" in ${d.venue} has been approved.\n` +
      `Time: ${d.startsAt} to ${d.endsAt}\n\n` +
      `A work team will be formed and the equipment prepared. Details: ${d.eventUrl}` +
      enSignature,
  }),
  ceremonyRejected: (d) => ({
    subject: `Event support request ${d.reference} rejected`,
    text:
      `Dear ${d.recipientName},\n\n` +
      `Your request for technical support at "${d.title}" (${d.reference}) was rejected.\n` +
      `Reason: ${d.reason}\n\n` +
      `Details: ${d.eventUrl}` +
      enSignature,
  }),
  ceremonyCancelled: (d) => ({
    subject: `Event support ${d.reference} cancelled`,
    text:
      `Dear ${d.recipientName},\n\n` +
      `Technical support for "${d.title}" on ${d.startsAt} was cancelled ` +
      `and the equipment bookings released.\n` +
      `Reason: ${d.reason}\n\n` +
      `Details: ${d.eventUrl}` +
      enSignature,
  }),
  ceremonyTeamAssigned: (d) => ({
    subject: `You are on the work team of ${d.reference}: ${d.title}`,
    text:
      `Dear ${d.recipientName},\n\n` +
      `You have been assigned to the work team for "${d.title}" in ${d.venue}.\n` +
      `Time: ${d.startsAt} to ${d.endsAt}\n\n` +
      `Please complete the readiness checklist, testing included, ` +
      `at least one working day before the event. Details: ${d.eventUrl}` +
      enSignature,
  }),
  ceremonyNotReady: (d) => ({
    subject: `Escalation: ${d.reference} is not ready`,
    text:
      `Dear ${d.recipientName},\n\n` +
      `The event "${d.title}" in ${d.venue} starts at ${d.startsAt}, ` +
      `but these items are not marked ready:\n${d.pendingItems}\n\n` +
      `Please act now. Details: ${d.eventUrl}` +
      enSignature,
  }),
  ceremonyRatingRequest: (d) => ({
    subject: `Rate the technical support for ${d.title}`,
    text:
      `Dear ${d.recipientName},\n\n` +
      `Technical support for "${d.title}" (${d.reference}) is complete. ` +
      `Please rate it from 1 to 5: ${d.eventUrl}` +
      enSignature,
  }),
};

export const ceremonyTemplates: Record<Language, CeremonyTemplates> = { ms, en };
