/**
 * Activities of the csiCampaign workflow. The workflow imports only the CsiActivities type; the
 * worker registers the functions that createCsiActivities returns.
 */
import type { OutboxDeps } from '../approvals/outbox';
import {
  cancelCsiCampaign,
  closeCsiCampaign,
  openCsiCampaign,
  recordCsiCampaign,
  type CsiCampaignRecord,
  type RecordCsiCampaignRequest,
} from './records';
import { computeCsiResults, type CsiComputeResult } from './results';
import {
  sendCsiInvitations,
  sendCsiReminders,
  type CsiReminderPageRequest,
  type CsiSendPageRequest,
  type CsiSendPageResult,
} from './send';

export interface CsiActivities {
  recordCsiCampaign(request: RecordCsiCampaignRequest): Promise<CsiCampaignRecord>;
  openCsiCampaign(request: { campaignId: string; at: string }): Promise<{
    invited: number;
    opened: boolean;
  }>;
  sendCsiInvitations(request: CsiSendPageRequest): Promise<CsiSendPageResult>;
  sendCsiReminders(request: CsiReminderPageRequest): Promise<CsiSendPageResult>;
  closeCsiCampaign(request: { campaignId: string; at: string }): Promise<{ closed: boolean }>;
  cancelCsiCampaign(request: {
    campaignId: string;
    actorId: string;
    reason: string;
    at: string;
  }): Promise<{ cancelled: boolean }>;
  computeCsiResults(request: { campaignId: string; at: string }): Promise<CsiComputeResult>;
}

export function createCsiActivities(deps: OutboxDeps): CsiActivities {
  return {
    recordCsiCampaign: (request) => recordCsiCampaign(deps.db, request),
    openCsiCampaign: (request) => openCsiCampaign(deps.db, request),
    sendCsiInvitations: (request) => sendCsiInvitations(deps, request),
    sendCsiReminders: (request) => sendCsiReminders(deps, request),
    closeCsiCampaign: (request) => closeCsiCampaign(deps.db, request),
    cancelCsiCampaign: (request) => cancelCsiCampaign(deps.db, request),
    computeCsiResults: (request) => computeCsiResults(deps.db, request),
  };
}

export type { CsiCampaignRecord } from './records';
export type { CsiComputeResult } from './results';
export type { CsiSendPageResult } from './send';
