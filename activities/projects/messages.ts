/**
 * Malay (default) and English e-mails of the ictProject workflow and its procurement and
 * guaranteeRefund children.
 */
import type { ProcurementStep, ProjectGate, RefundPayment } from '../../common/ict-project';

export const projectTemplateNames = [
  'projectRejected',
  'projectAccepted',
  'projectHandedOver',
  'guaranteeRefunded',
  'procurementStepDue',
  'procurementStepOverdue',
] as const;
export type ProjectTemplateName = (typeof projectTemplateNames)[number];

export interface ProjectTemplateData {
  recipientName: string;
  reference: string;
  title: string;
  projectUrl: string;
  /** The gate or step that ended the project with a "no"; null in the other templates. */
  rejectedAt: ProjectGate | 'approval' | null;
  reason: string;
  /** Refund amount formatted as RM with sen, such as "7,500.00". */
  amount: string;
  refundStage: RefundPayment['stage'] | null;
  vendorName: string;
  /** The procurement step a deadline notice is about; null in the other templates. */
  procurementStep: ProcurementStep | null;
  /** Due time of that step as dd/MM/yyyy HH:mm in Malaysian time; empty in the other templates. */
  dueAt: string;
}

interface Mail {
  subject: string;
  text: string;
}

type ProjectTemplates = Record<ProjectTemplateName, (data: ProjectTemplateData) => Mail>;

const msSignature = '\n\nUTMDigital – Pengurusan Projek ICT';
const enSignature = '\n\nUTMDigital – ICT Project Management';

/** Names of the gates and steps as the process map labels them in Malay. */
const msStepNames: Record<ProjectGate | 'approval', string> = {
  preliminaryStudy: 'Kajian awal projek',
  applicationProject: 'Projek aplikasi?',
  projectCriteria: 'Menepati kriteria projek?',
  corporateService: 'Perkhidmatan korporat?',
  evaluation: 'Penilaian projek',
  approval: 'Pembentangan & penerimaan projek (kelulusan pengurusan)',
  kickOff: 'Kick-off projek',
  verification: 'Pengujian, verifikasi & validasi',
  presentation: 'Pembentangan projek kepada pelanggan',
  handover: 'Serahan kepada pengguna',
};

const enStepNames: Record<ProjectGate | 'approval', string> = {
  preliminaryStudy: 'Preliminary study',
  applicationProject: 'Application project?',
  projectCriteria: 'Meets the project criteria?',
  corporateService: 'Corporate service?',
  evaluation: 'Project evaluation',
  approval: 'Presentation and acceptance (management approval)',
  kickOff: 'Project kick-off',
  verification: 'Testing, verification and validation',
  presentation: 'Presentation to the customer',
  handover: 'Handover to users',
};

/** Names of the procurement steps as the project page labels them. */
const msProcurementSteps: Record<ProcurementStep, string> = {
  documents: 'Penyediaan dokumen sebut harga atau tender',
  evaluation: 'Penilaian tawaran',
  vendor_appointment: 'Lantikan vendor',
  purchase_order: 'Pesanan belian',
  contract: 'Kontrak',
};

const enProcurementSteps: Record<ProcurementStep, string> = {
  documents: 'Quotation or tender documents',
  evaluation: 'Offer evaluation',
  vendor_appointment: 'Vendor appointment',
  purchase_order: 'Purchase order',
  contract: 'Contract',
};

const ms: ProjectTemplates = {
  projectRejected: (d) => ({
    subject: `Projek ICT ${d.reference} tidak diluluskan`,
    text:
      `Salam sejahtera ${d.recipientName},\n\n` +
      `Keperluan ICT "${d.title}" (${d.reference}) tidak diluluskan di peringkat ` +
      `${d.rejectedAt ? msStepNames[d.rejectedAt] : '-'}.\n` +
      `Sebab: ${d.reason}\n\n` +
      `Butiran projek: ${d.projectUrl}` +
      msSignature,
  }),
  projectAccepted: (d) => ({
    subject: `Projek ICT ${d.reference} diterima`,
    text:
      `Salam sejahtera ${d.recipientName},\n\n` +
      `Projek "${d.title}" (${d.reference}) telah diterima selepas pembentangan kepada ` +
      `pelanggan. Langkah seterusnya ialah serahan kepada pengguna.\n\n` +
      `Butiran projek: ${d.projectUrl}` +
      msSignature,
  }),
  projectHandedOver: (d) => ({
    subject: `Projek ICT ${d.reference} diserahkan kepada pengguna`,
    text:
      `Salam sejahtera ${d.recipientName},\n\n` +
      `Projek "${d.title}" (${d.reference}) telah diserahkan kepada pengguna. ` +
      `Sebarang kecacatan boleh dilaporkan sepanjang tempoh tanggungan kecacatan.\n\n` +
      `Butiran projek: ${d.projectUrl}` +
      msSignature,
  }),
  guaranteeRefunded: (d) => ({
    subject: `Bayaran balik wang jaminan pelaksanaan bagi projek ${d.reference}`,
    text:
      `Salam sejahtera ${d.recipientName},\n\n` +
      `Bayaran balik wang jaminan pelaksanaan sebanyak RM${d.amount} bagi projek ` +
      `"${d.title}" (${d.reference}) telah dijana untuk ${d.vendorName}.\n` +
      `Peringkat: ${
        d.refundStage === 'completion' ? 'penyiapan projek' : 'tamat tempoh tanggungan kecacatan'
      }\n\n` +
      `Sila ambil tindakan pembayaran mengikut prosedur kewangan.` +
      msSignature,
  }),
  procurementStepDue: (d) => ({
    subject: `Peringatan: tarikh akhir perolehan projek ${d.reference}`,
    text:
      `Salam sejahtera ${d.recipientName},\n\n` +
      `Langkah perolehan "${
        d.procurementStep ? msProcurementSteps[d.procurementStep] : '-'
      }" bagi projek "${d.title}" (${d.reference}) perlu diselesaikan sebelum ${d.dueAt}.\n\n` +
      `Butiran projek: ${d.projectUrl}` +
      msSignature,
  }),
  procurementStepOverdue: (d) => ({
    subject: `Tarikh akhir perolehan projek ${d.reference} telah berlalu`,
    text:
      `Salam sejahtera ${d.recipientName},\n\n` +
      `Langkah perolehan "${
        d.procurementStep ? msProcurementSteps[d.procurementStep] : '-'
      }" bagi projek "${d.title}" (${d.reference}) belum selesai dan telah melepasi ` +
      `tarikh akhirnya pada ${d.dueAt}. Sila selesaikan langkah ini secepat mungkin.\n\n` +
      `Butiran projek: ${d.projectUrl}` +
      msSignature,
  }),
};

const en: ProjectTemplates = {
  projectRejected: (d) => ({
    subject: `ICT project ${d.reference} not approved`,
    text:
      `Dear ${d.recipientName},\n\n` +
      `The ICT need "${d.title}" (${d.reference}) was not approved at the step ` +
      `${d.rejectedAt ? enStepNames[d.rejectedAt] : '-'}.\n` +
      `Reason: ${d.reason}\n\n` +
      `Project details: ${d.projectUrl}` +
      enSignature,
  }),
  projectAccepted: (d) => ({
    subject: `ICT project ${d.reference} accepted`,
    text:
      `Dear ${d.recipientName},\n\n` +
      `The project "${d.title}" (${d.reference}) was accepted after its presentation to the ` +
      `customer. The next step is the handover to users.\n\n` +
      `Project details: ${d.projectUrl}` +
      enSignature,
  }),
  projectHandedOver: (d) => ({
    subject: `ICT project ${d.reference} handed over to users`,
    text:
      `Dear ${d.recipientName},\n\n` +
      `The project "${d.title}" (${d.reference}) has been handed over to its users. ` +
      `Report any defect during the defects-liability period.\n\n` +
      `Project details: ${d.projectUrl}` +
      enSignature,
  }),
  guaranteeRefunded: (d) => ({
    subject: `Refund of the performance guarantee for project ${d.reference}`,
    text:
      `Dear ${d.recipientName},\n\n` +
      `A refund of the performance guarantee of RM${d.amount} for the project ` +
      `"${d.title}" (${d.reference}) has been generated for ${d.vendorName}.\n` +
      `Stage: ${
        d.refundStage === 'completion'
          ? 'project completion'
          : 'end of the defects-liability period'
      }\n\n` +
      `Please make the payment under the finance procedure.` +
      enSignature,
  }),
  procurementStepDue: (d) => ({
    subject: `Reminder: procurement deadline of project ${d.reference}`,
    text:
      `Dear ${d.recipientName},\n\n` +
      `The procurement step "${
        d.procurementStep ? enProcurementSteps[d.procurementStep] : '-'
      }" of the project "${d.title}" (${d.reference}) is due by ${d.dueAt}.\n\n` +
      `Project details: ${d.projectUrl}` +
      enSignature,
  }),
  procurementStepOverdue: (d) => ({
    subject: `Procurement deadline of project ${d.reference} has passed`,
    text:
      `Dear ${d.recipientName},\n\n` +
      `The procurement step "${
        d.procurementStep ? enProcurementSteps[d.procurementStep] : '-'
      }" of the project "${d.title}" (${d.reference}) is not finished and its deadline ` +
      `passed at ${d.dueAt}. Please finish the step as soon as possible.\n\n` +
      `Project details: ${d.projectUrl}` +
      enSignature,
  }),
};

export const projectTemplates: Record<'ms' | 'en', ProjectTemplates> = { ms, en };
