/**
 * Notifications of the ICT project workflows: renders a template in the recipient's language and
 * hands it to the notifications outbox, which records it and sends it by SMTP when a mailer is
 * configured. The applicant and the division management get their own language; the vendor and
 * the finance office, who have no account, get Malay. The outbox key makes a retried activity
 * send each message once to each recipient.
 */
import { and, arrayContains, asc, eq } from 'drizzle-orm';
import type { ProcurementStep, ProjectGate, RefundPayment } from '../../common/ict-project';
import { ictProjects, people } from '../../db/schema';
import { alreadyDelivered, deliverMessage, type OutboxDeps } from '../approvals/outbox';
import { formatMalaysianTime, publicBaseUrl } from '../notifications/format';
import { projectTemplates, type ProjectTemplateName } from './messages';
import { readProjectSettings } from './settings';

export interface ProjectNotifyRequest {
  reference: string;
  template: ProjectTemplateName;
  /** `management` is every active person with the manager role: the procurement officers. */
  audience: 'applicant' | 'vendor' | 'finance' | 'management';
  reason: string | null;
  /** Unique per message within the project, such as 'step:12' or 'refund:final'. */
  key: string;
  /** The refund that a guaranteeRefunded message reports. */
  refund?: { amount: number; stage: RefundPayment['stage']; vendorEmail: string };
  /** The procurement step and its due time (ISO) that a deadline notice reports. */
  deadline?: { step: ProcurementStep; dueAt: string };
}

interface Recipient {
  id: string | null;
  email: string;
  name: string;
  language: 'ms' | 'en';
}

const amountFormat = new Intl.NumberFormat('en-MY', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

/** Returns how many messages were sent or recorded by this call. */
export async function notifyProject(
  deps: OutboxDeps,
  request: ProjectNotifyRequest,
): Promise<number> {
  const { db, config, logger } = deps;
  const [found] = await db
    .select({
      project: ictProjects,
      applicant: {
        id: people.id,
        email: people.email,
        name: people.name,
        language: people.language,
        active: people.active,
      },
    })
    .from(ictProjects)
    .innerJoin(people, eq(people.id, ictProjects.applicantId))
    .where(eq(ictProjects.reference, request.reference));
  if (!found) {
    logger.error(
      { reference: request.reference, key: request.key },
      'notification for a missing ICT project',
    );
    return 0;
  }
  const { project, applicant } = found;
  const vendorName = project.contract?.vendorName ?? '-';

  const recipients = await recipientsOf(deps, request, applicant, project.contract);
  if (recipients.length === 0) {
    logger.warn(
      { reference: request.reference, template: request.template, audience: request.audience },
      'project notification has no recipient address; set the finance e-mail in the project settings, the vendor e-mail in the contract, or give a person the manager role',
    );
    return 0;
  }

  let delivered = 0;
  for (const recipient of recipients) {
    // Keys of one-person audiences keep their earlier form, so messages already sent stay sent.
    const idempotencyKey =
      request.audience === 'management'
        ? `project:${request.reference}:${request.key}:management:${recipient.id}`
        : `project:${request.reference}:${request.key}:${request.audience}`;
    if (await alreadyDelivered(db, idempotencyKey)) continue;
    const data = {
      recipientName: recipient.name,
      reference: project.reference,
      title: project.title,
      projectUrl: `${publicBaseUrl(config.PUBLIC_URL)}/projects/${project.reference}`,
      rejectedAt: project.rejectedAt as ProjectGate | 'approval' | null,
      reason: request.reason ?? project.reason ?? '-',
      amount: request.refund ? amountFormat.format(request.refund.amount) : '',
      refundStage: request.refund?.stage ?? null,
      vendorName,
      procurementStep: request.deadline?.step ?? null,
      dueAt: request.deadline ? formatMalaysianTime(request.deadline.dueAt) : '',
    };
    const message = projectTemplates[recipient.language][request.template](data);
    await deliverMessage(deps, {
      idempotencyKey,
      recipientId: recipient.id,
      recipientEmail: recipient.email,
      template: request.template,
      language: recipient.language,
      subject: message.subject,
      text: message.text,
      data,
      at: new Date().toISOString(),
    });
    delivered += 1;
  }
  return delivered;
}

interface ApplicantRow {
  id: string;
  email: string;
  name: string;
  language: string;
  active: boolean;
}

function languageOf(language: string): 'ms' | 'en' {
  return language === 'en' ? 'en' : 'ms';
}

/** Returns who receives a notice of the request's audience; empty when no address is known. */
async function recipientsOf(
  deps: OutboxDeps,
  request: ProjectNotifyRequest,
  applicant: ApplicantRow,
  contract: { vendorName: string; vendorEmail: string } | null,
): Promise<Recipient[]> {
  const { db } = deps;
  if (request.audience === 'applicant') {
    if (!applicant.active) return [];
    const { id, email, name } = applicant;
    return [{ id, email, name, language: languageOf(applicant.language) }];
  }
  if (request.audience === 'vendor') {
    const email = request.refund?.vendorEmail ?? contract?.vendorEmail ?? '';
    const name = contract?.vendorName ?? '-';
    return email === '' ? [] : [{ id: null, email, name, language: 'ms' }];
  }
  if (request.audience === 'management') {
    const managers = await db
      .select({ id: people.id, email: people.email, name: people.name, language: people.language })
      .from(people)
      .where(and(arrayContains(people.roles, ['manager']), eq(people.active, true)))
      .orderBy(asc(people.id));
    return managers.map((manager) => ({ ...manager, language: languageOf(manager.language) }));
  }
  const { financeEmail } = await readProjectSettings(db);
  if (!financeEmail) return [];
  return [{ id: null, email: financeEmail, name: 'Pejabat Bendahari', language: 'ms' }];
}
