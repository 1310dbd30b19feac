/** Zod response schemas of people, units, sessions and API tokens. */
import { z } from 'zod';
import { languages, personKinds, roles } from '../../common/enums';

export const roleSchema = z.enum(roles);
export const languageSchema = z.enum(languages);
export const unitRoleSchema = z.enum(['member', 'head']);

export const personUnitSchema = z.object({
  unitId: z.uuid(),
  code: z.string(),
  nameMs: z.string(),
  nameEn: z.string(),
  role: unitRoleSchema,
});

export const personSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  kind: z.enum(personKinds),
  externalId: z.string().nullable(),
  language: languageSchema,
  roles: z.array(roleSchema),
  active: z.boolean(),
  lockedUntil: z
    .date()
    .nullable()
    .describe('Set while the account is locked after failed sign-ins'),
  units: z.array(personUnitSchema),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export const personPageSchema = z.object({
  items: z.array(personSchema),
  nextCursor: z
    .string()
    .nullable()
    .describe('Pass as cursor for the next page; null on the last page'),
});

/** The signed-in person as the login route returns it. */
export const signedInPersonSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  roles: z.array(roleSchema),
  language: languageSchema,
});

export const meSchema = signedInPersonSchema.extend({
  phone: z.string().nullable(),
  units: z.array(personUnitSchema),
  authenticatedBy: z.enum(['session', 'token']),
  csrfToken: z
    .string()
    .nullable()
    .describe('The x-csrf-token for writes in this session; null when signed in with an API token'),
});

export const unitSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  nameMs: z.string(),
  nameEn: z.string(),
  email: z.string().nullable(),
  active: z.boolean(),
  memberCount: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export const unitMemberSchema = z.object({
  personId: z.uuid(),
  name: z.string(),
  email: z.string(),
  active: z.boolean(),
  role: unitRoleSchema,
});

export const unitDetailSchema = unitSchema.extend({ members: z.array(unitMemberSchema) });

export const apiTokenSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string().describe('The first characters of the token'),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
  expiresAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
});

export const newApiTokenSchema = apiTokenSchema.extend({
  token: z.string().describe('The token itself, shown only in this response'),
});
