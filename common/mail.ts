/**
 * The e-mail channel's shared vocabulary: the states of a stored inbound message, what it became,
 * the policies of a mailbox and the names of the intake workflow. Deterministic and free of
 * runtime dependencies, so the workflow, the activities, the API and the web app import it.
 */

/**
 * States of an inbound message. `stored`: raw bytes kept, not processed yet. `processed`: it
 * started or joined a case. `quarantined`: it could not be processed, and an administrator may
 * process it again. `ignored`: an auto-reply, a bounce, Khidmat's own mail, or a sender that the
 * mailbox's policy rejects.
 */
export const mailStatuses = ['stored', 'processed', 'quarantined', 'ignored'] as const;
export type MailStatus = (typeof mailStatuses)[number];

/** Outcomes of a processed or ignored message. */
export const mailOutcomes = ['new_case', 'joined_case', 'bounce', 'set_aside'] as const;
export type MailOutcome = (typeof mailOutcomes)[number];

/** Channels by which a message reached Khidmat. */
export const mailSources = ['imap', 'api', 'cli'] as const;
export type MailSource = (typeof mailSources)[number];

/**
 * Policies for mail from an unrecorded address outside the mailbox's known domains. `accept`
 * opens the case, `accept_unverified` opens it with the requester recorded as a visitor, and
 * `reject` sets the message aside and sends a reply.
 */
export const unknownDomainPolicies = ['accept', 'accept_unverified', 'reject'] as const;
export type UnknownDomainPolicy = (typeof unknownDomainPolicies)[number];

/** Reasons for setting a message aside, stored in `mail_messages.reason`. */
export const mailReasons = [
  'auto_reply',
  'bounce',
  'own_mail',
  'calendar_reply',
  'duplicate',
  'rate_limited',
  'unknown_domain_rejected',
  'no_sender',
  'unparseable',
  'processing_failed',
] as const;
export type MailReason = (typeof mailReasons)[number];

/** Header that Khidmat sets on every message it sends, so its own mail coming back is ignored. */
export const khidmatMailHeader = 'X-Khidmat-Notification';

/** Limits applied to inbound mail when the mailbox does not set its own. */
export const mailDefaults = {
  /** Messages one sender may send to one mailbox per hour before the rest are quarantined. */
  senderHourlyLimit: 20,
  /** Messages one IMAP poll fetches at most; the next poll takes the rest. */
  fetchBatchSize: 50,
  /** Largest raw message accepted by the inbound route, in bytes. */
  maxRawBytes: 30 * 1024 * 1024,
} as const;

export const mailIntakeWorkflowType = 'mailIntake';

/**
 * Attempts of the activity that processes one message; the last attempt quarantines the message
 * instead of failing. The workflow's retry policy uses the same number.
 */
export const mailProcessAttempts = 5;

/** Id of the Temporal Schedule that polls a mailbox. */
export function mailScheduleId(mailboxId: string): string {
  return `mail-intake-${mailboxId}`;
}

export interface MailIntakeInput {
  mailboxId: string;
}

export interface MailIntakeResult {
  fetched: number;
  processed: number;
  failed: number;
}

/** The result of processing one stored message. */
export interface MailProcessResult {
  id: string;
  status: MailStatus;
  outcome: MailOutcome | null;
  reason: string | null;
  caseReference: string | null;
}

/** Returns the lower-case domain of MAIL_FROM's address ("Khidmat <khidmat@utm.my>" gives "utm.my"). */
export function mailDomainOf(mailFrom: string): string {
  const address = /<([^<>]+)>/.exec(mailFrom)?.[1] ?? mailFrom;
  const domain = address
    .slice(address.lastIndexOf('@') + 1)
    .trim()
    .toLowerCase();
  return domain || 'localhost';
}

/** Builds the Message-ID, without angle brackets, of mail that Khidmat sends; `id` is a UUID. */
export function ownMessageId(id: string, domain: string): string {
  return `khidmat.${id.toLowerCase()}@${domain}`;
}

/** True for a Message-ID made by ownMessageId with this domain. */
export function isOwnMessageId(messageId: string | null, domain: string): boolean {
  return messageId !== null && messageId.startsWith('khidmat.') && messageId.endsWith(`@${domain}`);
}
