/**
 * The csiCampaign workflow (indeks kepuasan pelanggan, CSI), step by step:
 *   1. record the campaign, created through the API or by a run of the CSI schedule;
 *   2. wait until the open date;
 *   3. open: choose the population and e-mail each person a single-use link to the questionnaire;
 *   4. on each reminder day, remind the people who have not answered;
 *   5. close at the close date, after which answers are refused;
 *   6. compute the index per service, per question and for the division, and compare it with the
 *      previous campaign.
 * The cancel signal ends the campaign at any step before it closes.
 */
import {
  condition,
  defineQuery,
  defineSignal,
  defineUpdate,
  log,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { CsiActivities, CsiSendPageResult } from '../activities/csi';
import {
  cancellableCsiStatuses,
  csiMessages,
  type CancelCsiCampaignMessage,
  type CsiCampaignInput,
  type CsiCampaignState,
} from '../common/csi';

export const cancelSignal = defineSignal<[CancelCsiCampaignMessage]>(csiMessages.cancel);
export const stateQuery = defineQuery<CsiCampaignState>(csiMessages.state);
export const recordedUpdate = defineUpdate<CsiCampaignState>(csiMessages.recorded);

/** Database writes retry until they succeed, so no step of the campaign is lost. */
const records = proxyActivities<CsiActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** A page of e-mails retries for about an hour; a page that still fails is logged and skipped. */
const mail = proxyActivities<Pick<CsiActivities, 'sendCsiInvitations' | 'sendCsiReminders'>>({
  startToCloseTimeout: '10 minutes',
  retry: {
    initialInterval: '5 seconds',
    backoffCoefficient: 2,
    maximumInterval: '10 minutes',
    maximumAttempts: 10,
  },
});

/** Invitations e-mailed per activity call. */
export const csiPageSize = 200;

const dayMs = 24 * 60 * 60 * 1000;

export async function csiCampaign(input: CsiCampaignInput): Promise<CsiCampaignState> {
  const state: CsiCampaignState = {
    campaignId: input.source === 'api' ? input.campaignId : null,
    reference: input.source === 'api' ? input.reference : null,
    status: 'scheduled',
    opensAt: null,
    closesAt: null,
    invited: 0,
    invitationsSent: 0,
    remindersSent: [],
    responses: null,
    cancelReason: null,
  };
  let cancelRequest: CancelCsiCampaignMessage | null = null;
  let recorded = false;

  const snapshot = (): CsiCampaignState => ({ ...state, remindersSent: [...state.remindersSent] });
  const nowIso = (): string => new Date().toISOString();
  const msUntil = (instant: number): number => Math.max(0, instant - Date.now());
  const cancelled = (): boolean => cancelRequest !== null;

  setHandler(stateQuery, snapshot);
  setHandler(recordedUpdate, async () => {
    await condition(() => recorded);
    return snapshot();
  });
  setHandler(cancelSignal, (message) => {
    if (cancelRequest !== null || !cancellableCsiStatuses.includes(state.status)) {
      log.info('cancel signal ignored', { reference: state.reference, status: state.status });
      return;
    }
    cancelRequest = message;
  });

  // 1. Record the campaign.
  const campaign = await records.recordCsiCampaign({
    workflowId: workflowInfo().workflowId,
    at: nowIso(),
    input,
  });
  const campaignId = campaign.campaignId;
  Object.assign(state, {
    campaignId,
    reference: campaign.reference,
    status: campaign.status,
    opensAt: campaign.opensAt,
    closesAt: campaign.closesAt,
  });
  const reminderDays = [...campaign.reminderDays].sort((a, b) => a - b);
  state.remindersSent = reminderDays.map(() => 0);
  recorded = true;
  if (campaign.status !== 'scheduled') {
    log.warn('CSI campaign was not scheduled when its workflow began', { ...campaign });
    return snapshot();
  }
  const opensAt = Date.parse(campaign.opensAt);
  const closesAt = Date.parse(campaign.closesAt);

  async function cancel(): Promise<CsiCampaignState> {
    const request = cancelRequest;
    if (request === null) return snapshot();
    await records.cancelCsiCampaign({
      campaignId,
      actorId: request.actorId,
      reason: request.reason,
      at: nowIso(),
    });
    state.status = 'cancelled';
    state.cancelReason = request.reason;
    log.info('CSI campaign cancelled', { reference: state.reference });
    return snapshot();
  }

  /**
   * Sends one round of e-mails a page at a time until no one is left, and returns false when the
   * campaign was cancelled in between. A page that fails after its retries ends the round.
   */
  async function sendRound(
    name: string,
    sendPage: (at: string) => Promise<CsiSendPageResult>,
    count: (sent: number) => void,
  ): Promise<boolean> {
    for (;;) {
      if (cancelled()) return false;
      let page: CsiSendPageResult;
      try {
        page = await sendPage(nowIso());
      } catch (error) {
        log.error('CSI e-mails not sent after retries', {
          reference: state.reference,
          round: name,
          error: String(error),
        });
        return !cancelled();
      }
      count(page.sent + page.recorded);
      if (!page.more) return !cancelled();
    }
  }

  // 2. Wait for the open date.
  if (await condition(cancelled, msUntil(opensAt))) return cancel();

  // 3. Open, choose the population and send the invitations.
  const opened = await records.openCsiCampaign({ campaignId, at: nowIso() });
  state.invited = opened.invited;
  state.status = 'open';
  const invitationsDone = await sendRound(
    'invitation',
    (at) => mail.sendCsiInvitations({ campaignId, at, limit: csiPageSize }),
    (sent) => (state.invitationsSent += sent),
  );
  if (!invitationsDone) return cancel();

  // 4. Remind the people who have not answered, on each reminder day before the close.
  for (const [index, day] of reminderDays.entries()) {
    const dueAt = opensAt + day * dayMs;
    if (dueAt >= closesAt) break;
    if (await condition(cancelled, msUntil(dueAt))) return cancel();
    const reminder = index + 1;
    const reminded = await sendRound(
      `reminder:${reminder}`,
      (at) => mail.sendCsiReminders({ campaignId, at, limit: csiPageSize, reminder }),
      (sent) => (state.remindersSent[index] = (state.remindersSent[index] ?? 0) + sent),
    );
    if (!reminded) return cancel();
  }

  // 5. Close at the close date.
  if (await condition(cancelled, msUntil(closesAt))) return cancel();
  await records.closeCsiCampaign({ campaignId, at: nowIso() });
  state.status = 'closed';

  // 6. Compute the index and compare it with the previous campaign.
  const results = await records.computeCsiResults({ campaignId, at: nowIso() });
  state.status = 'completed';
  state.responses = results.responses;
  log.info('CSI campaign completed', { reference: state.reference, ...results });
  return snapshot();
}
