/**
 * The project settings, for administrators: the value thresholds that choose a project's approval
 * authority, procurement method and performance security, the days each procurement step may
 * take, and the finance office's e-mail address. A project reads the thresholds and deadlines when
 * it starts, so a change applies to projects raised after it.
 *   GET /project-settings   the current settings
 *   PUT /project-settings   replaces them; each band's thresholds must ascend and the reminder
 *                           lead must be shorter than every deadline
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { Principal } from '../../activities/identity/principals';
import {
  readProjectSettings,
  replaceProjectSettings,
  type StoredProjectSettings,
} from '../../activities/projects/settings';
import { AppError } from '../../common/errors';
import type { AppDeps } from '../app';
import { requirePrincipal } from '../auth/plugin';
import { canManageProjectSettings } from '../policies/projects';
import { errorResponses } from '../schemas/common';
import { settingsBody, settingsResponse } from '../schemas/projects';

function requireAdministrator(principal: Principal): void {
  if (!canManageProjectSettings(principal)) {
    throw new AppError('forbidden', 'Only administrators read and change the project settings');
  }
}

function present(settings: StoredProjectSettings): z.infer<typeof settingsResponse> {
  return {
    approval: settings.approval,
    procurement: settings.procurement,
    security: settings.security,
    retention: settings.retention,
    deadlines: settings.deadlines,
    financeEmail: settings.financeEmail,
    updatedAt: settings.updatedAt ? settings.updatedAt.toISOString() : null,
    updatedBy:
      settings.updatedById && settings.updatedByName
        ? { id: settings.updatedById, name: settings.updatedByName }
        : null,
  };
}

export function projectSettingsRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { db } = deps;
  return async (app) => {
    app.get(
      '/project-settings',
      {
        schema: {
          tags: ['projects'],
          summary:
            'The project thresholds, the procurement deadlines and the finance e-mail address (administrators)',
          response: { 200: settingsResponse, ...errorResponses(401, 403) },
        },
      },
      async (request) => {
        requireAdministrator(requirePrincipal(request));
        return present(await readProjectSettings(db));
      },
    );

    app.put(
      '/project-settings',
      {
        schema: {
          tags: ['projects'],
          summary:
            'Replace the project thresholds (each band ascending), the procurement deadlines and the finance address; projects raised afterwards use them (administrators)',
          body: settingsBody,
          response: { 200: settingsResponse, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        requireAdministrator(principal);
        await replaceProjectSettings(db, request.body, principal.id, new Date());
        request.log.info({ actorId: principal.id }, 'project settings replaced');
        return present(await readProjectSettings(db));
      },
    );
  };
}
