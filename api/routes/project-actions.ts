/**
 * The gate actions of an ICT project, each delivered to its workflow as an update, replying with
 * the project's detail:
 *   POST /projects/{reference}/gates/{gate}                   decide the open gate, with documents
 *   POST /projects/{reference}/approval                       the management approval (approvalChain)
 *   POST /projects/{reference}/procurement/documents-ready    quotation or tender documents ready
 *   POST /projects/{reference}/procurement/evaluate           evaluation done
 *   POST /projects/{reference}/procurement/vendor             vendor appointed (lantikan vendor)
 *   POST /projects/{reference}/procurement/purchase-order     purchase order issued
 *   POST /projects/{reference}/procurement/contract           contract signed
 *   POST /projects/{reference}/guarantee/checklist            a release checklist item confirmed
 *   POST /projects/{reference}/guarantee/release              the release decision with its certificate
 * The Diterima? decision is the presentation gate and the handover is the handover gate. The API
 * checks who may act and what is missing first, so the common mistakes get a clear error before
 * anything is written. The workflows check again, and their rejections keep their error codes.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { approversRepresentedBy } from '../../activities/approvals/inbox';
import type { Principal } from '../../activities/identity/principals';
import { decideApprovalUpdateName, type DecideApprovalInput } from '../../common/approval';
import { AppError } from '../../common/errors';
import {
  gateDocuments,
  guaranteeRefundMessages,
  guaranteeRefundWorkflowId,
  ictProjectMessages,
  procurementMessages,
  procurementWorkflowId,
  type ProjectStatus,
} from '../../common/ict-project';
import type { AppDeps } from '../app';
import { actorOf, requirePrincipal } from '../auth/plugin';
import { decidesProjectGates } from '../policies/projects';
import { decidableTask, loadVisibleProject } from '../presenters/project';
import { checkDocumentFiles, invalidField } from '../project-input';
import { errorResponses } from '../schemas/common';
import {
  checklistBody,
  contractBody,
  emptyBody,
  gateBody,
  gateParams,
  projectApprovalBody,
  projectDetail,
  projectParams,
  purchaseOrderBody,
  releaseBody,
  vendorBody,
} from '../schemas/projects';
import { executeUpdate } from '../workflows';

type Detail = z.infer<typeof projectDetail>;
/** Builds the detail of a project for the principal, as GET /projects/{reference} does. */
export type DetailOf = (principal: Principal, reference: string) => Promise<Detail>;

const projectErrors = errorResponses(400, 401, 403, 404, 409, 503);

function actionSchema<Body extends z.ZodType>(summary: string, body: Body) {
  return {
    tags: ['projects'],
    summary,
    params: projectParams,
    body,
    response: { 200: projectDetail, ...projectErrors },
  };
}

const procurementSteps = [
  {
    path: 'documents-ready',
    update: procurementMessages.documentsReady,
    summary: 'Mark the quotation or tender documents ready (they must be attached first)',
    body: emptyBody,
  },
  {
    path: 'evaluate',
    update: procurementMessages.evaluate,
    summary: 'Record the evaluation of the offers (the evaluation report must be attached first)',
    body: emptyBody,
  },
  {
    path: 'vendor',
    update: procurementMessages.appointVendor,
    summary: 'Appoint the vendor (lantikan vendor)',
    body: vendorBody,
  },
  {
    path: 'purchase-order',
    update: procurementMessages.purchaseOrder,
    summary: 'Record the purchase order',
    body: purchaseOrderBody,
  },
  {
    path: 'contract',
    update: procurementMessages.contract,
    summary: 'Record the contract; the performance security follows from its value',
    body: contractBody,
  },
] as const;

export function projectActionRoutes(deps: AppDeps, detail: DetailOf): FastifyPluginAsyncZod {
  const { db } = deps;
  const client = deps.temporal.client;

  /** Loads the project for a management step and checks who acts and in which status. */
  async function loadForManagement(
    principal: Principal,
    reference: string,
    status: ProjectStatus,
    step: string,
  ) {
    const visible = await loadVisibleProject(db, principal, reference);
    if (!decidesProjectGates(principal)) {
      throw new AppError('forbidden', `Only the division management records ${step}`);
    }
    if (visible.row.project.status !== status) {
      throw new AppError(
        'invalid_state',
        `${step} is recorded while the project is ${status}; ${reference} is ${visible.row.project.status}`,
      );
    }
    return visible;
  }

  return async (app) => {
    app.post(
      '/projects/:reference/gates/:gate',
      {
        schema: {
          tags: ['projects'],
          summary:
            'Decide the open gate (division management): yes needs the gate documents, no needs a reason for the applicant',
          params: gateParams,
          body: gateBody,
          response: { 200: projectDetail, ...projectErrors },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const { reference, gate } = request.params;
        const body = request.body;
        const { row } = await loadVisibleProject(db, principal, reference);
        const { project } = row;
        if (!decidesProjectGates(principal)) {
          throw new AppError('forbidden', `Only the division management decides ${gate}`);
        }
        if (project.currentGate !== gate) {
          throw new AppError(
            'invalid_state',
            `${gate} is not the gate waiting; waiting: ${project.currentGate ?? 'none'}`,
          );
        }
        for (const [index, document] of body.documents.entries()) {
          if (!Object.values(gateDocuments).some((kinds) => kinds.includes(document.kind))) {
            throw invalidField(
              `body.documents.${index}.kind`,
              'only gate documents go with a gate decision',
            );
          }
        }
        if (body.decision === 'yes') {
          const attached = new Set([
            ...project.documents.map((document) => document.kind),
            ...body.documents.map((document) => document.kind),
          ]);
          const missing = gateDocuments[gate].filter((kind) => !attached.has(kind));
          if (missing.length > 0) {
            throw invalidField(
              'body.documents',
              `${gate} needs the document ${missing.join(', ')}`,
            );
          }
        }
        await checkDocumentFiles(
          db,
          principal,
          body.documents,
          (index) => `body.documents.${index}.fileId`,
        );

        const actor = actorOf(principal);
        for (const document of body.documents) {
          await executeUpdate(client, project.workflowId, ictProjectMessages.attachDocument, {
            actor,
            document,
          });
        }
        await executeUpdate(client, project.workflowId, gate, {
          actor,
          decision: body.decision,
          reason: body.reason,
        });
        request.log.info({ reference, gate, decision: body.decision }, 'project gate decided');
        return detail(principal, reference);
      },
    );

    app.post(
      '/projects/:reference/approval',
      {
        schema: actionSchema(
          'Approve or reject the project as the approver chosen for its value (or their delegate); the approvals inbox decides the same task',
          projectApprovalBody,
        ),
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const { reference } = request.params;
        const { row, tasks } = await loadVisibleProject(db, principal, reference);
        const pending = tasks.filter((task) => task.status === 'pending');
        if (row.project.status !== 'pending_approval' || pending.length === 0) {
          throw new AppError('invalid_state', `${reference} is not waiting for an approval`);
        }
        const represented = await approversRepresentedBy(db, principal.id, new Date());
        const decidable = decidableTask(principal, pending, represented);
        if (!decidable) {
          throw new AppError(
            'forbidden',
            `Only the approver chosen for the authority ${row.project.authority}, or their delegate, decides ${reference}`,
          );
        }
        const input: DecideApprovalInput = {
          actorId: principal.id,
          onBehalfOf: decidable.onBehalfOf,
          decision: request.body.decision,
          comment: request.body.comment,
          taskId: decidable.task.id,
        };
        await executeUpdate(client, decidable.task.workflowId, decideApprovalUpdateName, input);
        request.log.info(
          { reference, taskId: decidable.task.id, decision: input.decision },
          'project approval decided',
        );
        return detail(principal, reference);
      },
    );

    for (const step of procurementSteps) {
      app.post(
        `/projects/:reference/procurement/${step.path}`,
        { schema: actionSchema(`${step.summary} (division management)`, step.body) },
        async (request) => {
          const principal = requirePrincipal(request);
          const { reference } = request.params;
          await loadForManagement(principal, reference, 'procurement', step.update);
          const payload: Record<string, unknown> = request.body ?? {};
          await executeUpdate(client, procurementWorkflowId(reference), step.update, {
            ...payload,
            actor: actorOf(principal),
          });
          request.log.info({ reference, step: step.update }, 'procurement step recorded');
          return detail(principal, reference);
        },
      );
    }

    app.post(
      '/projects/:reference/guarantee/checklist',
      {
        schema: actionSchema(
          'Confirm an item of the release checklist after the defects-liability period (division management)',
          checklistBody,
        ),
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const { reference } = request.params;
        await loadForManagement(principal, reference, 'guarantee', 'the release checklist');
        await executeUpdate(
          client,
          guaranteeRefundWorkflowId(reference),
          guaranteeRefundMessages.checklist,
          { actor: actorOf(principal), item: request.body.item },
        );
        return detail(principal, reference);
      },
    );

    app.post(
      '/projects/:reference/guarantee/release',
      {
        schema: actionSchema(
          'Release the guarantee with the release certificate; the refund is generated and the vendor and finance are told (division management)',
          releaseBody,
        ),
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const { reference } = request.params;
        await loadForManagement(principal, reference, 'guarantee', 'the release decision');
        const certificate = request.body.releaseCertificate;
        await checkDocumentFiles(
          db,
          principal,
          [certificate],
          () => 'body.releaseCertificate.fileId',
        );
        await executeUpdate(
          client,
          guaranteeRefundWorkflowId(reference),
          guaranteeRefundMessages.releaseDecision,
          { actor: actorOf(principal), releaseCertificate: certificate },
        );
        request.log.info({ reference }, 'guarantee released');
        return detail(principal, reference);
      },
    );
  };
}
