/**
 * Notifications of the ICT project workflows: renders a template in the recipient's language and
 * hands it to the notifications outbox, which records it and sends it by SMTP when a mailer is
 * configured. The applicant gets their own language; the vendor and the finance office, who have
 * no account, get Malay. The outbox key makes a retried activity send each message once.
 */
import { eq } from 'drizzle-orm';
import type { ProjectGate, RefundPayment } from '../../common/ict-project';
import { ictProjects, people } from '../../db/schema';
import { alreadyDelivered, deliverMessage, type OutboxDeps } from '../approvals/outbox';
import { publicBaseUrl } from '../notifications/format';
import { projectTemplates, type ProjectTemplateName } from './messages';
import { readProjectSettings } from './settings';

export interface ProjectNotifyRequest {
  reference: string;
  template: ProjectTemplateName;
  audience: 'applicant' | 'vendor' | 'finance';
  reason: string | null;
  /** Unique per message within the project, such as 'step:12' or 'refund:final'. */
  key: string;
  /** The refund that a guaranteeRefunded message reports. */
  refund?: { amount: number; stage: RefundPayment['stage']; vendorEmail: string };
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

  let recipient: Recipient | null = null;
  if (request.audience === 'applicant') {
    if (applicant.active) {
      recipient = {
        id: applicant.id,
        email: applicant.email,
        name: applicant.name,
        language: applicant.language === 'en' ? 'en' : 'ms',
      };
    }
  } else if (request.audience === 'vendor') {
    const email = request.refund?.vendorEmail ?? project.contract?.vendorEmail ?? '';
    if (email !== '') recipient = { id: null, email, name: vendorName, language: 'ms' };
  } else {
    const { financeEmail } = await readProjectSettings(db);
    if (financeEmail) {
      recipient = { id: null, email: financeEmail, name: 'Pejabat Bendahari', language: 'ms' };
    }
  }
  if (!recipient) {
    logger.warn(
      { reference: request.reference, template: request.template, audience: request.audience },
      'project notification has no recipient address; set the finance e-mail in the project settings or the vendor e-mail in the contract',
    );
    return 0;
  }

  const idempotencyKey = `project:${request.reference}:${request.key}:${request.audience}`;
  if (await alreadyDelivered(db, idempotencyKey)) return 0;
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
  return 1;
}
