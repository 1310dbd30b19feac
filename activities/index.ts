/**
 * The activity object that the worker registers. Each function takes one JSON-serialisable
 * argument, because the workflow calls it through Temporal; the workflow imports only the
 * `ComplaintActivities` type from here.
 */
import type { Transporter } from 'nodemailer';
import type { Config } from '../common/config';
import type { Logger } from '../common/logger';
import type { Database } from '../db/client';
import {
  recordOpened,
  recordStep,
  type OpenRecord,
  type StepRecord,
  type StepResult,
} from './cases/record';
import { notify, type NotifyRequest, type NotifyResult } from './notifications/send';
import { computeDeadlines, type DeadlineRequest, type Deadlines } from './sla';

export interface ActivityDeps {
  db: Database;
  config: Config;
  logger: Logger;
  /** SMTP transport from SMTP_URL; without one, notifications are only recorded in the outbox. */
  mailer?: Transporter | null;
}

export interface ComplaintActivities {
  computeDeadlines(request: DeadlineRequest): Promise<Deadlines>;
  recordOpened(record: OpenRecord): Promise<StepResult>;
  recordStep(record: StepRecord): Promise<StepResult>;
  notify(request: NotifyRequest): Promise<NotifyResult>;
}

export function createActivities(deps: ActivityDeps): ComplaintActivities {
  const logger = deps.logger.child({ component: 'activities' });
  const notifier = { db: deps.db, config: deps.config, logger, mailer: deps.mailer ?? null };
  return {
    computeDeadlines: (request) => computeDeadlines(deps.db, logger, request),
    recordOpened: (record) => recordOpened(deps.db, record),
    recordStep: (record) => recordStep(deps.db, record),
    notify: (request) => notify(notifier, request),
  };
}

export type { DeadlineRequest, Deadlines } from './sla';
export type { CaseChanges, HistoryEntry, MessageEntry, StepRecord } from './cases/record';
export type { NotifyRequest } from './notifications/send';
