/**
 * The single-use rating link sent with a resolution: it needs no sign-in, and its token is good
 * for one rating of one case until it expires.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { complaintMessages, type ComplaintState } from '../../common/complaint';
import { AppError } from '../../common/errors';
import { findRatingToken, useRatingToken } from '../../activities/cases/queries';
import { sha256 } from '../../activities/identity/principals';
import type { AppDeps } from '../app';
import { errorResponses } from '../schemas/common';
import { actionBodies, ratingInfo, ratingTokenParams } from '../schemas/cases';
import { executeUpdate } from '../workflows';

export function ratingRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    async function loadToken(token: string) {
      const row = await findRatingToken(deps.db, sha256(token));
      if (!row) throw new AppError('not_found', 'No such rating link');
      return row;
    }

    app.get(
      '/ratings/:token',
      {
        schema: {
          tags: ['ratings'],
          summary: 'What a rating link is for, and whether it can still be used',
          params: ratingTokenParams,
          response: { 200: ratingInfo, ...errorResponses(400, 404) },
        },
      },
      async (request) => {
        const row = await loadToken(request.params.token);
        return {
          reference: row.reference,
          title: row.title,
          rated: row.usedAt !== null || row.rating !== null,
          expired: row.expiresAt.getTime() <= Date.now(),
        };
      },
    );

    app.post(
      '/ratings/:token',
      {
        schema: {
          tags: ['ratings'],
          summary: 'Rate a resolved case through its single-use link',
          params: ratingTokenParams,
          body: actionBodies.rate,
          response: { 200: ratingInfo, ...errorResponses(400, 404, 409, 503) },
        },
      },
      async (request) => {
        const row = await loadToken(request.params.token);
        if (row.usedAt !== null || row.rating !== null) {
          throw new AppError('rating_closed', `${row.reference} has already been rated`);
        }
        if (row.expiresAt.getTime() <= Date.now() || !row.workflowId) {
          throw new AppError('rating_closed', `The rating link of ${row.reference} has expired`);
        }
        await executeUpdate<ComplaintState>(
          deps.temporal.client,
          row.workflowId,
          complaintMessages.rate,
          {
            actor: null,
            score: request.body.score,
            comment: request.body.comment,
          },
        );
        await useRatingToken(deps.db, sha256(request.params.token), new Date());
        request.log.info({ reference: row.reference }, 'rating received through its link');
        return { reference: row.reference, title: row.title, rated: true, expired: false };
      },
    );
  };
}
