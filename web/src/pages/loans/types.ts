/** Shapes of the loan and inventory API responses, as the screens use them. */
import type { LoanStatus } from '../../../../common/facility-loan';
import type {
  ResourceCategory,
  ResourceCondition,
  ResourceStatus,
} from '../../../../common/inventory';

export interface Resource {
  id: string;
  tag: string;
  serialNumber: string | null;
  name: string;
  description: string;
  category: ResourceCategory;
  location: string;
  condition: ResourceCondition;
  status: ResourceStatus;
  owningUnitCode: string;
  maxLoanHours: number;
}

export interface ResourceDetail extends Resource {
  canManage: boolean;
  history: {
    id: number;
    event: string;
    actorName: string | null;
    oldValues: Record<string, unknown>;
    newValues: Record<string, unknown>;
    note: string;
    holderReference: string | null;
    at: string;
  }[];
}

export interface LoanSummary {
  reference: string;
  status: LoanStatus;
  resourceName: string;
  resourceTag: string;
  borrowerName: string;
  startsAt: string;
  endsAt: string;
  overdue: boolean;
}

export interface LoanDetail extends LoanSummary {
  resourceId: string;
  purpose: string;
  reason: string | null;
  endReason: string | null;
  damageCaseReference: string | null;
  actions: { handover: boolean; checkIn: boolean; cancel: boolean };
  timeline: { step: number; action: string; actorName: string | null; at: string }[];
}

export interface CalendarWeek {
  from: string;
  to: string;
  resources: {
    id: string;
    tag: string;
    name: string;
    reservations: { holderReference: string | null; startsAt: string; endsAt: string }[];
  }[];
}
