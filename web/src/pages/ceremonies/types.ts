/** Shapes of the event support API responses, as the screens use them. */
import type {
  CeremonyNeed,
  CeremonyStatus,
  ChecklistItemKind,
  ReconcileOutcome,
} from '../../../../common/ceremony';

export interface CeremonySummary {
  reference: string;
  title: string;
  venue: string;
  status: CeremonyStatus;
  startsAt: string;
  endsAt: string;
  audienceSize: number;
  needs: CeremonyNeed[];
  requesterName: string;
  notReady: boolean;
}

export interface Person {
  id: string;
  name: string;
}

export interface CeremonyDetail extends CeremonySummary {
  notes: string;
  reason: string | null;
  readinessCheckAt: string | null;
  escalatedAt: string | null;
  rating: number | null;
  ratingComment: string | null;
  team: Person[];
  supportStaff: Person[];
  checklist: {
    key: string;
    need: CeremonyNeed;
    kind: ChecklistItemKind;
    tickedByName: string | null;
    tickedAt: string | null;
  }[];
  log: { authorName: string; body: string; at: string }[];
  equipment: {
    resourceId: string;
    name: string;
    tag: string;
    outcome: ReconcileOutcome | null;
    location: string | null;
    damageCaseReference: string | null;
  }[];
  actions: {
    assignTeam: boolean;
    tick: boolean;
    log: boolean;
    reconcile: boolean;
    rate: boolean;
    cancel: boolean;
  };
  timeline: { step: number; action: string; actorName: string | null; at: string }[];
}
