/**
 * The ictProject workflow (pengurusan projek-projek ICT), box by box:
 *
 *   kajian awal (preliminaryStudy gate, study report) →
 *   Projek aplikasi? + Menepati kriteria projek? (application projects) or Perkhidmatan korporat?
 *   (corporate services) → Penilaian projek (evaluation gate, evaluation) →
 *   pembentangan & penerimaan (the approvalChain child, with the authority chosen by value) →
 *   Perlu perolehan? (the procurement child when needed) → kick-off (approval minutes) →
 *   pembangunan with pengujian, verifikasi, validasi (verification gate, test report) →
 *   pembentangan kepada pelanggan, Diterima? (presentation gate; "no" returns to development,
 *   "yes" needs the acceptance record) → serahan (handover gate, handover record) →
 *   bayaran balik wang jaminan (the guaranteeRefund child when a security was taken) → penutupan.
 *
 * The value thresholds that choose the approval authority, the procurement method and the
 * performance security come from the project settings through an activity at the start. Their
 * values are therefore fixed in the workflow's history, and both children receive them.
 *
 * Every gate is an update named after it. Its validator rejects at once, with an error code of
 * common/errors.ts, a message from anyone but the division's management, a gate that is not the
 * current one, and a "yes" before the gate's documents are attached. A "no" ends the project and
 * notifies the applicant with the reason, except at the presentation.
 */
import {
  allHandlersFinished,
  condition,
  defineQuery,
  defineUpdate,
  executeChild,
  patched,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import type { ProjectActivities, ProjectNotifyRequest, ProjectPatch } from '../activities/projects';
import {
  approvalChainWorkflowId,
  approvalChainWorkflowType,
  type ApprovalChainInput,
  type ApprovalOutcome,
} from '../common/approval';
import type { Actor } from '../common/complaint';
import {
  approvalAuthorityFor,
  approvalCategoryOf,
  gateDecisions,
  gateDocuments,
  guaranteeRefundWorkflowId,
  guaranteeRefundWorkflowType,
  ictProjectMessages,
  procurementWorkflowId,
  procurementWorkflowType,
  projectDocumentKinds,
  projectGatesOf,
  projectTextLimits,
  type AttachDocumentMessage,
  type GateMessage,
  type GuaranteeRefundInput,
  type GuaranteeRefundResult,
  type IctProjectInput,
  type IctProjectState,
  type ProcurementContract,
  type ProcurementInput,
  type ProjectDocument,
  type ProjectDocumentKind,
  type ProjectGate,
  type ProjectThresholds,
} from '../common/ict-project';
import { sendQuietly } from './approval-chain';
import { forbid, hasRole, reject, requireActor, requireOneOf, requireText } from './helpers/gates';
import { createLock } from './helpers/lock';

export const openedUpdate = defineUpdate<IctProjectState>(ictProjectMessages.opened);
export const attachDocumentUpdate = defineUpdate<IctProjectState, [AttachDocumentMessage]>(
  ictProjectMessages.attachDocument,
);
export const stateQuery = defineQuery<IctProjectState>(ictProjectMessages.state);

/** Database writes retry until they succeed, so steps are persisted in order and none is lost. */
const records = proxyActivities<ProjectActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** Notices retry for about an hour. */
const messenger = proxyActivities<Pick<ProjectActivities, 'notifyProject'>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumAttempts: 10 },
});

/** Sends a project notice; a notice that fails every retry is logged and the project goes on. */
export function notifyQuietly(request: ProjectNotifyRequest): Promise<void> {
  return sendQuietly(messenger.notifyProject(request), {
    reference: request.reference,
    template: request.template,
    audience: request.audience,
  });
}

/** A step writer for a child workflow; the child numbers its own steps from 1. */
export type ChildStepRecorder = (
  action: string,
  actorId: string | null,
  details: Record<string, unknown>,
) => Promise<void>;

/** Creates the step writer of the procurement or guarantee child of a project. */
export function createChildRecorder(
  projectId: string,
  source: 'procurement' | 'guarantee',
): ChildStepRecorder {
  let step = 0;
  return async (action, actorId, details) => {
    step += 1;
    await records.recordProjectStep({
      projectId,
      source,
      step,
      action,
      actorId,
      at: new Date().toISOString(),
      patch: {},
      details,
    });
  };
}

/**
 * Returns the thresholds a project passed to its child, or reads the current project settings for
 * a child started on its own. Either way the value is fixed in the child's history.
 */
export async function thresholdsFor(
  given: ProjectThresholds | undefined,
): Promise<ProjectThresholds> {
  return given ?? records.loadProjectThresholds();
}

/** Checks that the actor is the division's management (or an administrator), who decide gates. */
export function isProjectManager(actor: Actor): boolean {
  return hasRole(actor, 'manager') || hasRole(actor, 'admin');
}

/** Checks a document payload: a known kind, a title, and exactly one of fileId and url. */
export function checkDocument(document: ProjectDocument | undefined): ProjectDocument {
  if (typeof document !== 'object' || document === null) {
    reject('validation_failed', 'document is missing', 'document');
  }
  requireOneOf(document.kind, projectDocumentKinds, 'document.kind');
  requireText(document.title, 'document.title', projectTextLimits.title);
  const hasFile = typeof document.fileId === 'string' && document.fileId !== '';
  const hasUrl = typeof document.url === 'string' && document.url !== '';
  if (hasFile === hasUrl) {
    reject('validation_failed', 'document needs exactly one of fileId and url', 'document.fileId');
  }
  if (hasUrl) requireText(document.url, 'document.url', projectTextLimits.url);
  return document;
}

/** Rejects a step whose required documents are not all attached, naming the missing ones. */
export function requireDocuments(
  attached: readonly ProjectDocument[],
  required: readonly ProjectDocumentKind[],
  stepName: string,
): void {
  const missing = required.filter((kind) => !attached.some((document) => document.kind === kind));
  if (missing.length > 0) {
    reject(
      'validation_failed',
      `${stepName} needs the document ${missing.join(', ')} attached first`,
      'documents',
    );
  }
}

/** The state before the thresholds are read; the authority is set from them before any query. */
function initialState(input: IctProjectInput): IctProjectState {
  return {
    projectId: input.projectId,
    reference: input.reference,
    variant: input.variant,
    status: 'study',
    currentGate: 'preliminaryStudy',
    gatesPassed: [],
    documents: [],
    authority: approvalAuthorityFor(input.estimatedValue),
    rejectedAt: null,
    reason: null,
    presentationRejections: 0,
    roundDocumentsFrom: 0,
    contract: null,
    refund: null,
    step: 1,
  };
}

export async function ictProject(input: IctProjectInput): Promise<IctProjectState> {
  const state = initialState(input);
  const lock = createLock();
  /** Set once the thresholds are read and the project record is written. */
  let opened = false;
  /** Runs an update's work after the opening, in the order the updates took the lock. */
  const afterOpening = async <T>(task: () => Promise<T>): Promise<T> => {
    await condition(() => opened);
    return lock.run(task);
  };
  const gates = projectGatesOf(input.variant);
  /** Decisions taken by gate updates, consumed by the lane below. */
  const decisions = new Map<ProjectGate, GateMessage>();

  const snapshot = (): IctProjectState => ({
    ...state,
    gatesPassed: [...state.gatesPassed],
    documents: [...state.documents],
  });
  const nowIso = (): string => new Date().toISOString();

  async function commit(
    action: string,
    actorId: string | null,
    patch: ProjectPatch,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    state.step += 1;
    await records.recordProjectStep({
      projectId: input.projectId,
      source: 'project',
      step: state.step,
      action,
      actorId,
      at: nowIso(),
      patch,
      details,
    });
    if (patch.status) state.status = patch.status;
    if (patch.currentGate !== undefined) state.currentGate = patch.currentGate;
    if (patch.documents) state.documents = patch.documents;
    if (patch.contract) state.contract = patch.contract;
    if (patch.refund) state.refund = patch.refund;
    if (patch.reason !== undefined) state.reason = patch.reason;
  }

  function checkAttach(message: AttachDocumentMessage): void {
    const actor = requireActor(message?.actor);
    if (state.status === 'closed' || state.status === 'rejected') {
      reject('invalid_state', `documents cannot be attached when the project is ${state.status}`);
    }
    if (actor.id !== input.applicantId && !isProjectManager(actor)) {
      forbid('attachDocument', 'the applicant or the division management');
    }
    checkDocument(message.document);
  }

  function checkGate(gate: ProjectGate, message: GateMessage): void {
    const actor = requireActor(message?.actor);
    if (!isProjectManager(actor)) forbid(gate, 'the division management');
    if (state.currentGate !== gate) {
      reject('invalid_state', `${gate} is not the gate waiting; waiting: ${state.currentGate}`);
    }
    requireOneOf(message.decision, gateDecisions, 'decision');
    if (message.decision === 'no') {
      requireText(message.reason, 'reason', projectTextLimits.reason);
      return;
    }
    // Verification looks only at the documents of the current development round, so a round after
    // "not accepted" needs a new test report.
    const attached =
      gate === 'verification' ? state.documents.slice(state.roundDocumentsFrom) : state.documents;
    requireDocuments(attached, gateDocuments[gate], gate);
  }

  // The handlers are registered before the first await, because the SDK rejects an update that
  // finds no handler. Until the opening the query fails and the updates wait.
  setHandler(stateQuery, () => {
    if (!opened) throw new Error(`project ${input.reference} is still opening`);
    return snapshot();
  });
  setHandler(openedUpdate, async () => {
    await condition(() => opened);
    return snapshot();
  });
  setHandler(
    attachDocumentUpdate,
    (message) =>
      afterOpening(async () => {
        checkAttach(message);
        const documents = [...state.documents, message.document];
        await commit(
          'document_attached',
          message.actor.id,
          { documents },
          {
            kind: message.document.kind,
            title: message.document.title,
            gate: state.currentGate,
          },
        );
        return snapshot();
      }),
    { validator: checkAttach },
  );
  for (const gate of gates) {
    const update = defineUpdate<IctProjectState, [GateMessage]>(gate);
    setHandler(
      update,
      (message) =>
        afterOpening(async () => {
          checkGate(gate, message);
          await commit(
            `gate_${message.decision}`,
            message.actor.id,
            { currentGate: null },
            {
              gate,
              reason: message.reason,
            },
          );
          decisions.set(gate, message);
          return snapshot();
        }),
      { validator: (message: GateMessage) => checkGate(gate, message) },
    );
  }

  /** Opens a gate and waits for its decision. */
  async function awaitGate(gate: ProjectGate): Promise<GateMessage> {
    decisions.delete(gate);
    await lock.run(() => commit('gate_opened', null, { currentGate: gate }, { gate }));
    await condition(() => decisions.has(gate));
    const message = decisions.get(gate);
    if (!message) throw new Error(`gate ${gate} finished without a decision`);
    return message;
  }

  async function end(rejectedAt: ProjectGate | 'approval', reason: string): Promise<void> {
    await commit(
      'rejected',
      null,
      { status: 'rejected', rejectedAt, reason },
      { rejectedAt, reason },
    );
    state.rejectedAt = rejectedAt;
    await notifyQuietly({
      reference: input.reference,
      template: 'projectRejected',
      audience: 'applicant',
      reason,
      key: `step:${state.step}`,
    });
  }

  /** Passes a gate; returns false when the project ended with a "no". */
  async function pass(gate: ProjectGate): Promise<boolean> {
    const message = await awaitGate(gate);
    if (message.decision === 'no') {
      await end(gate, message.reason);
      return false;
    }
    state.gatesPassed.push(gate);
    return true;
  }

  async function approve(): Promise<ApprovalOutcome> {
    const chainInput: ApprovalChainInput = {
      subject: {
        kind: 'ictProject',
        reference: input.reference,
        title: input.title.slice(0, 200),
        requesterId: input.applicantId,
        unitId: input.applicantUnitId,
        category: approvalCategoryOf(state.authority),
        value: input.estimatedValue,
        link: `/projects/${input.reference}`,
      },
      language: input.language,
    };
    return executeChild<(chainInput: ApprovalChainInput) => Promise<ApprovalOutcome>>(
      approvalChainWorkflowType,
      { workflowId: approvalChainWorkflowId(input.reference), args: [chainInput] },
    );
  }

  // -------------------------------------------------------------------------------------------
  // The lane
  // -------------------------------------------------------------------------------------------

  // The thresholds are read once, so their values are fixed in this workflow's history.
  const thresholds = await records.loadProjectThresholds();
  state.authority = approvalAuthorityFor(input.estimatedValue, thresholds);
  await records.openProject({ ...input, authority: state.authority, thresholds });
  opened = true;

  // Kajian awal, the screening gates and the evaluation (Penilaian projek).
  const [study, ...screening] = gates.slice(0, gates.indexOf('evaluation') + 1);
  if (!study || !(await pass(study))) return finish();
  await commit('screening', null, { status: 'screening' });
  for (const gate of screening) {
    if (gate === 'evaluation') await commit('evaluation', null, { status: 'evaluation' });
    if (!(await pass(gate))) return finish();
  }

  // Pembentangan & penerimaan projek: the authority chosen by value approves.
  await commit(
    'approval_requested',
    null,
    { status: 'pending_approval' },
    {
      authority: state.authority,
    },
  );
  const outcome = await approve();
  if (!outcome.approved) {
    await end('approval', outcome.reason ?? '');
    return finish();
  }
  await commit('approved', null, {}, { decisions: outcome.decisions });

  // Perlu perolehan? The procurement child returns the contract.
  if (input.procurementNeeded) {
    await commit('procurement', null, { status: 'procurement' });
    const procurementInput: ProcurementInput = {
      reference: input.reference,
      projectId: input.projectId,
      title: input.title,
      estimatedValue: input.estimatedValue,
      securityKind: input.securityKind,
      defectsLiabilityDays: input.defectsLiabilityDays,
      thresholds,
    };
    const contract = await executeChild<(child: ProcurementInput) => Promise<ProcurementContract>>(
      procurementWorkflowType,
      { workflowId: procurementWorkflowId(input.reference), args: [procurementInput] },
    );
    await commit('contract_signed', null, { contract }, { value: contract.value });
  }

  // Kick-off, then development with testing until the customer accepts (Diterima?).
  await commit('kick_off', null, { status: 'kick_off' });
  if (!(await pass('kickOff'))) return finish();
  for (;;) {
    await commit('development', null, { status: 'development' });
    if (!(await pass('verification'))) return finish();
    await commit('presentation', null, { status: 'presentation' });
    const presentation = await awaitGate('presentation');
    if (presentation.decision === 'yes') break;
    state.presentationRejections += 1;
    if (patched('test-report-each-round')) state.roundDocumentsFrom = state.documents.length;
    await commit('not_accepted', null, {}, { reason: presentation.reason });
  }
  state.gatesPassed.push('presentation');
  await notifyQuietly({
    reference: input.reference,
    template: 'projectAccepted',
    audience: 'applicant',
    reason: null,
    key: `step:${state.step}`,
  });

  // Serahan kepada pengguna.
  await commit('handover', null, { status: 'handover' });
  if (!(await pass('handover'))) return finish();
  const completedAt = nowIso();
  await notifyQuietly({
    reference: input.reference,
    template: 'projectHandedOver',
    audience: 'applicant',
    reason: null,
    key: `step:${state.step}`,
  });

  // Bayaran balik wang jaminan, when the contract took a security.
  if (state.contract?.security) {
    await commit('guarantee', null, { status: 'guarantee' });
    const refundInput: GuaranteeRefundInput = {
      reference: input.reference,
      projectId: input.projectId,
      contract: state.contract,
      completedAt,
      thresholds,
    };
    const refund = await executeChild<
      (child: GuaranteeRefundInput) => Promise<GuaranteeRefundResult>
    >(guaranteeRefundWorkflowType, {
      workflowId: guaranteeRefundWorkflowId(input.reference),
      args: [refundInput],
    });
    await commit('guarantee_released', null, { refund });
  }

  // Penutupan projek.
  await commit('closed', null, { status: 'closed', currentGate: null, closedAt: nowIso() });
  return finish();

  async function finish(): Promise<IctProjectState> {
    await condition(allHandlersFinished);
    return snapshot();
  }
}
