import type { z } from 'zod';
import type { ApprovalTaskRow } from '../../activities/approvals/inbox';
import type { ApprovalMode, ApprovalSubjectKind, ApprovalTaskStatus } from '../../common/approval';
import type { Principal } from '../../activities/identity/principals';
import { decisionAuthority } from '../policies/approvals';
import type { approvalTask } from '../schemas/approvals';

/** Shapes an approval task for the signed-in person, with whether they may decide it and on whose behalf. */
export function presentApprovalTask(
  task: ApprovalTaskRow,
  principal: Principal,
  represented: readonly string[],
): z.infer<typeof approvalTask> {
  const authority = decisionAuthority(principal, task, represented);
  return {
    id: task.id,
    kind: task.kind as ApprovalSubjectKind,
    reference: task.reference,
    title: task.title,
    link: task.link,
    level: task.level,
    mode: task.mode as ApprovalMode,
    status: task.status as ApprovalTaskStatus,
    approver: { id: task.approverId, name: task.approverName },
    requester: { id: task.requesterId, name: task.requesterName },
    onBehalfOf: authority?.onBehalfOf ?? null,
    canDecide: authority !== undefined,
    decision:
      task.decidedById && task.decidedAt
        ? {
            decidedById: task.decidedById,
            onBehalfOf: task.onBehalfOf,
            comment: task.comment ?? '',
            decidedAt: task.decidedAt.toISOString(),
          }
        : null,
    since: task.createdAt.toISOString(),
  };
}
