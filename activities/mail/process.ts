/**
 * Processes one stored inbound message: parse it, set aside automatic mail, apply the sender rate
 * limit, then join the case it replies to or open a new complaint. Each step is idempotent, so a
 * retry after a crash at any point ends with one case and one reply. The new case's reference and
 * id are fixed on the message row before its workflow starts, Temporal rejects a second start of
 * that workflow id, and a reply is sent as an update whose id is derived from the message.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import {
  WorkflowIdReusePolicy,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
} from '@temporalio/client';
import { ApplicationFailure, WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { and, eq, gt, lte, ne, sql } from 'drizzle-orm';
import type { Transporter } from 'nodemailer';
import {
  complaintMessages,
  complaintPrefix,
  complaintTextLimits,
  complaintWorkflowType,
  type ComplaintInput,
  type TextMessage,
} from '../../common/complaint';
import type { Config } from '../../common/config';
import { AppError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import {
  mailDefaults,
  mailDomainOf,
  ownMessageId,
  type MailOutcome,
  type MailProcessResult,
  type MailReason,
  type MailStatus,
  type UnknownDomainPolicy,
} from '../../common/mail';
import type { Database } from '../../db/client';
import { cases, mailMailboxes, mailMessages } from '../../db/schema';
import { createFileStore } from '../../api/uploads/store';
import { resolveClassification } from '../cases/intake';
import { allocateReference } from '../cases/reference';
import { loadPrincipal } from '../identity/principals';
import { describeSkippedParts, keepAttachments, type KeptAttachments } from './attachments';
import { recordBounce } from './bounce';
import { classifyMessage } from './classify';
import { parseMessage, type ParsedMessage } from './parse';
import { sendRejectReply } from './reject-reply';
import { decideRequester, findPersonByEmail } from './requester';
import { findThread, type ThreadTarget } from './thread';

export interface MailProcessorDeps {
  db: Database;
  config: Config;
  /** Any pino logger, including a Fastify request's. */
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  client: Client;
  taskQueue: string;
  mailer: Transporter | null;
}

export interface ProcessOptions {
  /** Set by an administrator's re-processing: processes a quarantined message and skips the rate limit. */
  force?: boolean;
}

type MessageRow = typeof mailMessages.$inferSelect;
type MailboxRow = typeof mailMailboxes.$inferSelect;

function resultOf(row: MessageRow): MailProcessResult {
  return {
    id: row.id,
    status: row.status as MailStatus,
    outcome: row.outcome as MailOutcome | null,
    reason: row.reason,
    caseReference: row.caseReference,
  };
}

async function finish(
  db: Database,
  id: string,
  values: {
    status: MailStatus;
    outcome?: MailOutcome | null;
    reason?: MailReason;
    detail?: string;
    caseId?: string | null;
  },
): Promise<MailProcessResult> {
  const reason = values.reason
    ? `${values.reason}${values.detail ? `: ${values.detail}` : ''}`
    : null;
  const [row] = await db
    .update(mailMessages)
    .set({
      status: values.status,
      outcome: values.outcome ?? null,
      reason: reason?.slice(0, 1000) ?? null,
      ...(values.caseId === undefined ? {} : { caseId: values.caseId }),
      processedAt: new Date(),
    })
    .where(eq(mailMessages.id, id))
    .returning();
  if (!row) throw new Error(`mail message ${id} vanished while it was processed`);
  return resultOf(row);
}

/** Quarantines a message with the reason; an administrator may process it again. */
export function quarantine(db: Database, id: string, reason: MailReason, detail?: string) {
  return finish(db, id, { status: 'quarantined', reason, ...(detail ? { detail } : {}) });
}

/** Returns the year of an instant in Malaysia, which picks the reference's yearly sequence. */
function malaysianYear(instant: Date): number {
  const format = new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: 'Asia/Kuala_Lumpur' });
  return Number(format.format(instant));
}

/** Derives the new case's id from the message row, so every retry starts the workflow with the same input. */
function caseIdFor(messageRowId: string): string {
  const hex = createHash('sha256').update(`mail-case:${messageRowId}`).digest('hex');
  const variant = ((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

async function senderOverLimit(db: Database, row: MessageRow, limit: number): Promise<boolean> {
  if (!row.fromAddress) return false;
  const since = new Date(row.receivedAt.getTime() - 3_600_000);
  const [counted] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(mailMessages)
    .where(
      and(
        eq(mailMessages.fromAddress, row.fromAddress),
        gt(mailMessages.receivedAt, since),
        lte(mailMessages.receivedAt, row.receivedAt),
        ne(mailMessages.id, row.id),
        ne(mailMessages.status, 'ignored'),
        row.mailboxId ? eq(mailMessages.mailboxId, row.mailboxId) : sql`true`,
      ),
    );
  return (counted?.count ?? 0) >= limit;
}

function caseText(message: ParsedMessage, kept: KeptAttachments): string {
  const text = message.text || '(tiada teks / no text)';
  const suffix = describeSkippedParts(kept.skipped);
  return `${text.slice(0, complaintTextLimits.body - suffix.length)}${suffix}`;
}

function caseTitle(message: ParsedMessage): string {
  const subject = message.subject.slice(0, 200).trim();
  if (subject.length >= 3) return subject;
  const firstLine = message.text
    .split('\n')
    .find((line) => line.trim().length >= 3)
    ?.trim();
  return (firstLine ?? `E-mel daripada ${message.fromAddress ?? 'pengirim tidak dikenali'}`).slice(
    0,
    200,
  );
}

class Processor {
  private readonly files;
  private readonly ownDomain: string;

  constructor(private readonly deps: MailProcessorDeps) {
    this.files = createFileStore(join(deps.config.DATA_DIR, 'files'));
    this.ownDomain = mailDomainOf(deps.config.MAIL_FROM);
  }

  async run(id: string, options: ProcessOptions): Promise<MailProcessResult> {
    const { db } = this.deps;
    const [row] = await db.select().from(mailMessages).where(eq(mailMessages.id, id));
    if (!row) throw new AppError('not_found', `No stored mail message ${id}`);
    if (row.status === 'processed' || row.status === 'ignored') return resultOf(row);
    if (row.status === 'quarantined' && !options.force) return resultOf(row);
    await db
      .update(mailMessages)
      .set({ attempts: sql`${mailMessages.attempts} + 1` })
      .where(eq(mailMessages.id, id));

    let message: ParsedMessage;
    try {
      message = await parseMessage(row.raw, row.receivedAt);
    } catch (error) {
      return quarantine(db, id, 'unparseable', (error as Error).message);
    }
    const mailbox = row.mailboxId
      ? ((await db.select().from(mailMailboxes).where(eq(mailMailboxes.id, row.mailboxId)))[0] ??
        null)
      : null;

    const kind = classifyMessage(message, this.ownDomain);
    switch (kind.kind) {
      case 'own_mail':
        return finish(db, id, { status: 'ignored', outcome: 'set_aside', reason: 'own_mail' });
      case 'auto_reply':
        return finish(db, id, {
          status: 'ignored',
          outcome: 'set_aside',
          reason: 'auto_reply',
          detail: kind.signal,
        });
      case 'calendar_reply':
        return finish(db, id, {
          status: 'ignored',
          outcome: 'set_aside',
          reason: 'calendar_reply',
        });
      case 'bounce': {
        const bounce = await recordBounce(db, kind, [...message.inReplyTo, ...message.references]);
        return finish(db, id, {
          status: 'ignored',
          outcome: 'bounce',
          reason: 'bounce',
          detail: bounce.failingAddresses.join(', '),
          caseId: bounce.caseId,
        });
      }
      case 'person':
        break;
    }

    if (!message.fromAddress) return quarantine(db, id, 'no_sender');
    const limit = mailbox?.senderHourlyLimit ?? mailDefaults.senderHourlyLimit;
    if (!options.force && (await senderOverLimit(db, row, limit))) {
      return quarantine(db, id, 'rate_limited', `more than ${limit} messages in an hour`);
    }

    const person = await findPersonByEmail(db, message.fromAddress);
    const personId = person?.active ? person.id : null;
    const thread = await findThread(db, message, { address: message.fromAddress, personId });
    if (thread && personId && thread.requesterId === personId && row.caseReference === null) {
      const joined = await this.joinCase(row, message, thread, personId);
      if (joined) return joined;
    }
    return this.openCase(row, message, mailbox, thread);
  }

  /**
   * Sends the message to its case as the requester's reply. Returns null when the case no longer
   * takes replies (closed, or in a state that rejects them), so the caller opens a new case.
   */
  private async joinCase(
    row: MessageRow,
    message: ParsedMessage,
    thread: ThreadTarget,
    personId: string,
  ): Promise<MailProcessResult | null> {
    const { db, client, logger } = this.deps;
    const principal = await loadPrincipal(db, personId);
    if (!principal) return null;
    const kept = await this.attachmentsOf(row, message, personId);
    const payload: TextMessage = {
      actor: {
        id: principal.id,
        roles: principal.roles,
        unitIds: principal.unitIds,
        headOfUnitIds: principal.headOfUnitIds,
      },
      body: caseText(message, kept),
      attachmentIds: kept.ids,
    };
    try {
      await client.workflow
        .getHandle(thread.reference)
        .executeUpdate(complaintMessages.customerReply, {
          args: [payload],
          updateId: `mail-${row.id}`,
        });
    } catch (error) {
      const closed =
        error instanceof WorkflowNotFoundError ||
        (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure);
      if (!closed) throw error;
      logger.info(
        { mailId: row.id, reference: thread.reference, err: error },
        'the case of an e-mailed reply takes no replies; opening a new case',
      );
      return null;
    }
    logger.info(
      { mailId: row.id, reference: thread.reference, via: thread.via },
      'e-mail joined its case',
    );
    const result = await finish(db, row.id, {
      status: 'processed',
      outcome: 'joined_case',
      caseId: thread.caseId,
    });
    return { ...result, caseReference: thread.reference };
  }

  private async attachmentsOf(
    row: MessageRow,
    message: ParsedMessage,
    uploaderId: string,
  ): Promise<KeptAttachments> {
    if (row.attachmentIds)
      return { ids: row.attachmentIds, skipped: row.skippedParts ?? [] } as KeptAttachments;
    const kept = await keepAttachments(this.deps.db, this.files, message.attachments, uploaderId, {
      maxBytes: this.deps.config.ATTACHMENT_MAX_BYTES,
      maxCount: this.deps.config.ATTACHMENT_MAX_COUNT,
    });
    await this.deps.db
      .update(mailMessages)
      .set({ attachmentIds: kept.ids, skippedParts: kept.skipped })
      .where(eq(mailMessages.id, row.id));
    return kept;
  }

  private async openCase(
    row: MessageRow,
    message: ParsedMessage,
    mailbox: MailboxRow | null,
    relatedCase: ThreadTarget | null,
  ): Promise<MailProcessResult> {
    const { db, client, config, logger } = this.deps;
    const sender = { address: message.fromAddress ?? '', name: message.fromName };
    const decision = await decideRequester(db, sender, {
      knownDomains: mailbox?.knownDomains ?? [],
      policy: (mailbox?.unknownDomainPolicy ?? 'accept_unverified') as UnknownDomainPolicy,
    });
    if (!decision.accepted) {
      await this.replyRejected(row, message, mailbox);
      return finish(db, row.id, {
        status: 'ignored',
        outcome: 'set_aside',
        reason: 'unknown_domain_rejected',
        detail: sender.address,
      });
    }

    const reference = await this.fixReference(row);
    const caseId = caseIdFor(row.id);
    const kept = await this.attachmentsOf(row, message, decision.personId);
    const classification = await resolveClassification(
      db,
      null,
      mailbox?.defaultCategoryId ?? null,
    );
    const related = relatedCase ? `\n\n[Berkaitan / Related: ${relatedCase.reference}]` : '';
    const input: ComplaintInput = {
      caseId,
      reference,
      title: caseTitle(message),
      description: `${caseText(message, kept)}${related}`.slice(0, complaintTextLimits.body),
      channel: 'email',
      requesterId: decision.personId,
      createdById: decision.personId,
      serviceId: classification.serviceId,
      categoryId: classification.categoryId,
      impact: (classification.defaultImpact ?? 2) as ComplaintInput['impact'],
      urgency: (classification.defaultUrgency ?? 2) as ComplaintInput['urgency'],
      unitId: mailbox?.defaultUnitId ?? classification.unitId,
      attachmentIds: kept.ids,
      openedAt: row.receivedAt.toISOString(),
      confirmationWindowMs: config.CONFIRMATION_WINDOW_HOURS * 3_600_000,
      warningShare: config.SLA_WARNING_SHARE,
    };
    try {
      await client.workflow.start(complaintWorkflowType, {
        workflowId: reference,
        taskQueue: this.deps.taskQueue,
        args: [input],
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      });
    } catch (error) {
      // A retry after a crash finds the workflow that the first attempt started.
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
    await client.workflow
      .getHandle(reference)
      .executeUpdate(complaintMessages.opened, { args: [] });

    const [opened] = await db
      .select({ id: cases.id })
      .from(cases)
      .where(eq(cases.reference, reference));
    logger.info(
      { mailId: row.id, reference, verified: decision.verified, related: relatedCase?.reference },
      'complaint received by e-mail',
    );
    return finish(db, row.id, {
      status: 'processed',
      outcome: 'new_case',
      caseId: opened?.id ?? null,
    });
  }

  /** Allocates the new case's reference once and keeps it on the message row. */
  private async fixReference(row: MessageRow): Promise<string> {
    if (row.caseReference) return row.caseReference;
    const { db } = this.deps;
    const allocated = await allocateReference(db, complaintPrefix, malaysianYear(row.receivedAt));
    await db
      .update(mailMessages)
      .set({ caseReference: allocated })
      .where(and(eq(mailMessages.id, row.id), sql`${mailMessages.caseReference} is null`));
    const [current] = await db
      .select({ reference: mailMessages.caseReference })
      .from(mailMessages)
      .where(eq(mailMessages.id, row.id));
    if (!current?.reference) throw new Error(`no reference was kept for mail message ${row.id}`);
    row.caseReference = current.reference;
    return current.reference;
  }

  private async replyRejected(row: MessageRow, message: ParsedMessage, mailbox: MailboxRow | null) {
    const { mailer, config, logger } = this.deps;
    if (!mailer || !message.fromAddress) return;
    try {
      await sendRejectReply(mailer, {
        from: config.MAIL_FROM,
        to: message.fromAddress,
        mailboxAddress: mailbox?.address ?? config.MAIL_FROM,
        originalMessageId: message.messageId,
        originalSubject: message.subject,
        messageId: ownMessageId(row.id, this.ownDomain),
      });
    } catch (error) {
      // The message stays set aside either way; a lost reply is logged rather than retried.
      logger.warn({ mailId: row.id, err: error }, 'sending the rejection reply failed');
    }
  }
}

/** Processes one stored message; see the file comment for the guarantees. */
export function processStoredMessage(
  deps: MailProcessorDeps,
  id: string,
  options: ProcessOptions = {},
): Promise<MailProcessResult> {
  return new Processor(deps).run(id, options);
}
