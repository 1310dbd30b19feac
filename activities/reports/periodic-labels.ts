/**
 * Malay and English words of the periodic report's XLSX and PDF exports. The web app keeps its own
 * strings in web/src/i18n/reports.*.json; these cover only the exported files.
 */
import type { Language } from '../../common/enums';

export interface ExportLabels {
  title: string;
  period: string;
  campus: string;
  generated: string;
  timeMeasure: string;
  summary: string;
  figure: string;
  value: string;
  received: string;
  resolved: string;
  closed: string;
  reopened: string;
  backlog: string;
  breached: string;
  reopenRate: string;
  resolutionAttainment: string;
  firstResponse: string;
  resolution: string;
  cases: string;
  medianMinutes: string;
  p90Minutes: string;
  byType: string;
  byCategory: string;
  byChannel: string;
  byUnit: string;
  byMonth: string;
  ageing: string;
  ageDays: string;
  satisfaction: string;
  rated: string;
  meanRating: string;
  rating: string;
  none: string;
  types: Record<string, string>;
  channels: Record<string, string>;
}

const ms: ExportLabels = {
  title: 'Laporan Berkala Aduan dan Permohonan',
  period: 'Tempoh',
  campus: 'Kampus',
  generated: 'Dijana pada',
  timeMeasure: 'Masa diukur sebagai masa berlalu tolak tempoh menunggu pelanggan atau pembekal.',
  summary: 'Ringkasan',
  figure: 'Perkara',
  value: 'Nilai',
  received: 'Diterima',
  resolved: 'Selesai',
  closed: 'Ditutup',
  reopened: 'Dibuka semula',
  backlog: 'Tertunggak',
  breached: 'Melepasi tempoh penyelesaian',
  reopenRate: 'Kadar dibuka semula',
  resolutionAttainment: 'Pencapaian tempoh penyelesaian',
  firstResponse: 'Tindak balas pertama',
  resolution: 'Penyelesaian',
  cases: 'Kes',
  medianMinutes: 'Median (minit)',
  p90Minutes: 'Persentil ke-90 (minit)',
  byType: 'Mengikut jenis',
  byCategory: 'Mengikut kategori',
  byChannel: 'Mengikut saluran',
  byUnit: 'Mengikut unit',
  byMonth: 'Mengikut bulan',
  ageing: 'Umur kes tertunggak',
  ageDays: 'Umur (hari)',
  satisfaction: 'Kepuasan pelanggan',
  rated: 'Penilaian diterima',
  meanRating: 'Purata penilaian (1–5)',
  rating: 'Penilaian',
  none: '(tiada)',
  types: { incident: 'Aduan', request: 'Permohonan' },
  channels: {
    portal: 'Portal',
    email: 'E-mel',
    phone: 'Telefon',
    walk_in: 'Hadir sendiri',
    mobile_app: 'Aplikasi mudah alih',
    other: 'Lain-lain',
  },
};

const en: ExportLabels = {
  title: 'Periodic Report of Complaints and Requests',
  period: 'Period',
  campus: 'Campus',
  generated: 'Generated at',
  timeMeasure: 'Times are elapsed time minus time spent waiting for the customer or a supplier.',
  summary: 'Summary',
  figure: 'Figure',
  value: 'Value',
  received: 'Received',
  resolved: 'Resolved',
  closed: 'Closed',
  reopened: 'Reopened',
  backlog: 'Backlog',
  breached: 'Resolution deadline breached',
  reopenRate: 'Reopen rate',
  resolutionAttainment: 'Resolution deadline attainment',
  firstResponse: 'First response',
  resolution: 'Resolution',
  cases: 'Cases',
  medianMinutes: 'Median (minutes)',
  p90Minutes: '90th percentile (minutes)',
  byType: 'By type',
  byCategory: 'By category',
  byChannel: 'By channel',
  byUnit: 'By unit',
  byMonth: 'By month',
  ageing: 'Backlog ageing',
  ageDays: 'Age (days)',
  satisfaction: 'Customer satisfaction',
  rated: 'Ratings received',
  meanRating: 'Mean rating (1–5)',
  rating: 'Rating',
  none: '(none)',
  types: { incident: 'Complaint', request: 'Request' },
  channels: {
    portal: 'Portal',
    email: 'E-mail',
    phone: 'Phone',
    walk_in: 'Walk-in',
    mobile_app: 'Mobile app',
    other: 'Other',
  },
};

export function exportLabels(language: Language): ExportLabels {
  return language === 'en' ? en : ms;
}
