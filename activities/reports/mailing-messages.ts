/** The e-mail that carries a subscribed periodic report, in Malay and English. */
import type { Language } from '../../common/enums';
import type { ReportKind } from './mailing-periods';

export interface ReportMailingData {
  recipientName: string;
  kind: ReportKind;
  from: string;
  to: string;
  fileName: string;
  /** Address of the page on which the subscriber manages their subscriptions. */
  url: string;
}

function formatDay(day: string): string {
  const [year, month, date] = day.split('-');
  return `${date}/${month}/${year}`;
}

const words = {
  ms: {
    kinds: { monthly: 'bulanan', quarterly: 'suku tahunan', annual: 'tahunan' },
    subject: (kind: string, range: string) => `Laporan berkala ${kind}: ${range}`,
    greeting: (name: string) => `Salam sejahtera ${name},`,
    body: (kind: string, range: string, file: string) =>
      `Dilampirkan laporan berkala ${kind} aduan dan permohonan bagi tempoh ${range} (${file}).`,
    subscription: (url: string) =>
      `Anda menerima e-mel ini kerana melanggan laporan ini. Urus langganan anda di ${url}`,
    signature: 'Meja Khidmat ICT',
  },
  en: {
    kinds: { monthly: 'monthly', quarterly: 'quarterly', annual: 'annual' },
    subject: (kind: string, range: string) =>
      `${kind.charAt(0).toUpperCase()}${kind.slice(1)} periodic report: ${range}`,
    greeting: (name: string) => `Dear ${name},`,
    body: (kind: string, range: string, file: string) =>
      `Attached is the ${kind} periodic report of complaints and requests for ${range} (${file}).`,
    subscription: (url: string) =>
      `You receive this e-mail because you subscribed to this report. Manage your subscriptions at ${url}`,
    signature: 'ICT Service Desk',
  },
} as const;

export function renderReportMailing(
  language: Language,
  data: ReportMailingData,
): { subject: string; text: string } {
  const w = words[language];
  const kind = w.kinds[data.kind];
  const range = `${formatDay(data.from)} – ${formatDay(data.to)}`;
  return {
    subject: w.subject(kind, range),
    text: [
      w.greeting(data.recipientName),
      '',
      w.body(kind, range, data.fileName),
      '',
      w.subscription(data.url),
      '',
      w.signature,
    ].join('\n'),
  };
}
