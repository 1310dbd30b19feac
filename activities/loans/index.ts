/**
 * Activities of the facilityLoan workflow. The workflow imports only the LoanActivities type;
 * the worker registers the functions that createLoanActivities returns.
 */
import { eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { ComplaintInput } from '../../common/complaint';
import { complaintPrefix } from '../../common/complaint';
import type { FacilityLoanInput } from '../../common/facility-loan';
import { loanReminderLeadMs } from '../../common/facility-loan';
import { endOfNthWorkingDay } from '../../common/working-time';
import { inventoryResources, loans } from '../../db/schema';
import { allocateReference } from '../cases/reference';
import type { ActivityDeps } from '../index';
import { loadDefaultCalendar } from '../sla/calendars';
import { notifyLoan, type LoanNotifyRequest } from './notify';
import {
  recordLoanStep,
  requestLoan,
  type LoanRequestResult,
  type LoanStepRecord,
} from './records';

export interface LoanTimers {
  /** When the borrower is reminded: one day before the due time, or now when that has passed. */
  reminderAt: string;
  /** When an unreturned loan escalates to the borrower's unit head: end of the next working day. */
  escalateAt: string;
}

export interface DamageCaseRequest {
  loanId: string;
  reference: string;
  /** The staff member who checked the resource in and found the damage. */
  reporterId: string;
  damage: string;
  at: string;
}

export interface LoanActivities {
  requestLoan(input: FacilityLoanInput): Promise<LoanRequestResult>;
  recordLoanStep(record: LoanStepRecord): Promise<void>;
  notifyLoan(request: LoanNotifyRequest): Promise<number>;
  planLoanTimers(request: { endsAt: string; now: string }): Promise<LoanTimers>;
  /** Prepares the complaint input for damage found at a return; the workflow starts the case. */
  prepareDamageCase(request: DamageCaseRequest): Promise<ComplaintInput>;
}

function malaysianYear(iso: string): number {
  const year = new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: 'Asia/Kuala_Lumpur' });
  return Number(year.format(new Date(iso)));
}

export function createLoanActivities(deps: ActivityDeps): LoanActivities {
  const logger = deps.logger.child({ component: 'loan-activities' });
  const notifier = { db: deps.db, config: deps.config, logger, mailer: deps.mailer ?? null };

  return {
    requestLoan: (input) => requestLoan(deps.db, input),
    recordLoanStep: (record) => recordLoanStep(deps.db, record),
    notifyLoan: (request) => notifyLoan(notifier, request),

    async planLoanTimers({ endsAt, now }) {
      const due = Date.parse(endsAt);
      const reminderAt = new Date(Math.max(due - loanReminderLeadMs, Date.parse(now)));
      const loaded = await loadDefaultCalendar(deps.db);
      if (!loaded) {
        logger.warn(
          { endsAt },
          'no default calendar: loan escalation falls one day after the due time',
        );
      }
      const escalateAt = loaded
        ? endOfNthWorkingDay(loaded.calendar, new Date(due), 1)
        : new Date(due + loanReminderLeadMs);
      return { reminderAt: reminderAt.toISOString(), escalateAt: escalateAt.toISOString() };
    },

    async prepareDamageCase(request) {
      const [loan] = await deps.db
        .select({
          damageCaseReference: loans.damageCaseReference,
          owningUnitId: loans.owningUnitId,
          resourceName: inventoryResources.name,
          tag: inventoryResources.tag,
        })
        .from(loans)
        .innerJoin(inventoryResources, eq(inventoryResources.id, loans.resourceId))
        .where(eq(loans.id, request.loanId));
      if (!loan) throw new Error(`loan ${request.reference} not found`);

      // A retry reuses the reference stored by the first attempt, so one loan opens one case.
      let caseReference = loan.damageCaseReference;
      if (!caseReference) {
        caseReference = await allocateReference(
          deps.db,
          complaintPrefix,
          malaysianYear(request.at),
        );
        await deps.db
          .update(loans)
          .set({ damageCaseReference: caseReference })
          .where(eq(loans.id, request.loanId));
      }
      logger.info({ loan: request.reference, case: caseReference }, 'damage case prepared');
      return {
        caseId: randomUUID(),
        reference: caseReference,
        title: `Kerosakan ${loan.resourceName} (${loan.tag}) selepas pinjaman ${request.reference}`,
        description: `${request.damage}\n\nPinjaman / loan: ${request.reference}`,
        channel: 'other',
        requesterId: request.reporterId,
        createdById: request.reporterId,
        serviceId: null,
        categoryId: null,
        impact: 3,
        urgency: 3,
        unitId: loan.owningUnitId,
        attachmentIds: [],
        openedAt: request.at,
        confirmationWindowMs: deps.config.CONFIRMATION_WINDOW_HOURS * 3_600_000,
        warningShare: deps.config.SLA_WARNING_SHARE,
      };
    },
  };
}

export type { LoanNotifyRequest } from './notify';
export type { LoanPatch, LoanRequestResult, LoanStepRecord } from './records';
