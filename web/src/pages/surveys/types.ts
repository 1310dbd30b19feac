/** Shapes of the survey API's responses, as the pages use them. */

export interface SurveyOption {
  value: string;
  labelMs: string;
  labelEn: string;
}

export interface SurveyQuestion {
  id: string;
  kind: 'scale' | 'choice' | 'text';
  textMs: string;
  textEn: string;
  required: boolean;
  options: SurveyOption[];
}

export interface PublicSurvey {
  reference: string;
  title: string;
  nameMs: string;
  nameEn: string;
  answered: boolean;
  expired: boolean;
  questions: SurveyQuestion[];
}

export interface Survey {
  id: string;
  code: string;
  nameMs: string;
  nameEn: string;
  active: boolean;
  categoryIds: string[];
  samplingPercent: number;
  reminderAfterHours: number;
  validDays: number;
  questions: SurveyQuestion[];
}

export interface GroupResult {
  key: string | null;
  labelMs: string | null;
  labelEn: string | null;
  responses: number;
  meanScore: number | null;
}

export interface SurveyResults {
  invitations: number;
  responses: number;
  questions: {
    questionId: string;
    answers: number;
    meanScore: number | null;
    counts: Record<string, number>;
  }[];
  byService: GroupResult[];
  byUnit: GroupResult[];
  byTechnician: GroupResult[];
}

export type FollowUpStatus = 'open' | 'in_progress' | 'closed';

export interface FollowUp {
  id: string;
  source: string;
  caseId: string;
  reference: string;
  title: string;
  score: number;
  comment: string | null;
  status: FollowUpStatus;
  closingNote: string | null;
  closedAt: string | null;
  createdAt: string;
}

/** Picks the Malay or English text of a bilingual record. */
export function localText(language: string, ms: string | null, en: string | null): string {
  return (language === 'en' ? en : ms) ?? ms ?? en ?? '';
}
