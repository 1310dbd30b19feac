/**
 * Notifications of the facilityLoan workflow: renders the loan template in each recipient's
 * language, records it in the notifications outbox (without a case) and sends it by SMTP when a
 * mailer is configured. The outbox key makes a retried activity send each message once.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Transporter } from 'nodemailer';
import type { Config } from '../../common/config';
import type { Logger } from '../../common/logger';
import type { Database } from '../../db/client';
import { inventoryResources, loans, notifications, people } from '../../db/schema';
import { formatMalaysianTime, publicBaseUrl } from '../notifications/format';
import { loanTemplates, type LoanTemplateName } from './messages';
import { unitHeadIds } from './records';

/** The borrower alone, or the borrower and the heads of the borrower's unit. */
export type LoanAudience = 'borrower' | 'borrowerAndUnitHeads';

export interface LoanNotifyRequest {
  reference: string;
  template: LoanTemplateName;
  audience: LoanAudience;
  /** Unique per event within the loan, such as 'step:3' or 'overdue'. */
  key: string;
  at: string;
  reason?: string;
}

export interface LoanNotifierDeps {
  db: Database;
  config: Config;
  logger: Logger;
  mailer: Transporter | null;
}

/** Returns how many messages were sent or recorded by this call. */
export async function notifyLoan(
  deps: LoanNotifierDeps,
  request: LoanNotifyRequest,
): Promise<number> {
  const { db, config, logger, mailer } = deps;
  const [loan] = await db
    .select({
      borrowerId: loans.borrowerId,
      borrowerUnitId: loans.borrowerUnitId,
      startsAt: loans.startsAt,
      endsAt: loans.endsAt,
      resourceName: inventoryResources.name,
      borrowerName: people.name,
    })
    .from(loans)
    .innerJoin(inventoryResources, eq(inventoryResources.id, loans.resourceId))
    .innerJoin(people, eq(people.id, loans.borrowerId))
    .where(eq(loans.reference, request.reference));
  if (!loan) {
    logger.error(
      { reference: request.reference, key: request.key },
      'notification for a missing loan',
    );
    return 0;
  }

  const ids = [loan.borrowerId];
  if (request.audience === 'borrowerAndUnitHeads') {
    ids.push(...(await unitHeadIds(db, loan.borrowerUnitId)));
  }
  const recipients = await db
    .select({ id: people.id, email: people.email, name: people.name, language: people.language })
    .from(people)
    .where(and(inArray(people.id, [...new Set(ids)]), eq(people.active, true)));

  let handled = 0;
  for (const recipient of recipients) {
    const idempotencyKey = `loan:${request.reference}:${request.key}:${recipient.id}`;
    const [existing] = await db
      .select({ status: notifications.status })
      .from(notifications)
      .where(eq(notifications.idempotencyKey, idempotencyKey));
    if (existing && (existing.status === 'sent' || existing.status === 'recorded')) continue;

    const language = recipient.language === 'en' ? 'en' : 'ms';
    const data = {
      recipientName: recipient.name,
      reference: request.reference,
      resourceName: loan.resourceName,
      borrowerName: loan.borrowerName,
      startsAt: formatMalaysianTime(loan.startsAt.toISOString()),
      endsAt: formatMalaysianTime(loan.endsAt.toISOString()),
      loanUrl: `${publicBaseUrl(config.PUBLIC_URL)}/loans/${request.reference}`,
      reason: request.reason ?? '-',
    };
    const message = loanTemplates[language][request.template](data);
    const [row] = await db
      .insert(notifications)
      .values({
        idempotencyKey,
        caseId: null,
        recipientId: recipient.id,
        recipientEmail: recipient.email,
        template: request.template,
        language,
        subject: message.subject,
        bodyText: message.text,
        data,
        status: 'pending',
        createdAt: new Date(request.at),
      })
      .onConflictDoUpdate({
        target: notifications.idempotencyKey,
        set: { subject: message.subject, bodyText: message.text, status: 'pending' },
      })
      .returning({ id: notifications.id, attempts: notifications.attempts });
    if (!row) throw new Error(`the notification ${idempotencyKey} was not stored`);

    if (!mailer) {
      await db
        .update(notifications)
        .set({ status: 'recorded' })
        .where(eq(notifications.id, row.id));
      handled += 1;
      continue;
    }
    try {
      const info = (await mailer.sendMail({
        from: config.MAIL_FROM,
        to: recipient.email,
        subject: message.subject,
        text: message.text,
      })) as { messageId?: string };
      await db
        .update(notifications)
        .set({
          status: 'sent',
          sentAt: new Date(),
          attempts: row.attempts + 1,
          messageId: info.messageId ?? null,
        })
        .where(eq(notifications.id, row.id));
      handled += 1;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await db
        .update(notifications)
        .set({ status: 'failed', attempts: row.attempts + 1, error: reason })
        .where(eq(notifications.id, row.id));
      logger.warn(
        {
          reference: request.reference,
          notificationId: row.id,
          template: request.template,
          err: error,
        },
        'sending a loan notification by SMTP failed; the activity will retry',
      );
      throw error;
    }
  }
  return handled;
}
