/** Zod schemas of the e-mail channel's routes. */
import { z } from 'zod';
import { mailOutcomes, mailStatuses, unknownDomainPolicies } from '../../common/mail';
import { pageQuery } from './common';

export const inboundHeaders = z.object({
  'x-khidmat-mailbox-token': z.string().min(16).max(200).describe("The mailbox's inbound token"),
});

export const processResult = z.object({
  id: z.uuid(),
  status: z.enum(mailStatuses),
  outcome: z.enum(mailOutcomes).nullable(),
  reason: z.string().nullable().describe('Why the message was set aside or quarantined'),
  caseReference: z.string().nullable(),
});

export const inboundResult = processResult.extend({
  duplicate: z.boolean().describe('True when the same message had been stored before'),
});

export const messageListQuery = pageQuery.extend({
  status: z.enum(mailStatuses).optional(),
  mailboxId: z.uuid().optional(),
});

const skippedPart = z.object({ name: z.string(), size: z.number().int(), why: z.string() });

export const messageSchema = z.object({
  id: z.uuid(),
  mailboxId: z.uuid().nullable(),
  source: z.string(),
  messageId: z.string().nullable(),
  fromAddress: z.string().nullable(),
  subject: z.string().nullable(),
  sizeBytes: z.number().int(),
  receivedAt: z.iso.datetime(),
  status: z.string(),
  outcome: z.string().nullable(),
  reason: z.string().nullable(),
  caseReference: z.string().nullable(),
  skippedParts: z.array(skippedPart).nullable().describe('Parts kept only in the raw message'),
  attempts: z.number().int(),
});

export const messagePage = z.object({
  items: z.array(messageSchema),
  nextCursor: z
    .string()
    .nullable()
    .describe('Pass as cursor for the next page; null on the last page'),
});

const domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'a domain such as utm.my');

export const mailboxBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  address: z.email().max(320),
  imapHost: z.string().trim().min(1).max(255).nullable().default(null),
  imapPort: z.number().int().min(1).max(65535).default(993),
  imapSecure: z.boolean().default(true),
  imapUser: z.string().min(1).max(320).nullable().default(null),
  imapPassword: z.string().min(1).max(500).nullable().default(null),
  imapFolder: z.string().min(1).max(255).default('INBOX'),
  processedFolder: z.string().min(1).max(255).nullable().default(null),
  defaultUnitId: z.uuid().nullable().default(null),
  defaultCategoryId: z.uuid().nullable().default(null),
  knownDomains: z.array(domain).max(50).default([]),
  unknownDomainPolicy: z.enum(unknownDomainPolicies).default('accept_unverified'),
  senderHourlyLimit: z.number().int().min(1).max(10_000).default(20),
  pollSeconds: z.number().int().min(15).max(86_400).default(60),
  active: z.boolean().default(true),
});

export const mailboxPatch = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  imapHost: z.string().trim().min(1).max(255).nullable().optional(),
  imapPort: z.number().int().min(1).max(65535).optional(),
  imapSecure: z.boolean().optional(),
  imapUser: z.string().min(1).max(320).nullable().optional(),
  imapPassword: z.string().min(1).max(500).nullable().optional(),
  imapFolder: z.string().min(1).max(255).optional(),
  processedFolder: z.string().min(1).max(255).nullable().optional(),
  defaultUnitId: z.uuid().nullable().optional(),
  defaultCategoryId: z.uuid().nullable().optional(),
  knownDomains: z.array(domain).max(50).optional(),
  unknownDomainPolicy: z.enum(unknownDomainPolicies).optional(),
  senderHourlyLimit: z.number().int().min(1).max(10_000).optional(),
  pollSeconds: z.number().int().min(15).max(86_400).optional(),
  active: z.boolean().optional(),
});

export const mailboxSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  address: z.string(),
  imapHost: z.string().nullable(),
  imapPort: z.number().int(),
  imapSecure: z.boolean(),
  imapUser: z.string().nullable(),
  imapPasswordSet: z.boolean().describe('The password itself is never returned'),
  imapFolder: z.string(),
  processedFolder: z.string().nullable(),
  defaultUnitId: z.uuid().nullable(),
  defaultCategoryId: z.uuid().nullable(),
  knownDomains: z.array(z.string()),
  unknownDomainPolicy: z.enum(unknownDomainPolicies),
  senderHourlyLimit: z.number().int(),
  pollSeconds: z.number().int(),
  active: z.boolean(),
});

export const mailboxList = z.object({ items: z.array(mailboxSchema) });

export const mailboxCreated = z.object({
  mailbox: mailboxSchema,
  inboundToken: z.string().describe('Shown once; only its SHA-256 is stored'),
});

export const connectionTestResult = z.object({
  ok: z.boolean(),
  messages: z.number().int().nullable(),
  error: z.string().nullable(),
});
