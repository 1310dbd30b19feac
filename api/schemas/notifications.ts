/** Zod schemas of the notification outbox route. */
import { z } from 'zod';
import { templateNames } from '../../activities/notifications/templates/types';
import { pageQuery } from './common';

export const notificationStatuses = ['pending', 'sent', 'recorded', 'failed'] as const;

export const notificationListQuery = pageQuery.extend({
  status: z.enum(notificationStatuses).optional(),
  template: z.enum(templateNames).optional(),
  caseReference: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}-\d{4}-\d{6}$/, 'a case reference such as ADU-2026-000123')
    .optional(),
});

export const notificationSchema = z.object({
  id: z.uuid(),
  caseReference: z.string().nullable(),
  recipient: z.object({
    id: z.uuid().nullable(),
    name: z.string().nullable(),
    email: z.string(),
  }),
  template: z.string(),
  language: z.string(),
  subject: z.string(),
  bodyText: z.string().describe('The text as sent; rating links show [token] for the token'),
  status: z.enum(notificationStatuses),
  attempts: z.number().int(),
  error: z.string().nullable().describe('Why the last SMTP attempt failed'),
  messageId: z.string().nullable(),
  createdAt: z.iso.datetime(),
  sentAt: z.iso.datetime().nullable(),
});

export const notificationPageSchema = z.object({
  items: z.array(notificationSchema),
  nextCursor: z
    .string()
    .nullable()
    .describe('Pass as cursor for the next page; null on the last page'),
});

export type NotificationPage = z.infer<typeof notificationPageSchema>;
export type OutboxNotification = z.infer<typeof notificationSchema>;
