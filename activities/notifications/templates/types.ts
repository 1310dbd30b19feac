/** The notification templates: one function per template name in each language. */
export const templateNames = [
  'acknowledgement',
  'assigned',
  'reply',
  'resolved',
  'reopened',
  'slaWarning',
  'slaBreach',
  'closed',
] as const;
export type TemplateName = (typeof templateNames)[number];

export interface TemplateData {
  recipientName: string;
  reference: string;
  title: string;
  /** Link to the case in the web app. */
  caseUrl: string;
  priority: number;
  /** Text of a reply or of the resolution. */
  body?: string;
  /** Reason of an assignment or a reopening. */
  reason?: string;
  /** The service-level target of a warning or breach. */
  target?: 'firstResponse' | 'resolution';
  /** Due time of that target, formatted dd/MM/yyyy HH:mm in Malaysian time. */
  dueAt?: string;
  /** Single-use rating link sent with the resolution. */
  ratingUrl?: string;
  ratingExpiresAt?: string;
  /** When the case closes by itself unless the customer confirms or reopens it. */
  closesAt?: string;
}

export interface RenderedMessage {
  subject: string;
  text: string;
}

export type TemplateSet = Record<TemplateName, (data: TemplateData) => RenderedMessage>;
