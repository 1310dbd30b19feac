/**
 * The activities of the `facilityRequest` workflow; the workflow imports only the
 * `FacilityActivities` type from here.
 */
import type { OutboxDeps } from '../approvals/outbox';
import { notifyFacilityRequester, type FacilityNoticeRequest } from './notify';
import { recordFacilityStep, type FacilityStepRecord } from './records';

export interface FacilityActivities {
  recordFacilityStep(record: FacilityStepRecord): Promise<boolean>;
  notifyFacilityRequester(
    request: FacilityNoticeRequest,
  ): Promise<'sent' | 'recorded' | 'skipped' | 'missing'>;
}

export function createFacilityActivities(deps: OutboxDeps): FacilityActivities {
  return {
    recordFacilityStep: (record) => recordFacilityStep(deps.db, record),
    notifyFacilityRequester: (request) => notifyFacilityRequester(deps, request),
  };
}

export type { FacilityStepRecord } from './records';
export type { FacilityNoticeRequest } from './notify';
