/**
 * The facility-request API (permohonan kemudahan ICT): the facilities that can be applied for,
 * applying, my applications, one application with its timeline, the staff provision list,
 * marking a provision step done, confirming receipt, and the software download of the applicant.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listTasksOfReference } from '../../activities/approvals/inbox';
import {
  createApplication,
  findApplication,
  findFacilityItem,
  listApplicationEvents,
  listApplications,
  listFacilityItems,
  type ApplicationRow,
} from '../../activities/facilities/queries';
import type { Principal } from '../../activities/identity/principals';
import { AppError } from '../../common/errors';
import {
  acknowledgeUpdateName,
  completeStepUpdateName,
  facilityRequestWorkflowId,
  facilityRequestWorkflowType,
  type FacilityRequestInput,
  type FacilityRequestState,
  type FacilityRequestStatus,
} from '../../common/facility-request';
import type { AppDeps } from '../app';
import { requirePrincipal } from '../auth/plugin';
import { canProvide, canSeeApplication, isFacilityStaff } from '../policies/facilities';
import { errorResponses } from '../schemas/common';
import {
  application,
  applicationBody,
  applicationList,
  checkAnswers,
  facilityItemList,
  referenceParams,
  stepParams,
} from '../schemas/facilities';
import { executeUpdate, temporalError } from '../workflows';

function summary(row: ApplicationRow) {
  return {
    reference: row.reference,
    itemCode: row.itemCode,
    itemNameMs: row.itemNameMs,
    itemNameEn: row.itemNameEn,
    kind: row.kind,
    status: row.status as FacilityRequestStatus,
    requesterName: row.requesterName,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** True when the applicant may download the software: after handover. */
function mayDownload(principal: Principal, row: ApplicationRow): boolean {
  return (
    row.kind === 'software' &&
    row.downloadUrl !== null &&
    row.requesterId === principal.id &&
    (row.status === 'awaiting_acknowledgement' || row.status === 'completed')
  );
}

export function facilityRequestRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const { db } = deps;

    async function loadVisible(principal: Principal, reference: string) {
      const row = await findApplication(db, reference);
      if (!row || !canSeeApplication(principal, row)) {
        throw new AppError('not_found', `No facility application ${reference}`);
      }
      return row;
    }

    async function present(principal: Principal, row: ApplicationRow) {
      const [events, tasks] = await Promise.all([
        listApplicationEvents(db, row.id),
        listTasksOfReference(db, row.reference),
      ]);
      return {
        ...summary(row),
        answers: row.answers,
        fields: row.fields,
        rejectionReason: row.rejectionReason,
        steps: row.steps,
        acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
        provisionDueAt: events.findLast((event) => event.kind === 'provision_due')?.detail ?? null,
        provisionOverdue: events.some((event) => event.kind === 'provision_overdue'),
        timeline: events.map((event) => ({ ...event, at: event.at.toISOString() })),
        approvals: tasks
          .filter((task) => task.status !== 'superseded')
          .map((task) => ({
            level: task.level,
            approverName: task.approverName,
            status: task.status,
            comment: task.comment,
            decidedAt: task.decidedAt?.toISOString() ?? null,
          })),
        canDownload: mayDownload(principal, row),
        canProvide: row.status === 'provisioning' && canProvide(principal, row),
        canAcknowledge:
          row.status === 'awaiting_acknowledgement' && row.requesterId === principal.id,
      };
    }

    app.get(
      '/facility-items',
      {
        schema: {
          tags: ['facilities'],
          summary: 'ICT facilities that can be applied for, with their application fields',
          response: { 200: facilityItemList, ...errorResponses(401) },
        },
      },
      async (request) => {
        requirePrincipal(request);
        const rows = await listFacilityItems(db);
        return {
          items: rows.map((row) => ({
            code: row.code,
            nameMs: row.nameMs,
            nameEn: row.nameEn,
            kind: row.kind,
            fields: row.fields,
            provisionSteps: row.provisionSteps,
          })),
        };
      },
    );

    app.post(
      '/facility-requests',
      {
        schema: {
          tags: ['facilities'],
          summary: 'Apply for an ICT facility; its approval chain starts at once',
          body: applicationBody,
          response: { 201: application, ...errorResponses(400, 401, 503) },
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        const item = await findFacilityItem(db, request.body.itemCode);
        if (!item) {
          throw new AppError('validation_failed', `No facility ${request.body.itemCode}`, [
            { field: 'body.itemCode', message: 'not found' },
          ]);
        }
        const issues = checkAnswers(item.fields, request.body.answers);
        if (issues.length > 0) {
          throw new AppError(
            'validation_failed',
            'Some answers are invalid or missing; see details for each field',
            issues,
          );
        }

        const created = await createApplication(db, {
          item,
          requesterId: principal.id,
          requesterUnitId: principal.unitIds[0] ?? null,
          answers: request.body.answers,
        });
        const input: FacilityRequestInput = {
          applicationId: created.id,
          reference: created.reference,
          title: `${item.nameMs} / ${principal.name}`,
          requesterId: principal.id,
          requesterUnitId: principal.unitIds[0] ?? null,
          itemCode: item.code,
          value: item.value,
          steps: item.provisionSteps,
        };
        const workflowId = facilityRequestWorkflowId(created.reference);
        try {
          await deps.temporal.client.workflow.start(facilityRequestWorkflowType, {
            workflowId,
            taskQueue: deps.temporal.taskQueue,
            args: [input],
          });
        } catch (error) {
          // TODO: the row stays 'pending_approval' without a workflow; resubmission is not offered yet.
          throw temporalError(error, workflowId);
        }
        request.log.info(
          { reference: created.reference, item: item.code },
          'facility application submitted',
        );
        const row = await findApplication(db, created.reference);
        if (!row) throw new AppError('internal', `application ${created.reference} vanished`);
        return reply.status(201).send(await present(principal, row));
      },
    );

    app.get(
      '/facility-requests',
      {
        schema: {
          tags: ['facilities'],
          summary: 'My applications, newest first',
          response: { 200: applicationList, ...errorResponses(401) },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const rows = await listApplications(db, { requesterId: principal.id });
        return { items: rows.map(summary) };
      },
    );

    app.get(
      '/facility-requests/staff',
      {
        schema: {
          tags: ['facilities'],
          summary: 'Applications of my units for provision (staff); unit heads and above see all',
          querystring: z.object({ open: z.enum(['true', 'false']).default('true') }),
          response: { 200: applicationList, ...errorResponses(401, 403) },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        if (!isFacilityStaff(principal)) {
          throw new AppError('forbidden', 'Only staff see the provision list');
        }
        const everything = principal.roles.some((role) =>
          ['supervisor', 'manager', 'auditor', 'admin'].includes(role),
        );
        const rows = await listApplications(db, {
          unitIds: everything ? 'all' : principal.unitIds,
          openOnly: request.query.open === 'true',
        });
        return { items: rows.map(summary) };
      },
    );

    app.get(
      '/facility-requests/:reference',
      {
        schema: {
          tags: ['facilities'],
          summary: 'One application with its approvals and timeline',
          params: referenceParams,
          response: { 200: application, ...errorResponses(400, 401, 404) },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        return present(principal, await loadVisible(principal, request.params.reference));
      },
    );

    app.post(
      '/facility-requests/:reference/steps/:index/done',
      {
        schema: {
          tags: ['facilities'],
          summary: 'Mark a provision step done (the providing unit)',
          params: stepParams,
          response: { 200: application, ...errorResponses(400, 401, 403, 404, 409, 503) },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const row = await loadVisible(principal, request.params.reference);
        if (!canProvide(principal, row)) {
          throw new AppError('forbidden', `Only the providing unit works on ${row.reference}`);
        }
        await executeUpdate<FacilityRequestState>(
          deps.temporal.client,
          facilityRequestWorkflowId(row.reference),
          completeStepUpdateName,
          { actorId: principal.id, stepIndex: request.params.index },
        );
        const updated = await findApplication(db, row.reference);
        return present(principal, updated ?? row);
      },
    );

    app.post(
      '/facility-requests/:reference/acknowledge',
      {
        schema: {
          tags: ['facilities'],
          summary: 'Confirm receipt of the facility (the applicant)',
          params: referenceParams,
          response: { 200: application, ...errorResponses(400, 401, 403, 404, 409, 503) },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const row = await loadVisible(principal, request.params.reference);
        if (row.requesterId !== principal.id) {
          throw new AppError('forbidden', 'Only the applicant confirms receipt');
        }
        await executeUpdate<FacilityRequestState>(
          deps.temporal.client,
          facilityRequestWorkflowId(row.reference),
          acknowledgeUpdateName,
          { actorId: principal.id },
        );
        const updated = await findApplication(db, row.reference);
        return present(principal, updated ?? row);
      },
    );

    app.get(
      '/facility-requests/:reference/download',
      {
        schema: {
          tags: ['facilities'],
          summary: 'Redirect the applicant to the software download after handover',
          params: referenceParams,
          response: { 302: z.null(), ...errorResponses(400, 401, 404) },
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        const row = await loadVisible(principal, request.params.reference);
        if (!mayDownload(principal, row) || !row.downloadUrl) {
          throw new AppError('not_found', `No download for ${row.reference}`);
        }
        request.log.info({ reference: row.reference }, 'software download served');
        return reply.redirect(row.downloadUrl, 302);
      },
    );
  };
}
