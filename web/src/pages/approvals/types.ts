/** Shapes of the approvals and facility-request API responses, as the screens use them. */
import type {
  ApprovalDecisionValue,
  ApprovalSubjectKind,
  ApprovalTaskStatus,
} from '../../../../common/approval';
import type {
  FacilityField,
  FacilityItemKind,
  FacilityRequestStatus,
} from '../../../../common/facility-request';

export interface ApprovalTask {
  id: string;
  kind: ApprovalSubjectKind;
  reference: string;
  title: string;
  link: string;
  level: number;
  status: ApprovalTaskStatus;
  approver: { id: string; name: string };
  requester: { id: string; name: string };
  onBehalfOf: string | null;
  canDecide: boolean;
  decision: { comment: string; decidedAt: string; onBehalfOf: string | null } | null;
  since: string;
}

export interface DecisionInput {
  decision: ApprovalDecisionValue;
  comment: string;
}

export interface DecisionResult {
  task: ApprovalTask;
  levelClosed: boolean;
  approved: boolean | null;
}

export interface ApprovalLinkInfo {
  kind: ApprovalSubjectKind;
  reference: string;
  title: string;
  level: number;
  requesterName: string;
  approverName: string;
  state: 'open' | 'used' | 'expired' | 'closed';
}

export interface FacilityItem {
  code: string;
  nameMs: string;
  nameEn: string;
  kind: FacilityItemKind;
  fields: FacilityField[];
  provisionSteps: string[];
}

export interface ApplicationSummary {
  reference: string;
  itemNameMs: string;
  itemNameEn: string;
  kind: FacilityItemKind;
  status: FacilityRequestStatus;
  requesterName: string;
  createdAt: string;
  updatedAt: string;
}

export interface Application extends ApplicationSummary {
  answers: Record<string, string | number | boolean>;
  fields: FacilityField[];
  rejectionReason: string | null;
  steps: { name: string; doneById: string | null; doneAt: string | null }[];
  acknowledgedAt: string | null;
  provisionDueAt: string | null;
  provisionOverdue: boolean;
  timeline: { kind: string; actorName: string | null; detail: string | null; at: string }[];
  approvals: {
    level: number;
    approverName: string;
    status: string;
    comment: string | null;
    decidedAt: string | null;
  }[];
  canDownload: boolean;
  canProvide: boolean;
  canAcknowledge: boolean;
}
