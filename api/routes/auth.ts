/**
 * Sign-in, sign-out, the signed-in person's own profile and password.
 *   POST  /auth/login      sets the session cookie and returns the CSRF token
 *   POST  /auth/logout     revokes the session and clears the cookie
 *   GET   /auth/me         the signed-in person, with units and the session's CSRF token
 *   PATCH /auth/me         name, phone and language of the signed-in person
 *   POST  /auth/password   changes the password and revokes the person's other sessions
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../common/errors';
import { getPerson, updateOwnProfile, type PersonRecord } from '../../activities/identity/people';
import { sessionCsrfToken } from '../../activities/identity/principals';
import { changeOwnPassword, revokeSession, signIn } from '../../activities/identity/sign-in';
import type { AppDeps } from '../app';
import type { Database } from '../../db/client';
import { requirePrincipal, sessionCookieName, type RequestAuth } from '../auth/plugin';
import { errorResponses, line, noContent, passwordInput } from '../schemas/common';
import { languageSchema, meSchema, signedInPersonSchema } from '../schemas/identity';

type Me = z.infer<typeof meSchema>;

const loginBody = z.strictObject({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(256),
});

const loginResponse = z.object({
  csrfToken: z.string().describe('Send as the x-csrf-token header on every write of this session'),
  person: signedInPersonSchema,
});

const profileBody = z
  .strictObject({
    name: line(200).optional(),
    phone: z.string().trim().max(40).nullable().optional(),
    language: languageSchema.optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: 'give at least one of name, phone and language',
  });

const passwordBody = z.strictObject({
  current: z.string().min(1).max(256),
  new: passwordInput,
});

/**
 * Builds the GET and PATCH /auth/me response. It includes the session's CSRF token so that the web
 * app can recover it after a page reload.
 */
async function describeMe(
  person: PersonRecord,
  auth: RequestAuth | null,
  db: Database,
): Promise<Me> {
  const csrfToken =
    auth?.via === 'session' && auth.sessionId ? await sessionCsrfToken(db, auth.sessionId) : null;
  return {
    id: person.id,
    name: person.name,
    email: person.email,
    roles: person.roles,
    language: person.language,
    phone: person.phone,
    units: person.units,
    authenticatedBy: auth?.via ?? 'token',
    csrfToken,
  };
}

export function authRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { config, db } = deps;
  const cookieOptions = (secure: boolean) => ({
    httpOnly: true,
    sameSite: 'lax' as const,
    path: '/',
    secure,
  });

  return async (app) => {
    app.post(
      '/auth/login',
      {
        schema: {
          tags: ['auth'],
          summary: 'Sign in with e-mail and password',
          body: loginBody,
          response: { 200: loginResponse, ...errorResponses(400, 401, 423, 429) },
        },
      },
      async (request, reply) => {
        const now = new Date();
        try {
          const { session, principal } = await signIn(
            db,
            { email: request.body.email, password: request.body.password, ip: request.ip, now },
            {
              maxFailures: config.LOGIN_MAX_FAILURES,
              lockMinutes: config.LOGIN_LOCK_MINUTES,
              ipLimitPerMinute: config.LOGIN_IP_LIMIT_PER_MINUTE,
              sessionTtlHours: config.SESSION_TTL_HOURS,
            },
          );
          request.log.info({ personId: principal.id, ip: request.ip }, 'signed in');
          const secure = config.COOKIE_SECURE === true || request.protocol === 'https';
          reply.setCookie(sessionCookieName, session.token, {
            ...cookieOptions(secure),
            maxAge: Math.floor(config.SESSION_TTL_HOURS * 3600),
          });
          return {
            csrfToken: session.csrfToken,
            person: {
              id: principal.id,
              name: principal.name,
              email: principal.email,
              roles: principal.roles,
              language: principal.language,
            },
          };
        } catch (error) {
          if (error instanceof AppError) {
            request.log.info({ ip: request.ip, outcome: error.code }, 'sign-in rejected');
          }
          throw error;
        }
      },
    );

    app.post(
      '/auth/logout',
      {
        schema: {
          tags: ['auth'],
          summary: 'Sign out: revoke the session and clear its cookie',
          response: { 204: noContent, ...errorResponses(403) },
        },
      },
      async (request, reply) => {
        if (request.auth?.sessionId) {
          await revokeSession(db, request.auth.sessionId, new Date());
          request.log.info({ personId: request.auth.principal.id }, 'signed out');
        }
        const secure = config.COOKIE_SECURE === true || request.protocol === 'https';
        reply.clearCookie(sessionCookieName, cookieOptions(secure));
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/auth/me',
      {
        schema: {
          tags: ['auth'],
          summary: 'The signed-in person',
          response: { 200: meSchema, ...errorResponses(401) },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const person = await getPerson(db, principal.id);
        if (!person) throw new AppError('unauthenticated', 'Sign in or send an API token');
        return describeMe(person, request.auth, db);
      },
    );

    app.patch(
      '/auth/me',
      {
        schema: {
          tags: ['auth'],
          summary: "Change the signed-in person's name, phone or language",
          body: profileBody,
          response: { 200: meSchema, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const person = await updateOwnProfile(db, principal.id, request.body, new Date());
        if (!person) throw new AppError('unauthenticated', 'Sign in or send an API token');
        return describeMe(person, request.auth, db);
      },
    );

    app.post(
      '/auth/password',
      {
        schema: {
          tags: ['auth'],
          summary: 'Change the signed-in person’s password',
          description:
            'Only from a browser session, not with an API token. Every other session of the person ' +
            'is revoked; the current one stays. API tokens stay valid: revoke them separately.',
          body: passwordBody,
          response: { 204: noContent, ...errorResponses(400, 401, 403, 423) },
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        if (request.auth?.via !== 'session') {
          throw new AppError(
            'forbidden',
            'Change a password from a signed-in session, not with an API token',
          );
        }
        await changeOwnPassword(
          db,
          {
            personId: principal.id,
            current: request.body.current,
            next: request.body.new,
            keepSessionId: request.auth?.sessionId ?? null,
            now: new Date(),
          },
          { maxFailures: config.LOGIN_MAX_FAILURES, lockMinutes: config.LOGIN_LOCK_MINUTES },
        );
        request.log.info({ personId: principal.id }, 'password changed');
        return reply.code(204).send(null);
      },
    );
  };
}
