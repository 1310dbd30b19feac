/**
 * The approval activities that the `approvalChain` workflow calls; the workflow imports only the
 * `ApprovalActivities` type from here.
 */
import type { ApprovalSubject, ResolvedLevel } from '../../common/approval';
import type { Logger } from '../../common/logger';
import { endOfNthWorkingDay } from '../../common/working-time';
import type { Database } from '../../db/client';
import { loadDefaultCalendar } from '../sla/calendars';
import { notifyApprovers, type ApprovalNotifierDeps, type NotifyApproversRequest } from './notify';
import { resolveApprovalLevels } from './rules';
import {
  closeApprovalLevel,
  createApprovalTasks,
  escalateApprovalTask,
  recordApprovalDecision,
  type ApprovalTaskRef,
  type CreateTasksRequest,
  type DecisionRecordRequest,
} from './tasks';

const dayMs = 24 * 60 * 60 * 1000;

export interface ApprovalActivities {
  resolveApprovalLevels(request: {
    subject: ApprovalSubject;
    at: string;
  }): Promise<ResolvedLevel[]>;
  createApprovalTasks(request: CreateTasksRequest): Promise<ApprovalTaskRef[]>;
  recordApprovalDecision(request: DecisionRecordRequest): Promise<void>;
  closeApprovalLevel(request: { workflowId: string; level: number }): Promise<number>;
  escalateApprovalTask(request: { taskId: string }): Promise<ApprovalTaskRef[]>;
  notifyApprovers(
    request: NotifyApproversRequest,
  ): Promise<{ sent: number; recorded: number; skipped: number }>;
  /** Returns when the next reminder is due: the close of the n-th working day after `from`. */
  nextApprovalReminderAt(request: { from: string; workingDays: number }): Promise<string>;
}

/**
 * Returns the reminder instant on the default working calendar, or `workingDays` whole days later
 * when no calendar is configured.
 */
async function nextApprovalReminderAt(
  db: Database,
  request: { from: string; workingDays: number },
): Promise<string> {
  const loaded = await loadDefaultCalendar(db);
  if (!loaded)
    return new Date(Date.parse(request.from) + request.workingDays * dayMs).toISOString();
  return endOfNthWorkingDay(
    loaded.calendar,
    Date.parse(request.from),
    request.workingDays,
  ).toISOString();
}

export function createApprovalActivities(
  deps: ApprovalNotifierDeps & { logger: Logger },
): ApprovalActivities {
  const { db } = deps;
  return {
    resolveApprovalLevels: (request) =>
      resolveApprovalLevels(db, request.subject, new Date(request.at)),
    createApprovalTasks: (request) => createApprovalTasks(db, request),
    recordApprovalDecision: (request) => recordApprovalDecision(db, request),
    closeApprovalLevel: (request) => closeApprovalLevel(db, request),
    escalateApprovalTask: (request) => escalateApprovalTask(db, request),
    notifyApprovers: (request) => notifyApprovers(deps, request),
    nextApprovalReminderAt: (request) => nextApprovalReminderAt(db, request),
  };
}

export type { ApprovalTaskRef, DecisionRecordRequest } from './tasks';
export type { NotifyApproversRequest } from './notify';
