/**
 * Loans (pinjaman): apply for a loan (which starts its facilityLoan workflow), list your loans or
 * your unit's, read one with its timeline, and the gate actions: handover, check-in and cancel.
 */
import { WorkflowIdReusePolicy } from '@temporalio/client';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import { allocateReference } from '../../activities/cases/reference';
import type { Principal } from '../../activities/identity/principals';
import { findConflicts } from '../../activities/inventory/reservations';
import { findResource } from '../../activities/inventory/resources';
import {
  findLoan,
  listLoans,
  loanTimeline,
  type LoanFilters,
} from '../../activities/loans/queries';
import { AppError } from '../../common/errors';
import {
  cancellableLoanStatuses,
  facilityLoanMessages,
  facilityLoanWorkflowType,
  loanPrefix,
  type FacilityLoanInput,
  type FacilityLoanState,
  type LoanEndReason,
  type LoanStatus,
} from '../../common/facility-loan';
import type { ResourceCondition } from '../../common/inventory';
import type { AppDeps } from '../app';
import { actorOf, requirePrincipal } from '../auth/plugin';
import { canSeeLoan, isOwningStaff } from '../policies/loans';
import { errorResponses } from '../schemas/common';
import {
  cancelLoanBody,
  checkInBody,
  createLoanBody,
  handoverBody,
  listLoansQuery,
  loanDetail,
  loanList,
  loanParams,
} from '../schemas/loans';
import { executeUpdate, temporalError } from '../workflows';

type LoanRecord = NonNullable<Awaited<ReturnType<typeof findLoan>>>;

const iso = (value: Date | null): string | null => (value ? value.toISOString() : null);

/** Creates a 400 error naming the body field, as the schema validation names it. */
function invalid(field: string, message: string): AppError {
  return new AppError('validation_failed', `body.${field}: ${message}`, [
    { field: `body.${field}`, message },
  ]);
}

function summary(row: LoanRecord, now: Date) {
  const { loan } = row;
  return {
    reference: loan.reference,
    status: loan.status as LoanStatus,
    resourceId: loan.resourceId,
    resourceName: row.resourceName,
    resourceTag: row.resourceTag,
    borrowerId: loan.borrowerId,
    borrowerName: row.borrowerName,
    startsAt: loan.startsAt.toISOString(),
    endsAt: loan.endsAt.toISOString(),
    overdue: loan.status === 'on_loan' && loan.endsAt.getTime() < now.getTime(),
    requestedAt: loan.requestedAt.toISOString(),
  };
}

function malaysianYear(instant: Date): number {
  const format = new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: 'Asia/Kuala_Lumpur' });
  return Number(format.format(instant));
}

/** How far ahead a loan may start: a year, so a typo in the year does not hold a resource. */
const maxAdvanceDays = 365;

export function loanRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  /** Loads a loan the principal may see; anyone else gets 404. */
  async function loadVisibleLoan(principal: Principal, reference: string): Promise<LoanRecord> {
    const row = await findLoan(deps.db, reference);
    if (!row || !canSeeLoan(principal, row.loan)) {
      throw new AppError('not_found', `No loan ${reference}`);
    }
    return row;
  }

  async function detail(principal: Principal, reference: string) {
    const row = await loadVisibleLoan(principal, reference);
    const { loan } = row;
    const staff = isOwningStaff(principal, loan.owningUnitId);
    const timeline = await loanTimeline(deps.db, loan.id);
    return {
      ...summary(row, new Date()),
      purpose: loan.purpose,
      owningUnitId: loan.owningUnitId,
      endReason: loan.endReason as LoanEndReason | null,
      reason: loan.reason,
      handedOverAt: iso(loan.handedOverAt),
      checkoutCondition: loan.checkoutCondition as ResourceCondition | null,
      borrowerAcknowledgedAt: iso(loan.borrowerAcknowledgedAt),
      returnedAt: iso(loan.returnedAt),
      checkinCondition: loan.checkinCondition as ResourceCondition | null,
      damage: loan.damage,
      damageCaseReference: loan.damageCaseReference,
      reminderSentAt: iso(loan.reminderSentAt),
      overdueSince: iso(loan.overdueSince),
      escalatedAt: iso(loan.escalatedAt),
      closedAt: iso(loan.closedAt),
      actions: {
        handover: staff && loan.status === 'approved',
        checkIn: staff && loan.status === 'on_loan',
        cancel:
          (staff || loan.borrowerId === principal.id) &&
          cancellableLoanStatuses.includes(loan.status as LoanStatus),
      },
      timeline: timeline.map((entry) => ({
        step: entry.step,
        action: entry.action,
        actorName: entry.actorName,
        details: entry.details as Record<string, unknown>,
        at: entry.at.toISOString(),
      })),
    };
  }

  /** Checks who may act, sends the update to the loan's workflow and returns the new detail. */
  async function act(
    principal: Principal,
    reference: string,
    update: string,
    payload: Record<string, unknown>,
    allowed: (loan: LoanRecord['loan']) => boolean,
  ) {
    const row = await loadVisibleLoan(principal, reference);
    if (!allowed(row.loan)) {
      throw new AppError('forbidden', `You may not ${update} loan ${reference}`);
    }
    await executeUpdate<FacilityLoanState>(deps.temporal.client, row.loan.workflowId, update, {
      actor: actorOf(principal),
      ...payload,
    });
    return detail(principal, reference);
  }

  return async (app) => {
    app.post(
      '/loans',
      {
        schema: {
          tags: ['loans'],
          summary: 'Apply for a loan of a resource for a future period',
          body: createLoanBody,
          response: { 201: loanDetail, ...errorResponses(400, 401, 409, 503) },
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        const body = request.body;
        if (!body.termsAccepted) {
          throw invalid('termsAccepted', 'the loan terms must be accepted');
        }
        const now = new Date();
        const startsAt = new Date(body.startsAt);
        const endsAt = new Date(body.endsAt);
        if (startsAt.getTime() <= now.getTime()) {
          throw invalid('startsAt', 'must be in the future');
        }
        if (startsAt.getTime() > now.getTime() + maxAdvanceDays * 86_400_000) {
          throw invalid('startsAt', `must be within ${maxAdvanceDays} days from today`);
        }
        if (endsAt.getTime() <= startsAt.getTime()) {
          throw invalid('endsAt', 'must be after startsAt');
        }
        const resource = await findResource(deps.db, body.resourceId);
        if (!resource || !resource.resource.bookable || resource.resource.status === 'retired') {
          throw invalid('resourceId', 'no such bookable resource');
        }
        if (resource.resource.status === 'in_repair') {
          throw invalid('resourceId', 'the resource is in repair; book it once it is available');
        }
        const hours = (endsAt.getTime() - startsAt.getTime()) / 3_600_000;
        if (hours > resource.resource.maxLoanHours) {
          throw invalid(
            'endsAt',
            `the loan is longer than the maximum of ${resource.resource.maxLoanHours} hours for this resource`,
          );
        }
        const conflicts = await findConflicts(deps.db, body.resourceId, startsAt, endsAt);
        if (conflicts.length > 0) {
          throw new AppError(
            'conflict',
            'The resource is already reserved for part of the period',
            {
              conflicts: conflicts.map(({ startsAt: from, endsAt: to }) => ({
                startsAt: from,
                endsAt: to,
              })),
            },
          );
        }

        const reference = await allocateReference(deps.db, loanPrefix, malaysianYear(now));
        const input: FacilityLoanInput = {
          loanId: randomUUID(),
          reference,
          resourceId: body.resourceId,
          borrowerId: principal.id,
          borrowerUnitId: principal.unitIds[0] ?? null,
          owningUnitId: resource.resource.owningUnitId,
          resourceName: resource.resource.name,
          purpose: body.purpose,
          startsAt: startsAt.toISOString(),
          endsAt: endsAt.toISOString(),
          termsAcceptedAt: now.toISOString(),
          requestedAt: now.toISOString(),
          language: principal.language,
        };
        try {
          await deps.temporal.client.workflow.start(facilityLoanWorkflowType, {
            workflowId: reference,
            taskQueue: deps.temporal.taskQueue,
            args: [input],
            workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
          });
        } catch (error) {
          throw temporalError(error, reference);
        }
        const state = await executeUpdate<FacilityLoanState>(
          deps.temporal.client,
          reference,
          facilityLoanMessages.opened,
          {},
        );
        request.log.info(
          { reference, resourceId: body.resourceId, status: state.status },
          'loan requested',
        );
        // Another request took the period between the check above and the reservation.
        if (state.endReason === 'reservation_conflict') {
          throw new AppError(
            'conflict',
            'The resource is already reserved for part of the period',
            {
              reference,
            },
          );
        }
        return reply.status(201).send(await detail(principal, reference));
      },
    );

    app.get(
      '/loans',
      {
        schema: {
          tags: ['loans'],
          summary: 'Your loans, or (staff) the loans of resources your units own',
          querystring: listLoansQuery,
          response: { 200: loanList, ...errorResponses(400, 401) },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const query = request.query;
        const unitScope = query.scope === 'unit';
        const filters: LoanFilters = { status: query.status, limit: query.limit };
        if (!unitScope) filters.borrowerId = principal.id;
        else if (!principal.roles.includes('admin')) {
          filters.owningUnitIds = principal.unitIds.filter((unitId) =>
            isOwningStaff(principal, unitId),
          );
        }
        const rows = await listLoans(deps.db, filters);
        const now = new Date();
        return { items: rows.map((row) => summary(row, now)) };
      },
    );

    app.get(
      '/loans/:reference',
      {
        schema: {
          tags: ['loans'],
          summary: 'One loan with its timeline',
          params: loanParams,
          response: { 200: loanDetail, ...errorResponses(400, 401, 404) },
        },
      },
      async (request) => detail(requirePrincipal(request), request.params.reference),
    );

    app.post(
      '/loans/:reference/handover',
      {
        schema: {
          tags: ['loans'],
          summary: 'Hand the resource over (check-out), with its condition and the acknowledgement',
          params: loanParams,
          body: handoverBody,
          response: { 200: loanDetail, ...errorResponses(400, 401, 403, 404, 409, 503) },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        if (!request.body.borrowerAcknowledged) {
          throw invalid('borrowerAcknowledged', 'the borrower must acknowledge the handover');
        }
        return act(
          principal,
          request.params.reference,
          facilityLoanMessages.handover,
          request.body,
          (loan) => isOwningStaff(principal, loan.owningUnitId),
        );
      },
    );

    app.post(
      '/loans/:reference/check-in',
      {
        schema: {
          tags: ['loans'],
          summary: 'Record the return (check-in) with the condition; damage opens a complaint',
          params: loanParams,
          body: checkInBody,
          response: { 200: loanDetail, ...errorResponses(400, 401, 403, 404, 409, 503) },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        if (request.body.condition === 'damaged' && request.body.damage === '') {
          throw invalid('damage', 'describe the damage when the condition is damaged');
        }
        return act(
          principal,
          request.params.reference,
          facilityLoanMessages.checkIn,
          request.body,
          (loan) => isOwningStaff(principal, loan.owningUnitId),
        );
      },
    );

    app.post(
      '/loans/:reference/cancel',
      {
        schema: {
          tags: ['loans'],
          summary: 'Cancel a loan before the handover; the reservation is released',
          params: loanParams,
          body: cancelLoanBody,
          response: { 200: loanDetail, ...errorResponses(400, 401, 403, 404, 409, 503) },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        return act(
          principal,
          request.params.reference,
          facilityLoanMessages.cancel,
          request.body,
          (loan) => loan.borrowerId === principal.id || isOwningStaff(principal, loan.owningUnitId),
        );
      },
    );
  };
}
