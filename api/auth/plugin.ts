/**
 * Authentication for every request: a session cookie (with a CSRF token required on writes) or a
 * personal API token in `Authorization: Bearer`. Routes call requirePrincipal to insist on one.
 */
import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../common/errors';
import type { Actor } from '../../common/complaint';
import type { Database } from '../../db/client';
import {
  apiTokenPrefix,
  findApiToken,
  findSession,
  type Principal,
} from '../../activities/identity/principals';

export const sessionCookieName = 'khidmat_session';
export const csrfHeaderName = 'x-csrf-token';

export interface RequestAuth {
  principal: Principal;
  via: 'session' | 'token';
  sessionId?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: RequestAuth | null;
  }
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * API routes open without signing in; every other route under /api/ returns 401 before it
 * validates input. Routes outside /api/ serve the web app, which signs in through the API.
 */
const publicRoutes = new Set([
  '/api/v1/health',
  '/api/v1/openapi.json',
  '/api/v1/auth/login',
  '/api/v1/ratings/:token',
  '/api/v1/surveys/respond/:token',
  '/api/v1/csi-campaigns/respond/:token',
  '/api/v1/approvals/link/:token',
  // Authenticated by the mailbox's inbound token instead of a session.
  '/api/v1/channels/email/inbound',
]);

export function registerAuthentication(app: FastifyInstance, db: Database): void {
  app.decorateRequest('auth', null);

  app.addHook('onRequest', async (request) => {
    const now = new Date();
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const token = header.slice('Bearer '.length).trim();
      const principal = token.startsWith(apiTokenPrefix)
        ? await findApiToken(db, token, now)
        : null;
      if (!principal)
        throw new AppError('unauthenticated', 'The API token is invalid, expired or revoked');
      request.auth = { principal, via: 'token' };
      return;
    }

    const cookie = request.cookies[sessionCookieName];
    if (!cookie) return;
    const session = await findSession(db, cookie, now);
    if (!session) return;
    if (!safeMethods.has(request.method)) {
      const sent = request.headers[csrfHeaderName];
      if (typeof sent !== 'string' || sent !== session.csrfToken) {
        throw new AppError(
          'csrf_failed',
          `Missing or wrong ${csrfHeaderName} header for a signed-in write`,
        );
      }
    }
    request.auth = { principal: session.principal, via: 'session', sessionId: session.sessionId };
  });

  app.addHook('preValidation', async (request) => {
    const route = request.routeOptions.url;
    if (route === undefined || !route.startsWith('/api/') || publicRoutes.has(route)) return;
    if (request.auth) return;
    throw new AppError('unauthenticated', 'Sign in or send an API token');
  });
}

/** Returns the signed-in person, or throws a 401 error. */
export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.auth) throw new AppError('unauthenticated', 'Sign in or send an API token');
  return request.auth.principal;
}

/** Returns the sender of a workflow message, as the workflow checks it. */
export function actorOf(principal: Principal): Actor {
  return {
    id: principal.id,
    roles: principal.roles,
    unitIds: principal.unitIds,
    headOfUnitIds: principal.headOfUnitIds,
  };
}
