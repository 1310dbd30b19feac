import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../common/errors';
import type { AppDeps } from '../app';

const healthResponse = z.object({ status: z.literal('ok') });

/** GET /health: 200 once the database and the connection to Temporal respond. */
export function healthRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/health',
      { schema: { tags: ['health'], response: { 200: healthResponse } } },
      async (request) => {
        try {
          await deps.pingDatabase();
        } catch (error) {
          request.log.warn({ err: error }, 'health: database did not respond');
          throw new AppError('database_unavailable', 'The database did not respond');
        }
        try {
          await deps.temporal.client.workflowService.getSystemInfo({});
        } catch (error) {
          request.log.warn({ err: error }, 'health: Temporal did not respond');
          throw new AppError('temporal_unavailable', 'Temporal did not respond');
        }
        return { status: 'ok' as const };
      },
    );
  };
}
