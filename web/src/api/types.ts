/**
 * Types of the API responses the web app reads. The case and identity shapes come straight from
 * the API's zod schemas (type-only imports, so nothing of the server enters the bundle).
 */
import type { z } from 'zod';
import type { CaseDetail, caseList, caseSummary, ratingInfo } from '../../../api/schemas/cases';
import type { meSchema } from '../../../api/schemas/identity';

export type { CaseDetail };
export type CaseSummary = z.infer<typeof caseSummary>;
export type CasePage = z.infer<typeof caseList>;
export type Me = z.infer<typeof meSchema>;
export type RatingInfo = z.infer<typeof ratingInfo>;
export type TimelineEntry = CaseDetail['timeline'][number];
export type AttachmentInfo = CaseDetail['attachments'][number];

/** A category of the catalogue as GET /catalogue/services sends it (dates as strings). */
export interface Category {
  id: string;
  serviceId: string;
  code: string;
  nameMs: string;
  nameEn: string;
  defaultImpact: number;
  defaultUrgency: number;
  sortOrder: number;
}

export interface Service {
  id: string;
  code: string;
  nameMs: string;
  nameEn: string;
  descriptionMs: string;
  descriptionEn: string;
  sortOrder: number;
  categories: Category[];
}

export interface ServiceList {
  items: Service[];
}

export interface LoginResult {
  csrfToken: string;
  person: Pick<Me, 'id' | 'name' | 'email' | 'roles' | 'language'>;
}
