/** Shapes of the CSI campaign API (GET /csi-campaigns and friends) as the screens read them. */
import type { PersonKind } from '../../../../common/enums';

export type CampaignStatus = 'scheduled' | 'open' | 'closed' | 'completed' | 'cancelled';

export interface CampaignSummary {
  reference: string;
  titleMs: string;
  titleEn: string;
  status: CampaignStatus;
  opensAt: string;
  closesAt: string;
  invited: number;
  responses: number | null;
}

export interface CampaignQuestion {
  id: string;
  textMs: string;
  textEn: string;
}

export interface CampaignDetail extends CampaignSummary {
  questions: CampaignQuestion[];
  services: { id: string; nameMs: string; nameEn: string }[];
  population: { kind: PersonKind; percent: number }[];
  reminderDays: number[];
  answered: number;
  responseRate: number | null;
  cancelReason: string | null;
  actions: { cancel: boolean; results: boolean };
}

export interface ResultRow {
  serviceNameMs: string | null;
  serviceNameEn: string | null;
  questionId: string | null;
  questionTextMs: string | null;
  questionTextEn: string | null;
  responses: number;
  meanScore: number;
  csiIndex: number;
  previousIndex: number | null;
  indexChange: number | null;
}

export interface CampaignResults {
  invited: number;
  responses: number;
  responseRate: number | null;
  previous: { reference: string; titleMs: string; titleEn: string } | null;
  division: ResultRow | null;
  byService: ResultRow[];
  byQuestion: ResultRow[];
}

export interface PublicCampaign {
  reference: string;
  titleMs: string;
  titleEn: string;
  open: boolean;
  answered: boolean;
  closesAt: string;
  services: { id: string; nameMs: string; nameEn: string }[];
  questions: CampaignQuestion[];
}

export const statusColours: Record<CampaignStatus, string> = {
  scheduled: 'blue.8',
  open: 'teal.9',
  closed: 'orange.9',
  completed: 'gray.7',
  cancelled: 'red.8',
};
