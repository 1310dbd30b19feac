/** Malay (default) notification templates; terms follow the service desk's Malay glossary. */
import type { TemplateData, TemplateSet } from './types';

const signature = '\n\nMeja Perkhidmatan ICT';

function targetLabel(data: TemplateData): string {
  return data.target === 'firstResponse' ? 'maklum balas pertama' : 'penyelesaian';
}

export const ms: TemplateSet = {
  acknowledgement: (data) => ({
    subject: `Akuan terima aduan ${data.reference}`,
    text:
      `Salam sejahtera ${data.recipientName},\n\n` +
      `Aduan anda telah diterima.\n` +
      `Nombor aduan: ${data.reference}\n` +
      `Tajuk: ${data.title}\n\n` +
      `Sila nyatakan nombor aduan ini dalam setiap urusan berkaitan. ` +
      `Status aduan boleh disemak di ${data.caseUrl}` +
      signature,
  }),
  assigned: (data) => ({
    subject: `Aduan ${data.reference} diagihkan kepada anda`,
    text:
      `Salam sejahtera ${data.recipientName},\n\n` +
      `Aduan ${data.reference} (${data.title}) telah diagihkan kepada anda sebagai juruteknik.\n` +
      `Keutamaan: P${data.priority}\n` +
      `Sebab agihan: ${data.reason ?? '-'}\n\n` +
      `Butiran aduan: ${data.caseUrl}` +
      signature,
  }),
  reply: (data) => ({
    subject: `Maklum balas bagi aduan ${data.reference}`,
    text:
      `Salam sejahtera ${data.recipientName},\n\n` +
      `Terdapat maklum balas baharu bagi aduan anda ${data.reference} (${data.title}):\n\n` +
      `${data.body ?? ''}\n\n` +
      `Balas atau semak aduan di ${data.caseUrl}` +
      signature,
  }),
  resolved: (data) => ({
    subject: `Aduan ${data.reference} telah selesai`,
    text:
      `Salam sejahtera ${data.recipientName},\n\n` +
      `Aduan anda ${data.reference} (${data.title}) telah selesai.\n\n` +
      `Penyelesaian: ${data.body ?? ''}\n\n` +
      `Sila sahkan penyelesaian ini atau buka semula aduan di ${data.caseUrl}. ` +
      `Jika tiada tindakan, aduan akan ditutup secara automatik pada ${data.closesAt ?? '-'}.\n\n` +
      `Kami menghargai penilaian anda (sekali sahaja, sebelum ${data.ratingExpiresAt ?? '-'}): ` +
      `${data.ratingUrl ?? ''}` +
      signature,
  }),
  reopened: (data) => ({
    subject: `Aduan ${data.reference} dibuka semula`,
    text:
      `Salam sejahtera ${data.recipientName},\n\n` +
      `Aduan ${data.reference} (${data.title}) telah dibuka semula.\n` +
      `Sebab: ${data.reason ?? '-'}\n\n` +
      `Tempoh penyelesaian asal masih berjalan. Butiran aduan: ${data.caseUrl}` +
      signature,
  }),
  slaWarning: (data) => ({
    subject: `Amaran SLA: aduan ${data.reference}`,
    text:
      `Salam sejahtera ${data.recipientName},\n\n` +
      `Tempoh ${targetLabel(data)} bagi aduan ${data.reference} (${data.title}, P${data.priority}) ` +
      `akan tamat pada ${data.dueAt ?? '-'}.\n` +
      `Sila ambil tindakan sebelum aduan ini melanggar SLA: ${data.caseUrl}` +
      signature,
  }),
  slaBreach: (data) => ({
    subject: `Aduan ${data.reference} melanggar SLA`,
    text:
      `Salam sejahtera ${data.recipientName},\n\n` +
      `Tempoh ${targetLabel(data)} bagi aduan ${data.reference} (${data.title}, P${data.priority}) ` +
      `telah tamat pada ${data.dueAt ?? '-'}. Aduan ini melanggar SLA.\n` +
      `Butiran aduan: ${data.caseUrl}` +
      signature,
  }),
  closed: (data) => ({
    subject: `Aduan ${data.reference} ditutup`,
    text:
      `Salam sejahtera ${data.recipientName},\n\n` +
      `Aduan anda ${data.reference} (${data.title}) telah ditutup. ` +
      `Terima kasih kerana menggunakan perkhidmatan kami.\n\n` +
      `Butiran aduan: ${data.caseUrl}` +
      signature,
  }),
};
