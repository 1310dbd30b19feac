/** The daily SLA digest e-mail to a unit head, in Malay and English. */
import type { Language } from '../../common/enums';
import { formatMalaysianTime } from '../notifications/format';

export interface DigestItem {
  reference: string;
  title: string;
  priority: number;
  target: 'firstResponse' | 'resolution';
  dueAt: string;
  /** True when the due time has passed: the target is breached. */
  overdue: boolean;
}

export interface DigestMessageData {
  recipientName: string;
  /** The digest's local date, YYYY-MM-DD. */
  date: string;
  items: readonly DigestItem[];
  baseUrl: string;
}

export interface DigestMessage {
  subject: string;
  text: string;
}

const words = {
  ms: {
    subject: (count: number, date: string) =>
      `Ringkasan SLA harian ${date}: ${count} kes hampir atau melepasi sasaran`,
    greeting: (name: string) => `Salam sejahtera ${name},`,
    intro:
      'Kes unit anda yang berikut belum memenuhi sasaran SLA dan sasarannya tamat hari ini ' +
      'atau telah berlalu:',
    overdue: 'Melanggar SLA',
    near: 'Tamat hari ini',
    due: 'sasaran',
    targets: { firstResponse: 'respons pertama', resolution: 'penyelesaian' },
    signature: 'Meja Khidmat ICT',
  },
  en: {
    subject: (count: number, date: string) =>
      `Daily SLA digest ${date}: ${count} cases near or past their target`,
    greeting: (name: string) => `Dear ${name},`,
    intro:
      'These cases of your unit have not met their SLA target, and the target ends today or ' +
      'has passed:',
    overdue: 'SLA breached',
    near: 'Due today',
    due: 'due',
    targets: { firstResponse: 'first response', resolution: 'resolution' },
    signature: 'ICT Service Desk',
  },
} as const;

/** Formats YYYY-MM-DD as dd/MM/yyyy, as users read dates. */
function formatDate(date: string): string {
  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year}`;
}

export function renderDigest(language: Language, data: DigestMessageData): DigestMessage {
  const text = words[language];
  const lines = data.items.map((item) => {
    const state = item.overdue ? text.overdue : text.near;
    return (
      `- [${state}] ${item.reference} (P${item.priority}) ${item.title}\n` +
      `  ${text.targets[item.target]}, ${text.due} ${formatMalaysianTime(item.dueAt)}: ` +
      `${data.baseUrl}/cases/${item.reference}`
    );
  });
  return {
    subject: text.subject(data.items.length, formatDate(data.date)),
    text: [
      text.greeting(data.recipientName),
      '',
      text.intro,
      '',
      ...lines,
      '',
      text.signature,
    ].join('\n'),
  };
}
