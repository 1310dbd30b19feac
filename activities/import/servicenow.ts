/**
 * Imports a ServiceNow incident audit log (the layout of the UCI "Incident management process
 * enriched event log"): one case per incident with its history, and a running `complaint`
 * workflow for every incident that is still open. Safe to run again on the same or a newer file.
 */
import { createReadStream } from 'node:fs';
import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { parse, type CsvError } from 'csv-parse';
import { complaintWorkflowType, type ComplaintInput } from '../../common/complaint';
import { openStatuses, type CaseStatus } from '../../common/enums';
import { AppError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import type { Database } from '../../db/client';
import {
  columnIndexOf,
  isRejection,
  isValidTimeZone,
  parseServiceNowRow,
  yearIn,
  type RowRejection,
  type ServiceNowColumn,
  type ServiceNowRow,
} from './servicenow-format';
import { planIncident, sortRows, type IncidentPlan, type ResolvedIds } from './servicenow-plan';
import {
  ImportDirectory,
  loadExistingImports,
  markWorkflowStarted,
  writeIncident,
} from './servicenow-store';

export type ImportProgress =
  | { phase: 'reading'; rowsRead: number; rowsRejected: number }
  | { phase: 'writing'; incidentsDone: number; incidentsTotal: number };

export interface ServiceNowImportOptions {
  db: Database;
  /** Null records open cases without starting their workflows; a later import starts them. */
  temporalClient: Client | null;
  taskQueue: string;
  logger: Logger;
  onProgress?: (progress: ImportProgress) => void;
  /** Path of the CSV file. */
  file: string;
  /** IANA zone in which the log's dates are read; Asia/Kuala_Lumpur when absent. */
  timeZone?: string;
  /** Reads and checks the file and reports what would change, writing nothing. */
  dryRun?: boolean;
  /** Passed to started workflows: see ComplaintInput. Defaults: 120 hours and 0.75. */
  confirmationWindowMs?: number;
  warningShare?: number;
}

export interface WorkflowFailure {
  number: string;
  reference: string;
  message: string;
}

export interface ImportSummary {
  dryRun: boolean;
  /** Data rows of the file, without the header. */
  rowsRead: number;
  rowsRejected: number;
  /** The first rejections, at most maxListedRejections of them. */
  rejections: RowRejection[];
  incidentsSeen: number;
  casesCreated: number;
  casesUpdated: number;
  casesUnchanged: number;
  workflowsStarted: number;
  /** Open cases whose workflow was found already running, so it was not started again. */
  workflowsAlreadyRunning: number;
  /** Open cases left without a workflow: no Temporal client was given, or starting it failed. */
  workflowsNotStarted: number;
  workflowFailures: WorkflowFailure[];
}

export const maxListedRejections = 1000;
export const defaultImportTimeZone = 'Asia/Kuala_Lumpur';
/** After this many workflow starts fail in a row, the rest are not tried in this run. */
const maxConsecutiveStartFailures = 5;
const progressEveryRows = 500;

/** Statuses whose case gets a running workflow: still open, or resolved and awaiting confirmation. */
const statusesWithWorkflow: readonly CaseStatus[] = [...openStatuses, 'resolved'];

export async function importServiceNowEventLog(
  options: ServiceNowImportOptions,
): Promise<ImportSummary> {
  const timeZone = options.timeZone ?? defaultImportTimeZone;
  if (!isValidTimeZone(timeZone)) {
    throw new AppError(
      'validation_failed',
      `Invalid time zone "${timeZone}": use an IANA name such as Asia/Kuala_Lumpur.`,
    );
  }
  const dryRun = options.dryRun ?? false;
  const log = options.logger.child({ import: 'servicenow', file: options.file, dryRun });
  log.info({ timeZone }, 'ServiceNow import started');

  const summary: ImportSummary = {
    dryRun,
    rowsRead: 0,
    rowsRejected: 0,
    rejections: [],
    incidentsSeen: 0,
    casesCreated: 0,
    casesUpdated: 0,
    casesUnchanged: 0,
    workflowsStarted: 0,
    workflowsAlreadyRunning: 0,
    workflowsNotStarted: 0,
    workflowFailures: [],
  };

  const rowsByIncident = await readRows(options.file, timeZone, summary, options.onProgress);
  summary.incidentsSeen = rowsByIncident.size;

  const existingImports = await loadExistingImports(options.db);
  const directory = new ImportDirectory(options.db);
  const starter = new WorkflowStarter(options, summary, log);
  let incidentsDone = 0;
  const reportWriting = (): void =>
    options.onProgress?.({
      phase: 'writing',
      incidentsDone,
      incidentsTotal: rowsByIncident.size,
    });

  for (const [number, unsortedRows] of rowsByIncident) {
    const rows = sortRows(unsortedRows);
    const existing = existingImports.get(number);
    const lastModCount = Math.max(...rows.map((row) => row.sysModCount));
    const changed = !existing || lastModCount > existing.lastModCount;

    if (!changed) {
      summary.casesUnchanged += 1;
      if (
        !dryRun &&
        existing.workflowId === null &&
        statusesWithWorkflow.includes(existing.snapshot.status)
      ) {
        // Recorded by an earlier run without Temporal: its workflow starts now.
        const plan = planIncident(rows, await resolveIds(directory, rows), null);
        await starter.start(plan, existing.caseId, existing.reference);
      }
    } else if (dryRun) {
      if (existing) summary.casesUpdated += 1;
      else summary.casesCreated += 1;
    } else {
      const ids = await resolveIds(directory, rows);
      const previous = existing
        ? { snapshot: existing.snapshot, lastModCount: existing.lastModCount }
        : null;
      const plan = planIncident(rows, ids, previous);
      const referenceYear = yearIn(plan.caseFields.openedAt, timeZone);
      const written = await writeIncident(options.db, plan, existing, referenceYear);
      if (existing) summary.casesUpdated += 1;
      else summary.casesCreated += 1;

      // NOTE: no message is sent to a workflow that already runs, so it keeps its own state while
      // the case row and its history take the changes of a newer file.
      if (written.workflowId === null && statusesWithWorkflow.includes(plan.caseFields.status)) {
        await starter.start(plan, written.caseId, written.reference);
      }
    }

    incidentsDone += 1;
    if (incidentsDone % 50 === 0) reportWriting();
  }
  reportWriting();

  log.info(
    {
      rowsRead: summary.rowsRead,
      rowsRejected: summary.rowsRejected,
      incidentsSeen: summary.incidentsSeen,
      casesCreated: summary.casesCreated,
      casesUpdated: summary.casesUpdated,
      casesUnchanged: summary.casesUnchanged,
      workflowsStarted: summary.workflowsStarted,
      workflowsNotStarted: summary.workflowsNotStarted,
    },
    'ServiceNow import finished',
  );
  return summary;
}

/** Reads the file, rejecting malformed rows, and groups the valid ones by incident number. */
async function readRows(
  file: string,
  timeZone: string,
  summary: ImportSummary,
  onProgress: ServiceNowImportOptions['onProgress'],
): Promise<Map<string, ServiceNowRow[]>> {
  const reject = (rejection: RowRejection): void => {
    summary.rowsRejected += 1;
    if (summary.rejections.length < maxListedRejections) summary.rejections.push(rejection);
  };

  const source = createReadStream(file);
  const parser = source.pipe(
    parse({
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (error: CsvError | undefined) => {
        summary.rowsRead += 1;
        const line = typeof error?.lines === 'number' ? error.lines : 0;
        reject({
          line,
          column: null,
          value: null,
          reason: `unreadable CSV: ${error?.message ?? 'unknown error'}`,
        });
        return undefined;
      },
    }),
  );

  // pipe() does not forward the source's errors, such as a missing file, to the parser.
  source.on('error', (error) => parser.destroy(error));

  let index: Record<ServiceNowColumn, number> | null = null;
  const rowsByIncident = new Map<string, ServiceNowRow[]>();
  try {
    for await (const entry of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      if (index === null) {
        const columns = columnIndexOf(entry.record);
        if ('missing' in columns) {
          throw new AppError(
            'validation_failed',
            `${file} is not a ServiceNow incident event log: its header lacks the columns ${columns.missing.join(', ')}.`,
          );
        }
        index = columns.index;
        continue;
      }

      summary.rowsRead += 1;
      const parsed = parseServiceNowRow(entry.record, index, entry.info.lines, timeZone);
      if (isRejection(parsed)) {
        reject(parsed);
      } else {
        const rows = rowsByIncident.get(parsed.number);
        if (rows) rows.push(parsed);
        else rowsByIncident.set(parsed.number, [parsed]);
      }
      if (summary.rowsRead % progressEveryRows === 0) {
        onProgress?.({
          phase: 'reading',
          rowsRead: summary.rowsRead,
          rowsRejected: summary.rowsRejected,
        });
      }
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new AppError('not_found', `The file ${file} does not exist.`);
    }
    throw error;
  }
  if (index === null) {
    throw new AppError(
      'validation_failed',
      `${file} is empty: a header row of ServiceNow columns is expected.`,
    );
  }
  onProgress?.({
    phase: 'reading',
    rowsRead: summary.rowsRead,
    rowsRejected: summary.rowsRejected,
  });
  return rowsByIncident;
}

/** Finds or creates the ids behind every token in an incident's rows. */
async function resolveIds(directory: ImportDirectory, rows: ServiceNowRow[]): Promise<ResolvedIds> {
  const unitIds = new Map<ServiceNowRow, string | null>();
  const assigneeIds = new Map<ServiceNowRow, string | null>();
  const categoryIds = new Map<ServiceNowRow, string | null>();
  for (const row of rows) {
    unitIds.set(row, row.assignmentGroup ? await directory.unitOf(row.assignmentGroup) : null);
    assigneeIds.set(
      row,
      row.assignedTo ? await directory.personOf(row.assignedTo, 'technician') : null,
    );
    categoryIds.set(row, row.category ? await directory.categoryOf(row.category) : null);
  }

  const last = rows[rows.length - 1] as ServiceNowRow;
  const requesterId = await directory.personOf(last.caller ?? 'Caller unknown', 'customer');
  const createdById = last.openedBy
    ? await directory.personOf(last.openedBy, 'agent')
    : requesterId;
  if (last.resolvedBy) await directory.personOf(last.resolvedBy, 'technician');

  return {
    unitIdOf: (row) => unitIds.get(row) ?? null,
    assigneeIdOf: (row) => assigneeIds.get(row) ?? null,
    categoryIdOf: (row) => categoryIds.get(row) ?? null,
    requesterId,
    createdById,
    serviceId: await directory.importService(),
  };
}

/** Starts `complaint` workflows for open cases, treating an already running one as started. */
class WorkflowStarter {
  private consecutiveFailures = 0;

  constructor(
    private readonly options: ServiceNowImportOptions,
    private readonly summary: ImportSummary,
    private readonly log: Logger,
  ) {}

  async start(plan: IncidentPlan, caseId: string, reference: string): Promise<void> {
    const client = this.options.temporalClient;
    if (client === null || this.consecutiveFailures >= maxConsecutiveStartFailures) {
      this.summary.workflowsNotStarted += 1;
      return;
    }

    const input = complaintInputOf(plan, caseId, reference, this.options);
    try {
      await client.workflow.start(complaintWorkflowType, {
        workflowId: reference,
        taskQueue: this.options.taskQueue,
        args: [input],
      });
      this.summary.workflowsStarted += 1;
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) {
        this.consecutiveFailures += 1;
        this.summary.workflowsNotStarted += 1;
        const message = error instanceof Error ? error.message : String(error);
        this.summary.workflowFailures.push({ number: plan.number, reference, message });
        this.log.warn(
          { err: error, reference, number: plan.number },
          'Starting the complaint workflow failed',
        );
        return;
      }
      this.summary.workflowsAlreadyRunning += 1;
    }
    this.consecutiveFailures = 0;
    await markWorkflowStarted(this.options.db, caseId, reference);
  }
}

function complaintInputOf(
  plan: IncidentPlan,
  caseId: string,
  reference: string,
  options: ServiceNowImportOptions,
): ComplaintInput {
  const fields = plan.caseFields;
  return {
    caseId,
    reference,
    title: fields.title,
    description: fields.description,
    channel: fields.channel,
    requesterId: fields.requesterId,
    createdById: fields.createdById,
    serviceId: fields.serviceId,
    categoryId: fields.categoryId,
    impact: fields.impact,
    urgency: fields.urgency,
    unitId: fields.unitId,
    attachmentIds: [],
    openedAt: fields.openedAt.toISOString(),
    confirmationWindowMs: options.confirmationWindowMs ?? 120 * 60 * 60 * 1000,
    warningShare: options.warningShare ?? 0.75,
    resumeFrom: {
      status: fields.status,
      priority: fields.priority,
      unitId: fields.unitId,
      assigneeId: fields.assigneeId,
      firstRespondedAt: fields.firstRespondedAt?.toISOString() ?? null,
      resolvedAt: fields.resolvedAt?.toISOString() ?? null,
      reopenCount: fields.reopenCount,
    },
  };
}
