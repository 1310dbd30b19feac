/**
 * The activities of the `facilityRequest` workflow; the workflow imports only the
 * `FacilityActivities` type from here.
 */
import type { OutboxDeps } from '../approvals/outbox';
import { notifyFacilityRequester, type FacilityNoticeRequest } from './notify';
import {
  notifyProvisionDelay,
  provisionDeadline,
  type ProvisionDeadline,
  type ProvisionDeadlineRequest,
  type ProvisionNoticeRequest,
} from './provision';
import { recordFacilityStep, type FacilityStepRecord } from './records';

export interface FacilityActivities {
  recordFacilityStep(record: FacilityStepRecord): Promise<boolean>;
  notifyFacilityRequester(
    request: FacilityNoticeRequest,
  ): Promise<'sent' | 'recorded' | 'skipped' | 'missing'>;
  provisionDeadline(request: ProvisionDeadlineRequest): Promise<ProvisionDeadline | null>;
  notifyProvisionDelay(request: ProvisionNoticeRequest): Promise<number>;
}

export function createFacilityActivities(deps: OutboxDeps): FacilityActivities {
  return {
    recordFacilityStep: (record) => recordFacilityStep(deps.db, record),
    notifyFacilityRequester: (request) => notifyFacilityRequester(deps, request),
    provisionDeadline: (request) => provisionDeadline(deps.db, deps.logger, request),
    notifyProvisionDelay: (request) => notifyProvisionDelay(deps, request),
  };
}

export type { FacilityStepRecord } from './records';
export type { FacilityNoticeRequest } from './notify';
export type { ProvisionDeadline, ProvisionNoticeRequest } from './provision';
