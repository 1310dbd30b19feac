/**
 * The procurement child workflow (perolehan projek): the method chosen by value (direct purchase,
 * quotation or tender) → quotation or tender documents (documentsReady) → evaluation → vendor
 * appointment (lantikan vendor) → purchase order → contract with its value, dates and the
 * performance security required. Returns the contract to the project. Direct purchase skips the
 * documents and the evaluation. Each step is an update that only the division management may send.
 * The method and the security follow the thresholds the project passed, or the current project
 * settings when the procurement was started on its own.
 *
 * Each step is due a number of days after it starts (the deadlines of the same thresholds). The
 * division management gets a reminder `reminderLead` days before the due time and an overdue
 * notice at it, each once per step, unless the step finishes first. Procurements started before
 * the deadlines existed have no `procurement-deadlines` patch marker and run without them.
 */
import {
  allHandlersFinished,
  condition,
  defineQuery,
  defineUpdate,
  patched,
  setHandler,
} from '@temporalio/workflow';
import {
  ictProjectThresholds,
  performanceSecurityFor,
  procurementDeadlineDefaults,
  procurementDocumentsFor,
  procurementDueAt,
  procurementMessages,
  procurementMethodFor,
  procurementReminderAt,
  projectTextLimits,
  type AppointVendorMessage,
  type AttachDocumentMessage,
  type ContractMessage,
  type ProcurementContract,
  type ProcurementDeadlines,
  type ProcurementInput,
  type ProcurementState,
  type ProcurementStatus,
  type ProcurementStep,
  type ProjectThresholds,
  type PurchaseOrderMessage,
} from '../common/ict-project';
import type { ProjectTemplateName } from '../activities/projects/messages';
import type { Actor } from '../common/complaint';
import { forbid, reject, requireActor, requireText } from './helpers/gates';
import { createLock } from './helpers/lock';
import {
  checkDocument,
  createChildRecorder,
  isProjectManager,
  notifyQuietly,
  requireDocuments,
  thresholdsFor,
} from './ict-project';

interface StepMessage {
  actor: Actor;
}

export const stateQuery = defineQuery<ProcurementState>(procurementMessages.state);
const attachDocumentUpdate = defineUpdate<ProcurementState, [AttachDocumentMessage]>(
  procurementMessages.attachDocument,
);
const documentsReadyUpdate = defineUpdate<ProcurementState, [StepMessage]>(
  procurementMessages.documentsReady,
);
const evaluateUpdate = defineUpdate<ProcurementState, [StepMessage]>(procurementMessages.evaluate);
const appointVendorUpdate = defineUpdate<ProcurementState, [AppointVendorMessage]>(
  procurementMessages.appointVendor,
);
const purchaseOrderUpdate = defineUpdate<ProcurementState, [PurchaseOrderMessage]>(
  procurementMessages.purchaseOrder,
);
const contractUpdate = defineUpdate<ProcurementState, [ContractMessage]>(
  procurementMessages.contract,
);

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** Marks the histories that run the step deadlines; older histories replay without them. */
const deadlinesPatch = 'procurement-deadlines';

export async function procurement(input: ProcurementInput): Promise<ProcurementContract> {
  // The method and the first status are set again once the thresholds are read, before any
  // message is accepted.
  let thresholds: ProjectThresholds = input.thresholds ?? ictProjectThresholds;
  let started = false;
  const state: ProcurementState = {
    reference: input.reference,
    method: procurementMethodFor(input.estimatedValue, thresholds),
    status: 'documents',
    documents: [],
    vendorName: null,
    vendorEmail: null,
    purchaseOrderNumber: null,
    contract: null,
    dueAt: null,
  };
  /** The deadlines of this procurement, or null when it runs without them. */
  let deadlines: ProcurementDeadlines | null = null;
  const lock = createLock();
  const snapshot = (): ProcurementState => ({ ...state, documents: [...state.documents] });

  const record = createChildRecorder(input.projectId, 'procurement');

  /** Returns when a step starting now is due (ISO), or null without deadlines or at the end. */
  function dueAtOf(status: ProcurementStatus): string | null {
    if (!deadlines || status === 'completed') return null;
    return new Date(procurementDueAt(status, Date.now(), deadlines)).toISOString();
  }

  function checkStarted(): void {
    if (!started) {
      reject('invalid_state', 'the procurement is still reading the project settings; try again');
    }
  }

  function checkStep(message: StepMessage, name: string, status: ProcurementStatus): Actor {
    checkStarted();
    const actor = requireActor(message?.actor);
    if (!isProjectManager(actor)) forbid(name, 'the division management');
    if (state.status !== status) {
      reject('invalid_state', `${name} is allowed only at ${status}, not ${state.status}`);
    }
    return actor;
  }

  /** Registers a step update that checks, records, and moves to the next status. */
  function handle<M extends StepMessage>(
    update: ReturnType<typeof defineUpdate<ProcurementState, [M]>>,
    name: string,
    status: ProcurementStatus,
    next: ProcurementStatus,
    check: (message: M) => void,
    apply: (message: M) => Record<string, unknown>,
  ): void {
    const validate = (message: M): void => {
      checkStep(message, name, status);
      check(message);
    };
    setHandler(
      update,
      (message) =>
        lock.run(async () => {
          validate(message);
          const details = apply(message);
          const dueAt = dueAtOf(next);
          await record(name, message.actor.id, dueAt ? { ...details, nextDueAt: dueAt } : details);
          state.status = next;
          state.dueAt = dueAt;
          return snapshot();
        }),
      { validator: validate },
    );
  }

  setHandler(stateQuery, () => {
    if (!started) throw new Error(`procurement of ${input.reference} is still starting`);
    return snapshot();
  });
  const checkAttach = (message: AttachDocumentMessage): void => {
    checkStarted();
    const actor = requireActor(message?.actor);
    if (!isProjectManager(actor)) forbid('attachDocument', 'the division management');
    checkDocument(message.document);
  };
  setHandler(
    attachDocumentUpdate,
    (message) =>
      lock.run(async () => {
        checkAttach(message);
        state.documents.push(message.document);
        await record('document_attached', message.actor.id, { ...message.document });
        return snapshot();
      }),
    { validator: checkAttach },
  );
  handle(
    documentsReadyUpdate,
    'documentsReady',
    'documents',
    'evaluation',
    () =>
      requireDocuments(
        state.documents,
        procurementDocumentsFor(state.method, 'documentsReady'),
        state.method,
      ),
    () => ({ method: state.method }),
  );
  handle(
    evaluateUpdate,
    'evaluate',
    'evaluation',
    'vendor_appointment',
    () =>
      requireDocuments(
        state.documents,
        procurementDocumentsFor(state.method, 'evaluate'),
        'evaluate',
      ),
    () => ({}),
  );
  handle(
    appointVendorUpdate,
    'appointVendor',
    'vendor_appointment',
    'purchase_order',
    (message) => {
      requireText(message.vendorName, 'vendorName', projectTextLimits.title);
      requireText(message.vendorEmail, 'vendorEmail', projectTextLimits.title);
    },
    (message) => {
      state.vendorName = message.vendorName;
      state.vendorEmail = message.vendorEmail;
      return { vendorName: message.vendorName };
    },
  );
  handle(
    purchaseOrderUpdate,
    'purchaseOrder',
    'purchase_order',
    'contract',
    (message) => requireText(message.number, 'number', projectTextLimits.title),
    (message) => {
      state.purchaseOrderNumber = message.number;
      return { number: message.number };
    },
  );
  handle(
    contractUpdate,
    'contract',
    'contract',
    'completed',
    (message) => {
      if (typeof message.value !== 'number' || !(message.value > 0)) {
        reject('validation_failed', 'value must be a positive amount in RM', 'value');
      }
      if (typeof message.startsOn !== 'string' || !isoDate.test(message.startsOn)) {
        reject('validation_failed', 'startsOn must be a date (yyyy-MM-dd)', 'startsOn');
      }
      if (typeof message.endsOn !== 'string' || !isoDate.test(message.endsOn)) {
        reject('validation_failed', 'endsOn must be a date (yyyy-MM-dd)', 'endsOn');
      }
      if (message.endsOn < message.startsOn) {
        reject('validation_failed', 'endsOn must not be before startsOn', 'endsOn');
      }
    },
    (message) => {
      state.contract = {
        method: state.method,
        vendorName: state.vendorName ?? '',
        vendorEmail: state.vendorEmail ?? '',
        purchaseOrderNumber: state.purchaseOrderNumber ?? '',
        value: message.value,
        startsOn: message.startsOn,
        endsOn: message.endsOn,
        security: performanceSecurityFor(message.value, input.securityKind, thresholds),
        defectsLiabilityDays: input.defectsLiabilityDays,
      };
      return { contract: state.contract };
    },
  );

  /**
   * Waits until `moved()` is true or the instant `at` (epoch ms) passes. Returns true when the
   * step moved on, so that a step finished before its reminder or due time sends neither.
   */
  async function waitUntil(at: number, moved: () => boolean): Promise<boolean> {
    const remaining = at - Date.now();
    if (remaining <= 0) return moved();
    return condition(moved, remaining);
  }

  function notifyDeadline(template: ProjectTemplateName, step: ProcurementStep, dueAt: string) {
    const kind = template === 'procurementStepDue' ? 'reminder' : 'overdue';
    return notifyQuietly({
      reference: input.reference,
      template,
      audience: 'management',
      reason: null,
      key: `procurement:${step}:${kind}`,
      deadline: { step, dueAt },
    });
  }

  /**
   * Sends the reminder and the overdue notice of each step at their times until the contract is
   * recorded. A step that finishes cancels its pending timer, and the next step starts its own.
   */
  async function watchDeadlines(days: ProcurementDeadlines): Promise<void> {
    while (state.status !== 'completed') {
      const step = state.status;
      const dueAt = state.dueAt;
      const moved = () => state.status !== step;
      if (dueAt === null) {
        // Every step that starts with deadlines gets a due time, so this branch only guards.
        await condition(moved);
        continue;
      }
      const dueAtMs = Date.parse(dueAt);

      if (await waitUntil(procurementReminderAt(dueAtMs, days), moved)) continue;
      await notifyDeadline('procurementStepDue', step, dueAt);
      if (await waitUntil(dueAtMs, moved)) continue;
      await notifyDeadline('procurementStepOverdue', step, dueAt);
      await condition(moved);
    }
  }

  // The thresholds are read once, so their values are fixed in this workflow's history.
  thresholds = await thresholdsFor(input.thresholds);
  state.method = procurementMethodFor(input.estimatedValue, thresholds);
  state.status = state.method === 'directPurchase' ? 'vendor_appointment' : 'documents';
  if (patched(deadlinesPatch)) {
    // Thresholds that a project read before the deadlines existed have none.
    deadlines = thresholds.deadlines ?? procurementDeadlineDefaults;
    state.dueAt = dueAtOf(state.status);
  }
  started = true;

  await record('started', null, {
    method: state.method,
    estimatedValue: input.estimatedValue,
    ...(state.dueAt ? { nextDueAt: state.dueAt } : {}),
  });
  if (deadlines) {
    await watchDeadlines(deadlines);
  } else {
    await condition(() => state.status === 'completed');
  }
  await condition(allHandlersFinished);
  if (!state.contract)
    throw new Error(`procurement ${input.reference} completed without a contract`);
  return state.contract;
}
