/**
 * A project's own records, kept by project officers: milestones with planned and actual dates,
 * the technical and management team, and the risk register. Each change is written with a row of
 * the project's history; a removed record is kept and marked removed.
 *   POST   /projects/{reference}/milestones        PATCH/DELETE /projects/{reference}/milestones/{id}
 *   POST   /projects/{reference}/team              PATCH/DELETE /projects/{reference}/team/{id}
 *   POST   /projects/{reference}/risks             PATCH/DELETE /projects/{reference}/risks/{id}
 * Creating replies 201 with the new id, changing 200 with the id, removing 204.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Principal } from '../../activities/identity/principals';
import { activePersonExists } from '../../activities/projects/queries';
import {
  addMilestone,
  addRisk,
  addTeamMember,
  changeTeamRole,
  removeMilestone,
  removeRisk,
  removeTeamMember,
  updateMilestone,
  updateRisk,
  type RecordChange,
} from '../../activities/projects/records';
import { AppError } from '../../common/errors';
import type { AppDeps } from '../app';
import { requirePrincipal } from '../auth/plugin';
import { isProjectOfficer } from '../policies/projects';
import { loadVisibleProject } from '../presenters/project';
import { invalidField } from '../project-input';
import { errorResponses, noContent } from '../schemas/common';
import {
  milestoneBody,
  milestonePatch,
  projectParams,
  recordCreated,
  recordParams,
  riskBody,
  riskPatch,
  teamMemberBody,
  teamMemberPatch,
} from '../schemas/projects';

const kinds = {
  milestones: 'milestone',
  team: 'team member',
  risks: 'risk',
} as const;

export function projectRecordRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { db } = deps;

  /** Checks that a project officer changes a project still open, and returns who changes what. */
  async function changeOf(principal: Principal, reference: string): Promise<RecordChange> {
    const { row } = await loadVisibleProject(db, principal, reference);
    if (!isProjectOfficer(principal)) {
      throw new AppError('forbidden', 'Only project officers keep the milestones, team and risks');
    }
    if (row.project.status === 'closed' || row.project.status === 'rejected') {
      throw new AppError(
        'invalid_state',
        `The records of ${reference} are read-only: the project is ${row.project.status}`,
      );
    }
    return { projectId: row.project.id, actorId: principal.id, at: new Date() };
  }

  async function requirePerson(personId: string | null | undefined, field: string) {
    if (personId && !(await activePersonExists(db, personId))) {
      throw invalidField(field, 'no active person has this id');
    }
  }

  function notFound(kind: keyof typeof kinds, id: string, reference: string): AppError {
    return new AppError('not_found', `No ${kinds[kind]} ${id} in ${reference}`);
  }

  const created = { 201: recordCreated, ...errorResponses(400, 401, 403, 404, 409) };
  const changed = { 200: recordCreated, ...errorResponses(400, 401, 403, 404, 409) };
  const removed = { 204: noContent, ...errorResponses(400, 401, 403, 404, 409) };

  return async (app) => {
    app.post(
      '/projects/:reference/milestones',
      {
        schema: {
          tags: ['projects'],
          summary: 'Add a milestone with its planned dates (project officers)',
          params: projectParams,
          body: milestoneBody,
          response: created,
        },
      },
      async (request, reply) => {
        const change = await changeOf(requirePrincipal(request), request.params.reference);
        const id = await addMilestone(db, change, request.body);
        return reply.status(201).send({ id });
      },
    );

    app.patch(
      '/projects/:reference/milestones/:id',
      {
        schema: {
          tags: ['projects'],
          summary: 'Change a milestone: its dates, actual dates or status (project officers)',
          params: recordParams,
          body: milestonePatch,
          response: changed,
        },
      },
      async (request) => {
        const { reference, id } = request.params;
        const change = await changeOf(requirePrincipal(request), reference);
        if (!(await updateMilestone(db, change, id, request.body))) {
          throw notFound('milestones', id, reference);
        }
        return { id };
      },
    );

    app.delete(
      '/projects/:reference/milestones/:id',
      {
        schema: {
          tags: ['projects'],
          summary: 'Remove a milestone; it stays in the history (project officers)',
          params: recordParams,
          response: removed,
        },
      },
      async (request, reply) => {
        const { reference, id } = request.params;
        const change = await changeOf(requirePrincipal(request), reference);
        if (!(await removeMilestone(db, change, id))) throw notFound('milestones', id, reference);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/projects/:reference/team',
      {
        schema: {
          tags: ['projects'],
          summary: 'Add a person to the technical and management team in a role (project officers)',
          params: projectParams,
          body: teamMemberBody,
          response: created,
        },
      },
      async (request, reply) => {
        const change = await changeOf(requirePrincipal(request), request.params.reference);
        await requirePerson(request.body.personId, 'body.personId');
        const id = await addTeamMember(db, change, request.body);
        return reply.status(201).send({ id });
      },
    );

    app.patch(
      '/projects/:reference/team/:id',
      {
        schema: {
          tags: ['projects'],
          summary: "Change a team member's role (project officers)",
          params: recordParams,
          body: teamMemberPatch,
          response: changed,
        },
      },
      async (request) => {
        const { reference, id } = request.params;
        const change = await changeOf(requirePrincipal(request), reference);
        if (!(await changeTeamRole(db, change, id, request.body.role))) {
          throw notFound('team', id, reference);
        }
        return { id };
      },
    );

    app.delete(
      '/projects/:reference/team/:id',
      {
        schema: {
          tags: ['projects'],
          summary: 'Remove a person from the team (project officers)',
          params: recordParams,
          response: removed,
        },
      },
      async (request, reply) => {
        const { reference, id } = request.params;
        const change = await changeOf(requirePrincipal(request), reference);
        if (!(await removeTeamMember(db, change, id))) throw notFound('team', id, reference);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/projects/:reference/risks',
      {
        schema: {
          tags: ['projects'],
          summary:
            'Add a risk with its likelihood, impact, owner and mitigation (project officers)',
          params: projectParams,
          body: riskBody,
          response: created,
        },
      },
      async (request, reply) => {
        const change = await changeOf(requirePrincipal(request), request.params.reference);
        await requirePerson(request.body.ownerId, 'body.ownerId');
        const id = await addRisk(db, change, request.body);
        return reply.status(201).send({ id });
      },
    );

    app.patch(
      '/projects/:reference/risks/:id',
      {
        schema: {
          tags: ['projects'],
          summary: 'Change a risk (project officers)',
          params: recordParams,
          body: riskPatch,
          response: changed,
        },
      },
      async (request) => {
        const { reference, id } = request.params;
        const change = await changeOf(requirePrincipal(request), reference);
        await requirePerson(request.body.ownerId, 'body.ownerId');
        if (!(await updateRisk(db, change, id, request.body))) {
          throw notFound('risks', id, reference);
        }
        return { id };
      },
    );

    app.delete(
      '/projects/:reference/risks/:id',
      {
        schema: {
          tags: ['projects'],
          summary: 'Remove a risk from the register (project officers)',
          params: recordParams,
          response: removed,
        },
      },
      async (request, reply) => {
        const { reference, id } = request.params;
        const change = await changeOf(requirePrincipal(request), reference);
        if (!(await removeRisk(db, change, id))) throw notFound('risks', id, reference);
        return reply.status(204).send(null);
      },
    );
  };
}
