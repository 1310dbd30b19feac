/** English notification templates, with the same keys as the Malay ones. */
import type { TemplateData, TemplateSet } from './types';

const signature = '\n\nICT Service Desk';

function targetLabel(data: TemplateData): string {
  return data.target === 'firstResponse' ? 'first response' : 'resolution';
}

export const en: TemplateSet = {
  acknowledgement: (data) => ({
    subject: `Complaint ${data.reference} received`,
    text:
      `Dear ${data.recipientName},\n\n` +
      `We have received your complaint.\n` +
      `Complaint number: ${data.reference}\n` +
      `Title: ${data.title}\n\n` +
      `Please quote this number whenever you contact us about it. ` +
      `You can follow the complaint at ${data.caseUrl}` +
      signature,
  }),
  assigned: (data) => ({
    subject: `Complaint ${data.reference} assigned to you`,
    text:
      `Dear ${data.recipientName},\n\n` +
      `Complaint ${data.reference} (${data.title}) has been assigned to you as technician.\n` +
      `Priority: P${data.priority}\n` +
      `Reason for the assignment: ${data.reason ?? '-'}\n\n` +
      `Case details: ${data.caseUrl}` +
      signature,
  }),
  reply: (data) => ({
    subject: `Reply to complaint ${data.reference}`,
    text:
      `Dear ${data.recipientName},\n\n` +
      `There is a new reply to your complaint ${data.reference} (${data.title}):\n\n` +
      `${data.body ?? ''}\n\n` +
      `Reply or follow the complaint at ${data.caseUrl}` +
      signature,
  }),
  resolved: (data) => ({
    subject: `Complaint ${data.reference} resolved`,
    text:
      `Dear ${data.recipientName},\n\n` +
      `Your complaint ${data.reference} (${data.title}) has been resolved.\n\n` +
      `Resolution: ${data.body ?? ''}\n\n` +
      `Please confirm the resolution or reopen the complaint at ${data.caseUrl}. ` +
      `Without either, the complaint closes by itself on ${data.closesAt ?? '-'}.\n\n` +
      `We would value your rating (once, before ${data.ratingExpiresAt ?? '-'}): ` +
      `${data.ratingUrl ?? ''}` +
      signature,
  }),
  reopened: (data) => ({
    subject: `Complaint ${data.reference} reopened`,
    text:
      `Dear ${data.recipientName},\n\n` +
      `Complaint ${data.reference} (${data.title}) has been reopened.\n` +
      `Reason: ${data.reason ?? '-'}\n\n` +
      `The original resolution deadline still applies. Case details: ${data.caseUrl}` +
      signature,
  }),
  slaWarning: (data) => ({
    subject: `SLA warning: complaint ${data.reference}`,
    text:
      `Dear ${data.recipientName},\n\n` +
      `The ${targetLabel(data)} target of complaint ${data.reference} ` +
      `(${data.title}, P${data.priority}) ends on ${data.dueAt ?? '-'}.\n` +
      `Please act before the complaint breaches its SLA: ${data.caseUrl}` +
      signature,
  }),
  slaBreach: (data) => ({
    subject: `Complaint ${data.reference} breached its SLA`,
    text:
      `Dear ${data.recipientName},\n\n` +
      `The ${targetLabel(data)} target of complaint ${data.reference} ` +
      `(${data.title}, P${data.priority}) ended on ${data.dueAt ?? '-'}. The SLA is breached.\n` +
      `Case details: ${data.caseUrl}` +
      signature,
  }),
  closed: (data) => ({
    subject: `Complaint ${data.reference} closed`,
    text:
      `Dear ${data.recipientName},\n\n` +
      `Your complaint ${data.reference} (${data.title}) is now closed. ` +
      `Thank you for using our services.\n\n` +
      `Case details: ${data.caseUrl}` +
      signature,
  }),
};
