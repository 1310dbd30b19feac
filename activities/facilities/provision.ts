/**
 * The provision deadline of an approved facility application, from the facilityRequest SLA policy
 * on the working calendar. Also the e-mails to the provider unit when it nears and when it passes.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Logger } from '../../common/logger';
import type { Database } from '../../db/client';
import { facilityApplications, facilityItems, people, unitMembers } from '../../db/schema';
import { alreadyDelivered, deliverMessage, type OutboxDeps } from '../approvals/outbox';
import { formatMalaysianTime, publicBaseUrl } from '../notifications/format';
import { computeDeadlines } from '../sla';

export interface ProvisionDeadlineRequest {
  applicationId: string;
  /** The approval, when the provision clock starts. */
  approvedAt: string;
}

export interface ProvisionDeadline {
  /** The reminder to the provider unit. */
  warnAt: string;
  dueAt: string;
}

/**
 * Returns the provision deadline by the resolution target of the facilityRequest policy, or null
 * when no policy gives one (the workflow then waits without reminders).
 */
export async function provisionDeadline(
  db: Database,
  logger: Logger,
  request: ProvisionDeadlineRequest,
): Promise<ProvisionDeadline | null> {
  const deadlines = await computeDeadlines(db, logger, {
    caseId: request.applicationId,
    openedAt: request.approvedAt,
    priority: 3,
    workflowType: 'facilityRequest',
    pausedMs: 0,
    warningShare: 0.75,
  });
  const resolution = deadlines.resolution;
  return resolution ? { warnAt: resolution.warnAt, dueAt: resolution.dueAt } : null;
}

export type ProvisionNotice = 'due_soon' | 'overdue';

export interface ProvisionNoticeRequest {
  applicationId: string;
  notice: ProvisionNotice;
  dueAt: string;
  at: string;
}

interface ProvisionData {
  name: string;
  reference: string;
  item: string;
  requester: string;
  dueAt: string;
  url: string;
}

type Render = (data: ProvisionData) => { subject: string; text: string };

const templates: Record<'ms' | 'en', Record<ProvisionNotice, Render>> = {
  ms: {
    due_soon: (d) => ({
      subject: `Penyediaan ${d.reference} hampir tamat tempoh`,
      text: `Salam sejahtera ${d.name},\n\nPenyediaan ${d.item} untuk ${d.requester} (${d.reference}) perlu disiapkan sebelum ${d.dueAt}. Masih ada langkah yang belum selesai.\nButiran: ${d.url}\n\nKhidmat`,
    }),
    overdue: (d) => ({
      subject: `Penyediaan ${d.reference} melepasi tempoh`,
      text: `Salam sejahtera ${d.name},\n\nPenyediaan ${d.item} untuk ${d.requester} (${d.reference}) tidak siap sebelum ${d.dueAt}. Sila ambil tindakan.\nButiran: ${d.url}\n\nKhidmat`,
    }),
  },
  en: {
    due_soon: (d) => ({
      subject: `Provision of ${d.reference} is nearly due`,
      text: `Dear ${d.name},\n\n${d.item} for ${d.requester} (${d.reference}) must be provided by ${d.dueAt}. Some steps are not done yet.\nDetails: ${d.url}\n\nKhidmat`,
    }),
    overdue: (d) => ({
      subject: `Provision of ${d.reference} is overdue`,
      text: `Dear ${d.name},\n\n${d.item} for ${d.requester} (${d.reference}) was not provided by ${d.dueAt}. Please act on it.\nDetails: ${d.url}\n\nKhidmat`,
    }),
  },
};

/**
 * E-mails the provider unit: its members and heads when the deadline nears, its heads when it
 * has passed. Returns how many messages this call sent or recorded. A retry sends none of them twice.
 */
export async function notifyProvisionDelay(
  deps: OutboxDeps,
  request: ProvisionNoticeRequest,
): Promise<number> {
  const { db } = deps;
  const [application] = await db
    .select({
      reference: facilityApplications.reference,
      providerUnitId: facilityApplications.providerUnitId,
      requester: people.name,
      itemMs: facilityItems.nameMs,
      itemEn: facilityItems.nameEn,
    })
    .from(facilityApplications)
    .innerJoin(people, eq(people.id, facilityApplications.requesterId))
    .innerJoin(facilityItems, eq(facilityItems.id, facilityApplications.itemId))
    .where(eq(facilityApplications.id, request.applicationId));
  if (!application?.providerUnitId) {
    deps.logger.warn(
      { applicationId: request.applicationId, notice: request.notice },
      'provision notice without a provider unit',
    );
    return 0;
  }
  const roles = request.notice === 'overdue' ? ['head'] : ['member', 'head'];
  const recipients = await db
    .selectDistinct({
      id: people.id,
      name: people.name,
      email: people.email,
      language: people.language,
    })
    .from(unitMembers)
    .innerJoin(people, eq(people.id, unitMembers.personId))
    .where(
      and(
        eq(unitMembers.unitId, application.providerUnitId),
        inArray(unitMembers.role, roles),
        eq(people.active, true),
      ),
    );

  let handled = 0;
  for (const recipient of recipients) {
    const idempotencyKey = `facility:${request.applicationId}:provision_${request.notice}:${recipient.id}`;
    if (await alreadyDelivered(db, idempotencyKey)) continue;
    const language = recipient.language === 'en' ? 'en' : 'ms';
    const data: ProvisionData = {
      name: recipient.name,
      reference: application.reference,
      item: language === 'en' ? application.itemEn : application.itemMs,
      requester: application.requester,
      dueAt: formatMalaysianTime(request.dueAt),
      url: `${publicBaseUrl(deps.config.PUBLIC_URL)}/facilities/${application.reference}`,
    };
    const message = templates[language][request.notice](data);
    await deliverMessage(deps, {
      idempotencyKey,
      recipientId: recipient.id,
      recipientEmail: recipient.email,
      template: `facility_provision_${request.notice}`,
      language,
      subject: message.subject,
      text: message.text,
      data: { applicationId: request.applicationId, reference: application.reference },
      at: request.at,
    });
    handled += 1;
  }
  return handled;
}
