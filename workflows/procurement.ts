/**
 * The procurement child workflow (perolehan projek): the method chosen by value (direct purchase,
 * quotation or tender) → quotation or tender documents (documentsReady) → evaluation → vendor
 * appointment (lantikan vendor) → purchase order → contract with its value, dates and the
 * performance security required. Returns the contract to the project. Direct purchase skips the
 * documents and the evaluation. Each step is an update that only the division management may send.
 */
import {
  allHandlersFinished,
  condition,
  defineQuery,
  defineUpdate,
  setHandler,
} from '@temporalio/workflow';
import {
  performanceSecurityFor,
  procurementDocumentsFor,
  procurementMessages,
  procurementMethodFor,
  projectTextLimits,
  type AppointVendorMessage,
  type AttachDocumentMessage,
  type ContractMessage,
  type ProcurementContract,
  type ProcurementInput,
  type ProcurementState,
  type ProcurementStatus,
  type PurchaseOrderMessage,
} from '../common/ict-project';
import type { Actor } from '../common/complaint';
import { forbid, reject, requireActor, requireText } from './helpers/gates';
import { createLock } from './helpers/lock';
import {
  checkDocument,
  createChildRecorder,
  isProjectManager,
  requireDocuments,
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

export async function procurement(input: ProcurementInput): Promise<ProcurementContract> {
  const method = procurementMethodFor(input.estimatedValue);
  const state: ProcurementState = {
    reference: input.reference,
    method,
    status: method === 'directPurchase' ? 'vendor_appointment' : 'documents',
    documents: [],
    vendorName: null,
    vendorEmail: null,
    purchaseOrderNumber: null,
    contract: null,
  };
  const lock = createLock();
  const snapshot = (): ProcurementState => ({ ...state, documents: [...state.documents] });

  const record = createChildRecorder(input.projectId, 'procurement');

  function checkStep(message: StepMessage, name: string, status: ProcurementStatus): Actor {
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
          await record(name, message.actor.id, details);
          state.status = next;
          return snapshot();
        }),
      { validator: validate },
    );
  }

  setHandler(stateQuery, snapshot);
  const checkAttach = (message: AttachDocumentMessage): void => {
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
        await record('document_attached', message.actor.id, { kind: message.document.kind });
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
      requireDocuments(state.documents, procurementDocumentsFor(method, 'documentsReady'), method),
    () => ({ method }),
  );
  handle(
    evaluateUpdate,
    'evaluate',
    'evaluation',
    'vendor_appointment',
    () =>
      requireDocuments(state.documents, procurementDocumentsFor(method, 'evaluate'), 'evaluate'),
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
        method,
        vendorName: state.vendorName ?? '',
        vendorEmail: state.vendorEmail ?? '',
        purchaseOrderNumber: state.purchaseOrderNumber ?? '',
        value: message.value,
        startsOn: message.startsOn,
        endsOn: message.endsOn,
        security: performanceSecurityFor(message.value, input.securityKind),
        defectsLiabilityDays: input.defectsLiabilityDays,
      };
      return { contract: state.contract };
    },
  );

  // TODO: remind the procurement officer before each step's deadline once deadlines are set.
  await record('started', null, { method, estimatedValue: input.estimatedValue });
  await condition(() => state.status === 'completed');
  await condition(allHandlersFinished);
  if (!state.contract)
    throw new Error(`procurement ${input.reference} completed without a contract`);
  return state.contract;
}
