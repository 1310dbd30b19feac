/** E-mails to the applicant of a facility request, in their language (Malay by default). */
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { facilityApplications, facilityItems, people } from '../../db/schema';
import { alreadyDelivered, deliverMessage, type OutboxDeps } from '../approvals/outbox';
import { publicBaseUrl } from '../notifications/format';

export type FacilityNotice = 'approved' | 'rejected' | 'ready';

export interface FacilityNoticeRequest {
  applicationId: string;
  notice: FacilityNotice;
  reason?: string;
  at: string;
}

interface NoticeData {
  name: string;
  reference: string;
  item: string;
  url: string;
  reason: string;
}

const malay: Record<FacilityNotice, (d: NoticeData) => { subject: string; text: string }> = {
  approved: (d) => ({
    subject: `Permohonan ${d.reference} diluluskan`,
    text: `Salam sejahtera ${d.name},\n\nPermohonan ${d.item} (${d.reference}) telah diluluskan dan kini dalam penyediaan.\nButiran: ${d.url}\n\nMeja Perkhidmatan ICT`,
  }),
  rejected: (d) => ({
    subject: `Permohonan ${d.reference} tidak diluluskan`,
    text: `Salam sejahtera ${d.name},\n\nPermohonan ${d.item} (${d.reference}) tidak diluluskan.\nSebab: ${d.reason}\nButiran: ${d.url}\n\nMeja Perkhidmatan ICT`,
  }),
  ready: (d) => ({
    subject: `Kemudahan ${d.reference} sedia diserahkan`,
    text: `Salam sejahtera ${d.name},\n\n${d.item} (${d.reference}) telah siap disediakan. Sila sahkan penerimaan di ${d.url}\n\nMeja Perkhidmatan ICT`,
  }),
};

const english: Record<FacilityNotice, (d: NoticeData) => { subject: string; text: string }> = {
  approved: (d) => ({
    subject: `Application ${d.reference} approved`,
    text: `Dear ${d.name},\n\nYour application for ${d.item} (${d.reference}) was approved and is being provided.\nDetails: ${d.url}\n\nICT Service Desk`,
  }),
  rejected: (d) => ({
    subject: `Application ${d.reference} not approved`,
    text: `Dear ${d.name},\n\nYour application for ${d.item} (${d.reference}) was not approved.\nReason: ${d.reason}\nDetails: ${d.url}\n\nICT Service Desk`,
  }),
  ready: (d) => ({
    subject: `Facility ${d.reference} ready for handover`,
    text: `Dear ${d.name},\n\n${d.item} (${d.reference}) is ready. Please confirm receipt at ${d.url}\n\nICT Service Desk`,
  }),
};

export async function notifyFacilityRequester(
  deps: OutboxDeps,
  request: FacilityNoticeRequest,
): Promise<'sent' | 'recorded' | 'skipped' | 'missing'> {
  const { db } = deps;
  const [row] = await loadApplicant(db, request.applicationId);
  if (!row) {
    deps.logger.error({ applicationId: request.applicationId }, 'notice for a missing application');
    return 'missing';
  }
  const idempotencyKey = `facility:${request.applicationId}:${request.notice}:${row.requesterId}`;
  if (await alreadyDelivered(db, idempotencyKey)) return 'skipped';

  const inEnglish = row.language === 'en';
  const data: NoticeData = {
    name: row.name,
    reference: row.reference,
    item: inEnglish ? row.itemEn : row.itemMs,
    url: `${publicBaseUrl(deps.config.PUBLIC_URL)}/facilities/${row.reference}`,
    reason: request.reason ?? '-',
  };
  const message = (inEnglish ? english : malay)[request.notice](data);
  return deliverMessage(deps, {
    idempotencyKey,
    recipientId: row.requesterId,
    recipientEmail: row.email,
    template: `facility_${request.notice}`,
    language: inEnglish ? 'en' : 'ms',
    subject: message.subject,
    text: message.text,
    data: { applicationId: request.applicationId, reference: row.reference },
    at: request.at,
  });
}

function loadApplicant(db: Database, applicationId: string) {
  return db
    .select({
      reference: facilityApplications.reference,
      requesterId: facilityApplications.requesterId,
      name: people.name,
      email: people.email,
      language: people.language,
      itemMs: facilityItems.nameMs,
      itemEn: facilityItems.nameEn,
    })
    .from(facilityApplications)
    .innerJoin(people, eq(people.id, facilityApplications.requesterId))
    .innerJoin(facilityItems, eq(facilityItems.id, facilityApplications.itemId))
    .where(eq(facilityApplications.id, applicationId));
}
