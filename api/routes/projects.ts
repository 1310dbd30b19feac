/**
 * ICT projects (pengurusan projek-projek ICT). Raising an ICT need starts its ictProject workflow.
 * The portfolio lists status and open gate, and one project shows its gates, documents, approval,
 * children, records, history and live state. The gate actions, the project records and the
 * settings have their own files, registered here:
 *   POST /projects                              raise a need
 *   GET  /projects                              the portfolio, filtered, newest first
 *   GET  /projects/{reference}                  one project
 *   GET  /projects/{reference}/timeline         milestones, gate dates and status phases
 *   POST /projects/{reference}/documents        attach a document (project or procurement)
 *   GET  /projects/{reference}/documents/{id}   download an uploaded document
 */
import { WorkflowIdReusePolicy } from '@temporalio/client';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import { approversRepresentedBy } from '../../activities/approvals/inbox';
import { allocateReference } from '../../activities/cases/reference';
import type { Principal } from '../../activities/identity/principals';
import { findLooseFiles, listProjects } from '../../activities/projects/queries';
import { AppError } from '../../common/errors';
import {
  ictProjectMessages,
  ictProjectWorkflowType,
  documentStages,
  procurementMessages,
  procurementWorkflowId,
  projectPrefix,
  type IctProjectInput,
  type IctProjectState,
  type ProjectDocument,
} from '../../common/ict-project';
import type { AppDeps } from '../app';
import { actorOf, requirePrincipal } from '../auth/plugin';
import { checkDocumentFiles, invalidField } from '../project-input';
import {
  canAttachProjectDocument,
  canRaiseProjectNeed,
  decidesProjectGates,
  seesEveryProject,
} from '../policies/projects';
import {
  loadVisibleProject,
  presentProjectDetail,
  presentProjectSummary,
  presentTimeline,
  projectFileIds,
} from '../presenters/project';
import { decodeStringCursor, encodeCursor, errorResponses } from '../schemas/common';
import {
  attachDocumentBody,
  createProjectBody,
  fileParams,
  listProjectsQuery,
  projectDetail,
  projectList,
  projectParams,
  timelineResponse,
} from '../schemas/projects';
import { executeUpdate, temporalError } from '../workflows';
import { projectActionRoutes } from './project-actions';
import { projectRecordRoutes } from './project-records';
import { projectSettingsRoutes } from './project-settings';

function malaysianYear(instant: Date): number {
  const format = new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: 'Asia/Kuala_Lumpur' });
  return Number(format.format(instant));
}

/** Builds a Content-Disposition header that carries any Unicode file name (RFC 6266 and 5987). */
function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

function decodePortfolioCursor(cursor: string | undefined) {
  if (cursor === undefined) return null;
  const [requestedAt, id] = decodeStringCursor(cursor, 2);
  if (!requestedAt || !id || Number.isNaN(Date.parse(requestedAt)) || !/^[0-9a-f-]{36}$/.test(id)) {
    throw invalidField('querystring.cursor', 'invalid cursor');
  }
  return { requestedAt, id };
}

export function projectRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { db } = deps;

  async function detail(principal: Principal, reference: string) {
    const visible = await loadVisibleProject(db, principal, reference);
    const represented = await approversRepresentedBy(db, principal.id, new Date());
    return presentProjectDetail(
      { db, client: deps.temporal.client, principal, represented },
      visible,
    );
  }

  return async (app) => {
    await app.register(projectActionRoutes(deps, detail));
    await app.register(projectRecordRoutes(deps));
    await app.register(projectSettingsRoutes(deps));

    app.post(
      '/projects',
      {
        schema: {
          tags: ['projects'],
          summary: 'Raise an ICT need (keperluan ICT); its project workflow starts at the study',
          body: createProjectBody,
          response: { 201: projectDetail, ...errorResponses(400, 401, 403, 409, 503) },
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        if (!canRaiseProjectNeed(principal)) {
          throw new AppError('forbidden', 'Only customers and staff raise an ICT need');
        }
        const body = request.body;
        const now = new Date();
        const reference = await allocateReference(db, projectPrefix, malaysianYear(now));
        const input: IctProjectInput = {
          projectId: randomUUID(),
          reference,
          variant: body.variant,
          title: body.title,
          description: body.description,
          applicantId: principal.id,
          applicantUnitId: principal.unitIds[0] ?? null,
          estimatedValue: body.estimatedValue,
          procurementNeeded: body.procurementNeeded,
          securityKind: body.securityKind,
          defectsLiabilityDays: body.defectsLiabilityDays,
          requestedAt: now.toISOString(),
          language: principal.language,
        };
        try {
          await deps.temporal.client.workflow.start(ictProjectWorkflowType, {
            workflowId: reference,
            taskQueue: deps.temporal.taskQueue,
            args: [input],
            workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
          });
        } catch (error) {
          throw temporalError(error, reference);
        }
        const state = await executeUpdate<IctProjectState>(
          deps.temporal.client,
          reference,
          ictProjectMessages.opened,
          {},
        );
        request.log.info({ reference, authority: state.authority }, 'ICT need raised');
        return reply.status(201).send(await detail(principal, reference));
      },
    );

    app.get(
      '/projects',
      {
        schema: {
          tags: ['projects'],
          summary:
            'The project portfolio, newest first: every project for staff who oversee them, your own otherwise',
          querystring: listProjectsQuery,
          response: { 200: projectList, ...errorResponses(400, 401) },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const query = request.query;
        const page = await listProjects(db, {
          status: query.status,
          gate: query.gate,
          variant: query.variant,
          unitId: query.unitId,
          involving: seesEveryProject(principal) ? undefined : principal.id,
          after: decodePortfolioCursor(query.cursor),
          limit: query.limit,
        });
        return {
          items: page.items.map(presentProjectSummary),
          nextCursor: page.next ? encodeCursor([page.next.requestedAt, page.next.id]) : null,
        };
      },
    );

    app.get(
      '/projects/:reference',
      {
        schema: {
          tags: ['projects'],
          summary:
            'One project with its gates, documents, approval, procurement, guarantee, records, history and live state',
          params: projectParams,
          response: { 200: projectDetail, ...errorResponses(400, 401, 404) },
        },
      },
      async (request) => detail(requirePrincipal(request), request.params.reference),
    );

    app.get(
      '/projects/:reference/timeline',
      {
        schema: {
          tags: ['projects'],
          summary: 'What a Gantt view draws: milestones, gate dates and the time in each status',
          params: projectParams,
          response: { 200: timelineResponse, ...errorResponses(400, 401, 404) },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const { row } = await loadVisibleProject(db, principal, request.params.reference);
        return presentTimeline(db, row);
      },
    );

    app.post(
      '/projects/:reference/documents',
      {
        schema: {
          tags: ['projects'],
          summary:
            'Attach a document: gate documents by the applicant or management, procurement documents by management while procurement runs',
          params: projectParams,
          body: attachDocumentBody,
          response: { 200: projectDetail, ...errorResponses(400, 401, 403, 404, 409, 503) },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const { reference } = request.params;
        const document: ProjectDocument = request.body;
        const { row } = await loadVisibleProject(db, principal, reference);
        if (document.kind === 'releaseCertificate') {
          throw invalidField(
            'body.kind',
            'the release certificate goes with the release decision (POST .../guarantee/release)',
          );
        }
        await checkDocumentFiles(db, principal, [document], () => 'body.fileId');
        const actor = actorOf(principal);
        if (documentStages[document.kind] === 'procurement') {
          if (!decidesProjectGates(principal)) {
            throw new AppError(
              'forbidden',
              'Only the division management attaches procurement documents',
            );
          }
          if (row.project.status !== 'procurement') {
            throw new AppError(
              'invalid_state',
              `Procurement documents are attached while the procurement runs; ${reference} is ${row.project.status}`,
            );
          }
          await executeUpdate(
            deps.temporal.client,
            procurementWorkflowId(reference),
            procurementMessages.attachDocument,
            { actor, document },
          );
        } else {
          if (!canAttachProjectDocument(principal, row.project.applicantId)) {
            throw new AppError(
              'forbidden',
              'Only the applicant and the division management attach project documents',
            );
          }
          await executeUpdate(
            deps.temporal.client,
            row.project.workflowId,
            ictProjectMessages.attachDocument,
            { actor, document },
          );
        }
        request.log.info({ reference, kind: document.kind }, 'project document attached');
        return detail(principal, reference);
      },
    );

    app.get(
      '/projects/:reference/documents/:fileId',
      {
        schema: {
          tags: ['projects'],
          summary: 'Download an uploaded document of a project',
          params: fileParams,
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        const { reference, fileId } = request.params;
        const { row } = await loadVisibleProject(db, principal, reference);
        const file = (await projectFileIds(db, row)).has(fileId)
          ? (await findLooseFiles(db, [fileId])).get(fileId)
          : undefined;
        if (!file) throw new AppError('not_found', `No document ${fileId} in ${reference}`);
        return reply
          .header('content-type', file.contentType)
          .header('content-length', file.sizeBytes)
          .header('content-disposition', attachmentDisposition(file.fileName))
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', "default-src 'none'; sandbox")
          .send(deps.files.open(file.sha256));
      },
    );
  };
}
