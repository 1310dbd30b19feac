import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../app';
import { attachmentRoutes } from './attachments';
import { authRoutes } from './auth';
import { calendarRoutes } from './calendars';
import { caseActionRoutes } from './case-actions';
import { caseRoutes } from './cases';
import { catalogueRoutes } from './catalogue';
import { healthRoutes } from './health';
import { notificationRoutes } from './notifications';
import { peopleRoutes } from './people';
import { processMapRoutes } from './process-map';
import { ratingRoutes } from './ratings';
import { tokenRoutes } from './tokens';
import { unitRoutes } from './units';

/** Registers every route of /api/v1, one module per domain. */
export function registerRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(healthRoutes(deps));
    await app.register(authRoutes(deps));
    await app.register(tokenRoutes(deps));
    await app.register(peopleRoutes(deps));
    await app.register(unitRoutes(deps));
    await app.register(catalogueRoutes(deps));
    await app.register(calendarRoutes(deps));
    await app.register(caseRoutes(deps));
    await app.register(caseActionRoutes(deps));
    await app.register(attachmentRoutes(deps));
    await app.register(ratingRoutes(deps));
    await app.register(notificationRoutes(deps));
    await app.register(processMapRoutes(deps));
  };
}
