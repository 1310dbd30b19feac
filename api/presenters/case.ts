/**
 * Shapes case records for the API. A customer's view leaves out internal entries, the history,
 * work time and the workflow; the response schema then rejects anything else that slips in.
 */
import type { Client } from '@temporalio/client';
import type { CaseStatus, Channel, WaitReason } from '../../common/enums';
import type { Principal } from '../../activities/identity/principals';
import {
  findCase,
  listAttachments,
  listHistory,
  listMessages,
  listParticipantIds,
  type CaseRecord,
} from '../../activities/cases/queries';
import type { Database } from '../../db/client';
import { canSeeCase, canSeeInternal, type CaseAccessFacts } from '../policies/cases';
import type { CaseDetail } from '../schemas/cases';
import { queryWorkflow } from '../workflows';
import { complaintMessages } from '../../common/complaint';
import { AppError } from '../../common/errors';
import { pausedStatuses } from '../../common/enums';
import type { WorkingCalendar } from '../../common/working-time';
import { queueDueState } from '../../activities/sla/queue-times';

export const iso = (value: Date | string | null | undefined): string | null =>
  value === null || value === undefined ? null : new Date(value).toISOString();

const isoRequired = (value: Date | string): string => new Date(value).toISOString();

/** Pairs a Malay and an English name, or returns null when the value had no name to read. */
function bilingualName(nameMs: string | null, nameEn: string | null) {
  if (nameMs === null && nameEn === null) return null;
  return { ms: nameMs ?? nameEn ?? '', en: nameEn ?? nameMs ?? '' };
}

/**
 * Returns the queue colour of a case's resolution target: its warning time, the working minutes
 * left and the level (ok, warning, breached, or paused while the case waits).
 */
export function resolutionQueueState(
  calendar: WorkingCalendar,
  row: {
    openedAt: Date | null;
    resolutionDueAt: Date | null;
    resolutionBreached: boolean | null;
    status: string;
  },
  now: Date,
  warningShare: number,
) {
  const state = queueDueState(
    calendar,
    {
      openedAt: row.openedAt ?? now,
      dueAt: row.resolutionDueAt,
      breached: Boolean(row.resolutionBreached),
      paused: pausedStatuses.includes(row.status as CaseStatus),
      done: row.status === 'resolved' || row.status === 'closed',
    },
    now,
    warningShare,
  );
  return {
    resolutionWarnAt: state.warnAt,
    resolutionRemainingMinutes: state.remainingWorkingMinutes,
    resolutionDueLevel: state.level,
  };
}

export interface VisibleCase {
  record: CaseRecord;
  facts: CaseAccessFacts;
}

/** Loads a case the person may see, or throws not_found as if it did not exist. */
export async function loadVisibleCase(
  db: Database,
  principal: Principal,
  reference: string,
): Promise<VisibleCase> {
  const record = await findCase(db, reference);
  if (!record) throw new AppError('not_found', `No case ${reference}`);
  const facts: CaseAccessFacts = {
    requesterId: record.requesterId,
    unitId: record.unitId,
    assigneeId: record.assigneeId,
    participantIds: await listParticipantIds(db, record.id),
  };
  if (!canSeeCase(principal, facts)) throw new AppError('not_found', `No case ${reference}`);
  return { record, facts };
}

export interface PresentOptions {
  db: Database;
  principal: Principal;
  temporal: { client: Client; namespace: string };
  temporalUiUrl: string;
  /** Ask the workflow for its live state (staff only). */
  live?: boolean;
}

export function temporalUiLink(baseUrl: string, namespace: string, workflowId: string): string {
  const base = baseUrl.replace(/\/$/, '');
  return `${base}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}`;
}

export async function presentCase(
  visible: VisibleCase,
  options: PresentOptions,
): Promise<CaseDetail> {
  const { record } = visible;
  const internal = canSeeInternal(options.principal, visible.facts);
  const [messages, files] = await Promise.all([
    listMessages(options.db, record.id, internal),
    listAttachments(options.db, record.id),
  ]);
  const visibleMessageIds = new Set(messages.map((message) => message.id));
  const detail: CaseDetail = {
    reference: record.reference,
    type: record.type,
    title: record.title,
    description: record.description,
    status: record.status as CaseStatus,
    channel: record.channel as Channel,
    priority: record.priority,
    impact: record.impact,
    urgency: record.urgency,
    service:
      record.serviceId && record.serviceNameMs !== null && record.serviceNameEn !== null
        ? { id: record.serviceId, nameMs: record.serviceNameMs, nameEn: record.serviceNameEn }
        : null,
    category:
      record.categoryId && record.categoryNameMs !== null && record.categoryNameEn !== null
        ? { id: record.categoryId, nameMs: record.categoryNameMs, nameEn: record.categoryNameEn }
        : null,
    requester: internal
      ? { id: record.requesterId, name: record.requesterName, email: record.requesterEmail }
      : { id: record.requesterId, name: record.requesterName },
    unit:
      record.unitId && record.unitNameMs !== null && record.unitNameEn !== null
        ? { id: record.unitId, nameMs: record.unitNameMs, nameEn: record.unitNameEn }
        : null,
    assignee: record.assigneeId ? { id: record.assigneeId, name: record.assigneeName ?? '' } : null,
    waitingFor: record.waitingFor as WaitReason | null,
    openedAt: isoRequired(record.openedAt),
    firstRespondedAt: iso(record.firstRespondedAt),
    resolvedAt: iso(record.resolvedAt),
    closedAt: iso(record.closedAt),
    sla: {
      firstResponseDueAt: iso(record.firstResponseDueAt),
      resolutionDueAt: iso(record.resolutionDueAt),
      firstResponseBreached: record.firstResponseBreached,
      resolutionBreached: record.resolutionBreached,
    },
    reopenCount: record.reopenCount,
    resolutionNote: record.resolutionNote,
    rating: record.rating === null ? null : { score: record.rating, comment: record.ratingComment },
    timeline: messages.map((message) => ({
      id: message.id,
      kind: message.kind,
      visibility: message.visibility === 'internal' ? 'internal' : 'public',
      author: message.authorId ? { id: message.authorId, name: message.authorName ?? '' } : null,
      body: message.body,
      minutes: message.minutes,
      createdAt: isoRequired(message.createdAt),
    })),
    attachments: files
      .filter((file) => file.messageId === null || visibleMessageIds.has(file.messageId))
      .map((file) => ({ ...file, createdAt: isoRequired(file.createdAt) })),
  };

  if (internal) {
    const history = await listHistory(options.db, record.id);
    detail.workMinutes = record.workMinutes;
    detail.source = record.source;
    detail.externalRef = record.externalRef;
    detail.history = history.map((entry) => ({
      at: isoRequired(entry.at),
      actor: entry.actorId ? { id: entry.actorId, name: entry.actorName ?? '' } : null,
      action: entry.action,
      field: entry.field,
      oldValue: entry.oldValue,
      newValue: entry.newValue,
      oldName: bilingualName(entry.oldNameMs, entry.oldNameEn),
      newName: bilingualName(entry.newNameMs, entry.newNameEn),
    }));
    detail.workflow = record.workflowId
      ? {
          id: record.workflowId,
          temporalUiUrl: temporalUiLink(
            options.temporalUiUrl,
            options.temporal.namespace,
            record.workflowId,
          ),
          ...(options.live
            ? {
                state: await queryWorkflow(
                  options.temporal.client,
                  record.workflowId,
                  complaintMessages.state,
                ),
              }
            : {}),
        }
      : null;
  }
  return detail;
}
