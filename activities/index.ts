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
import { createApprovalActivities, type ApprovalActivities } from './approvals';
import { createFacilityActivities, type FacilityActivities } from './facilities';
import { createLoanActivities, type LoanActivities } from './loans';
import { createCeremonyActivities, type CeremonyActivities } from './ceremony';
import { createMailActivities, type MailActivities } from './mail';
import { createDigestActivities, type DigestActivities } from './reports/digest';
import { createSurveyActivities, type SurveyActivities } from './surveys';
import { createProjectActivities, type ProjectActivities } from './projects';
import { createCsiActivities, type CsiActivities } from './csi';
import { createReportMailingActivities, type ReportMailingActivities } from './reports/mailing';
import { computeDeadlines, type DeadlineRequest, type Deadlines } from './sla';
import {
  listOpenCaseWorkflows,
  recordSlaResults,
  type OpenCasePage,
  type OpenCasePageRequest,
  type SlaResultRequest,
} from './sla';

export interface ActivityDeps {
  db: Database;
  config: Config;
  logger: Logger;
  /** SMTP transport from SMTP_URL; without one, notifications are only recorded in the outbox. */
  mailer?: Transporter | null;
}

/** The opening of a complaint: its deadlines, then the record written with them. */
export interface OpenRequest {
  deadlines: DeadlineRequest;
  record: Omit<OpenRecord, 'deadlines'>;
}

export interface ComplaintActivities {
  computeDeadlines(request: DeadlineRequest): Promise<Deadlines>;
  recordOpened(record: OpenRecord): Promise<StepResult>;
  /** computeDeadlines and recordOpened in one activity, which saves a workflow task. */
  openCase(request: OpenRequest): Promise<Deadlines>;
  recordStep(record: StepRecord): Promise<StepResult>;
  notify(request: NotifyRequest): Promise<NotifyResult>;
  recordSlaResults(request: SlaResultRequest): Promise<number>;
}

/** Activities of the recomputeDeadlines workflow. */
export interface SlaActivities {
  listOpenCaseWorkflows(request: OpenCasePageRequest): Promise<OpenCasePage>;
}

/** The activities of every workflow, which one worker registers together. */
export type KhidmatActivities = ComplaintActivities &
  ApprovalActivities &
  FacilityActivities &
  LoanActivities &
  CeremonyActivities &
  SlaActivities &
  MailActivities &
  DigestActivities &
  SurveyActivities &
  ProjectActivities &
  CsiActivities &
  ReportMailingActivities;

export function createActivities(deps: ActivityDeps): KhidmatActivities {
  const logger = deps.logger.child({ component: 'activities' });
  const notifier = { db: deps.db, config: deps.config, logger, mailer: deps.mailer ?? null };
  return {
    computeDeadlines: (request) => computeDeadlines(deps.db, logger, request),
    recordOpened: (record) => recordOpened(deps.db, record),
    openCase: async (request) => {
      const deadlines = await computeDeadlines(deps.db, logger, request.deadlines);
      await recordOpened(deps.db, { ...request.record, deadlines });
      return deadlines;
    },
    recordStep: (record) => recordStep(deps.db, record),
    notify: (request) => notify(notifier, request),
    recordSlaResults: (request) => recordSlaResults(deps.db, logger, request),
    listOpenCaseWorkflows: (request) => listOpenCaseWorkflows(deps.db, request),
    ...createApprovalActivities(notifier),
    ...createFacilityActivities(notifier),
    ...createLoanActivities(deps),
    ...createCeremonyActivities(deps),
    ...createMailActivities(deps),
    ...createDigestActivities(notifier),
    ...createSurveyActivities(notifier),
    ...createProjectActivities(deps),
    ...createCsiActivities(notifier),
    ...createReportMailingActivities(notifier),
  };
}

export type { DeadlineRequest, Deadlines } from './sla';
export type { CaseChanges, HistoryEntry, MessageEntry, StepRecord } from './cases/record';
export type { NotifyRequest } from './notifications/send';
