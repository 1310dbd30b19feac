/**
 * Pure functions of the complaint workflow's state for its SLA policy: the escalation at a breach,
 * the resolution target after a reopening, and the request that records the results at the close.
 */
import type { ComplaintState, TargetState } from '../../common/complaint';
import type { Priority } from '../../common/enums';
import type { SlaEscalation } from '../../common/sla';
import type { SlaResultRequest, TargetOutcome } from '../../activities/sla/results';
import { pauseStatusesOf, slaTargetNames } from './sla-clock';

/**
 * Patch id of the SLA policy behaviour: recomputing deadlines on reopening, escalating at a breach
 * and recording results at the close. Histories recorded before it replay without these commands.
 */
export const slaPoliciesPatch = 'sla-policies';

export interface Escalation {
  patch: Partial<ComplaintState>;
  details: Record<string, unknown>;
}

/**
 * Returns the changes of the policy's escalation options, or null when there are none: priority
 * one level higher (1 is the highest), and the case back in its unit's queue without an assignee.
 */
export function escalationPatch(state: ComplaintState, options: SlaEscalation): Escalation | null {
  const patch: Partial<ComplaintState> = {};
  const details: Record<string, unknown> = {};
  if (options.raisePriority && state.priority > 1) {
    patch.priority = (state.priority - 1) as Priority;
    details.priority = patch.priority;
  }
  if (options.reassignToUnitQueue && state.assigneeId !== null && state.unitId !== null) {
    patch.assigneeId = null;
    patch.status = 'new';
    patch.reassignmentCount = state.reassignmentCount + 1;
    details.previousAssigneeId = state.assigneeId;
  }
  return Object.keys(patch).length > 0 ? { patch, details } : null;
}

/**
 * Returns the resolution target after a reopening. Continuing keeps its breach, because the time already
 * used still counts; restarting clears it, because the recomputed target starts again in full.
 */
export function reopenedResolution(target: TargetState, continues: boolean): TargetState {
  if (continues) return { ...target, metAt: null };
  return { ...target, metAt: null, breached: false, breachedAt: null, warned: false };
}

/** Builds the results of a case that closes now, one per target it has. */
export function slaResultRequest(
  state: ComplaintState,
  openedAt: string,
  closedAt: string,
): SlaResultRequest {
  const targets: TargetOutcome[] = [];
  for (const name of slaTargetNames) {
    const target = state[name];
    if (!target) continue;
    targets.push({
      target: name,
      targetMs: target.targetMs,
      dueAt: target.dueAt,
      metAt: target.metAt,
      breachedAt: target.breachedAt,
      startedAt:
        name === 'resolution' && state.sla?.reopenMode === 'restart' ? state.reopenedAt : null,
    });
  }
  const pausedStatuses: string[] = [...pauseStatusesOf(state)];
  let historyPausedMs = state.pausedMs;
  if (state.reopenCount > 0 && (state.sla?.reopenMode ?? 'continue') === 'continue') {
    pausedStatuses.push('resolved');
    // The last resolved span ends at the close, which the history contains but pausedMs does not.
    const resolvedAt = state.resolvedAt ? Date.parse(state.resolvedAt) : Date.parse(closedAt);
    historyPausedMs += Math.max(0, Date.parse(closedAt) - resolvedAt);
  }
  return {
    caseId: state.caseId,
    policyId: state.sla?.policyId ?? null,
    openedAt,
    closedAt,
    pausedMs: state.pausedMs,
    historyPausedMs,
    pausedStatuses,
    targets,
  };
}
