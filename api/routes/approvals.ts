/**
 * The approvals API: the inbox (tugasan kelulusan), one task, deciding it, my decisions, the
 * single-use decision link from the e-mail, and the administration of rules and delegations.
 * The API checks who may decide; the approvalChain workflow checks again and records it.
 */
import { and, arrayOverlaps, asc, eq, gte, ilike, inArray, isNull, lte, or } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  approversRepresentedBy,
  findApprovalLink,
  findApprovalTask,
  listDecisionsBy,
  listInbox,
  releaseApprovalLink,
  useApprovalLink,
  type ApprovalTaskRow,
} from '../../activities/approvals/inbox';
import { hashApprovalToken } from '../../activities/approvals/notify';
import type { Principal } from '../../activities/identity/principals';
import {
  decideApprovalUpdateName,
  type ApprovalSubjectKind,
  type DecideApprovalInput,
  type DecideApprovalResult,
} from '../../common/approval';
import { AppError } from '../../common/errors';
import { approvalDelegations, approvalRules, people } from '../../db/schema';
import type { AppDeps } from '../app';
import { requirePrincipal } from '../auth/plugin';
import {
  canDelegate,
  canManageApprovalRules,
  canManageDelegation,
  canSeeApprovalTask,
  decidingRoles,
  decisionAuthority,
} from '../policies/approvals';
import { presentApprovalTask } from '../presenters/approval';
import {
  approvalTask,
  approvalTaskList,
  decisionBody,
  decisionResponse,
  delegation,
  delegationBody,
  linkInfo,
  linkParams,
  personName,
  rule,
  ruleBody,
} from '../schemas/approvals';
import { errorResponses, idParams, noContent } from '../schemas/common';
import { executeUpdate } from '../workflows';

export function approvalRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const { db } = deps;

    /** Returns the names of the given people by id. */
    async function namesOf(ids: string[]): Promise<Map<string, string>> {
      const unique = [...new Set(ids)];
      if (unique.length === 0) return new Map();
      const rows = await db
        .select({ id: people.id, name: people.name })
        .from(people)
        .where(inArray(people.id, unique));
      return new Map(rows.map((row) => [row.id, row.name]));
    }

    async function loadVisibleTask(principal: Principal, taskId: string) {
      const task = await findApprovalTask(db, taskId);
      const represented = await approversRepresentedBy(db, principal.id, new Date());
      if (!task || !canSeeApprovalTask(principal, task, represented)) {
        throw new AppError('not_found', `No approval task ${taskId}`);
      }
      return { task, represented };
    }

    /** Sends the decision to the chain and returns the task as stored afterwards. */
    async function deliverDecision(
      task: ApprovalTaskRow,
      input: DecideApprovalInput,
    ): Promise<{ result: DecideApprovalResult; stored: ApprovalTaskRow }> {
      const result = await executeUpdate<DecideApprovalResult>(
        deps.temporal.client,
        task.workflowId,
        decideApprovalUpdateName,
        input,
      );
      const stored = await findApprovalTask(db, task.id);
      if (!stored) throw new AppError('internal', `approval task ${task.id} vanished`);
      return { result, stored };
    }

    app.get(
      '/approvals',
      {
        schema: {
          tags: ['approvals'],
          summary: 'My inbox: tasks waiting for me or for an approver I stand in for',
          response: { 200: approvalTaskList, ...errorResponses(401) },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const now = new Date();
        const represented = await approversRepresentedBy(db, principal.id, now);
        const rows = await listInbox(db, principal.id, now);
        return { items: rows.map((row) => presentApprovalTask(row, principal, represented)) };
      },
    );

    app.get(
      '/approvals/history',
      {
        schema: {
          tags: ['approvals'],
          summary: 'My decisions, newest first',
          response: { 200: approvalTaskList, ...errorResponses(401) },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const rows = await listDecisionsBy(db, principal.id);
        return { items: rows.map((row) => presentApprovalTask(row, principal, [])) };
      },
    );

    app.get(
      '/approvals/:id',
      {
        schema: {
          tags: ['approvals'],
          summary: 'One approval task with the record behind it',
          params: idParams,
          response: { 200: approvalTask, ...errorResponses(401, 404) },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const { task, represented } = await loadVisibleTask(principal, request.params.id);
        return presentApprovalTask(task, principal, represented);
      },
    );
    app.post(
      '/approvals/:id/decision',
      {
        schema: {
          tags: ['approvals'],
          summary: 'Approve or reject a task assigned to me or to an approver I stand in for',
          params: idParams,
          body: decisionBody,
          response: { 200: decisionResponse, ...errorResponses(400, 401, 403, 404, 409, 503) },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const { task, represented } = await loadVisibleTask(principal, request.params.id);
        if (task.status !== 'pending') {
          throw new AppError('invalid_state', `Approval task ${task.id} is already ${task.status}`);
        }
        const authority = decisionAuthority(principal, task, represented);
        if (!authority) {
          throw new AppError(
            'forbidden',
            `Only the assigned approver or their delegate decides ${task.reference}`,
          );
        }
        const { result, stored } = await deliverDecision(task, {
          actorId: principal.id,
          onBehalfOf: authority.onBehalfOf,
          decision: request.body.decision,
          comment: request.body.comment,
          taskId: task.id,
        });
        request.log.info(
          { taskId: task.id, reference: task.reference, decision: request.body.decision },
          'approval decision recorded',
        );
        return {
          task: presentApprovalTask(stored, principal, represented),
          levelClosed: result.levelClosed,
          approved: result.outcome ? result.outcome.approved : null,
        };
      },
    );

    async function loadLink(token: string) {
      const link = await findApprovalLink(db, hashApprovalToken(token));
      const task = link ? await findApprovalTask(db, link.taskId) : null;
      if (!link || !task) throw new AppError('not_found', 'No such decision link');
      const state: 'open' | 'used' | 'expired' | 'closed' =
        link.usedAt !== null
          ? 'used'
          : link.expiresAt.getTime() <= Date.now()
            ? 'expired'
            : task.status !== 'pending'
              ? 'closed'
              : 'open';
      return { link, task, state };
    }

    app.get(
      '/approvals/link/:token',
      {
        schema: {
          tags: ['approvals'],
          summary: 'What a decision link from an e-mail is for, and whether it can still be used',
          params: linkParams,
          response: { 200: linkInfo, ...errorResponses(400, 404) },
        },
      },
      async (request) => {
        const { task, state } = await loadLink(request.params.token);
        return {
          kind: task.kind as ApprovalSubjectKind,
          reference: task.reference,
          title: task.title,
          level: task.level,
          requesterName: task.requesterName,
          approverName: task.approverName,
          state,
        };
      },
    );

    app.post(
      '/approvals/link/:token',
      {
        schema: {
          tags: ['approvals'],
          summary: 'Decide through a single-use link; the link binds the person it was sent to',
          params: linkParams,
          body: decisionBody,
          response: { 200: linkInfo, ...errorResponses(400, 404, 409, 503) },
        },
      },
      async (request) => {
        const { link, task, state } = await loadLink(request.params.token);
        if (state !== 'open') {
          throw new AppError('invalid_state', `The decision link of ${task.reference} is ${state}`);
        }
        const onBehalfOf =
          link.personId === task.slotApproverId
            ? null
            : link.personId === task.approverId
              ? task.slotApproverId
              : task.approverId;
        // The link is claimed before the decision goes out, so of two uses at once one gets 409.
        if (!(await useApprovalLink(db, link.id, new Date()))) {
          throw new AppError('invalid_state', `The decision link of ${task.reference} is used`);
        }
        try {
          await deliverDecision(task, {
            actorId: link.personId,
            onBehalfOf,
            decision: request.body.decision,
            comment: request.body.comment,
            taskId: task.id,
          });
        } catch (error) {
          // A decision the chain did not take (Temporal down, the task closed meanwhile) leaves
          // the link usable, so the approver can try again from the same e-mail.
          await releaseApprovalLink(db, link.id);
          throw error;
        }
        request.log.info(
          { taskId: task.id, reference: task.reference },
          'approval decided by link',
        );
        return {
          kind: task.kind as ApprovalSubjectKind,
          reference: task.reference,
          title: task.title,
          level: task.level,
          requesterName: task.requesterName,
          approverName: task.approverName,
          state: 'used' as const,
        };
      },
    );

    app.get(
      '/approval-rules',
      {
        schema: {
          tags: ['approvals'],
          summary: 'Approval rules (administrators)',
          response: { 200: z.object({ items: z.array(rule) }), ...errorResponses(401, 403) },
        },
      },
      async (request) => {
        requireRuleAdmin(requirePrincipal(request));
        const rows = await db
          .select()
          .from(approvalRules)
          .orderBy(asc(approvalRules.subjectKind), asc(approvalRules.priority));
        return { items: rows };
      },
    );

    app.post(
      '/approval-rules',
      {
        schema: {
          tags: ['approvals'],
          summary: 'Create an approval rule (administrators)',
          body: ruleBody,
          response: { 201: rule, ...errorResponses(400, 401, 403) },
        },
      },
      async (request, reply) => {
        requireRuleAdmin(requirePrincipal(request));
        const [row] = await db.insert(approvalRules).values(request.body).returning();
        if (!row) throw new AppError('internal', 'insert into approval_rules returned nothing');
        request.log.info({ ruleId: row.id }, 'approval rule created');
        return reply.status(201).send(row);
      },
    );

    app.put(
      '/approval-rules/:id',
      {
        schema: {
          tags: ['approvals'],
          summary: 'Replace an approval rule; chains already running keep their levels',
          params: idParams,
          body: ruleBody,
          response: { 200: rule, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        requireRuleAdmin(requirePrincipal(request));
        const [row] = await db
          .update(approvalRules)
          .set({ ...request.body, updatedAt: new Date() })
          .where(eq(approvalRules.id, request.params.id))
          .returning();
        if (!row) throw new AppError('not_found', `No approval rule ${request.params.id}`);
        request.log.info({ ruleId: row.id }, 'approval rule replaced');
        return row;
      },
    );

    app.get(
      '/delegations',
      {
        schema: {
          tags: ['approvals'],
          summary: 'Delegations I gave or received; administrators see all',
          response: { 200: z.object({ items: z.array(delegation) }), ...errorResponses(401) },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const mine = or(
          eq(approvalDelegations.approverId, principal.id),
          eq(approvalDelegations.delegateId, principal.id),
        );
        const rows = await db
          .select()
          .from(approvalDelegations)
          .where(principal.roles.includes('admin') ? undefined : mine)
          .orderBy(asc(approvalDelegations.startsOn))
          .limit(500);
        const names = await namesOf(rows.flatMap((row) => [row.approverId, row.delegateId]));
        return { items: rows.map((row) => presentDelegation(row, names)) };
      },
    );

    app.get(
      '/delegations/candidates',
      {
        schema: {
          tags: ['approvals'],
          summary: 'People who may stand in for an approver, by name (for choosing a delegate)',
          querystring: z.object({ q: z.string().trim().min(2).max(100) }),
          response: {
            200: z.object({ items: z.array(personName) }),
            ...errorResponses(400, 401, 403),
          },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        if (!canDelegate(principal)) {
          throw new AppError('forbidden', 'Only people who decide gates choose a delegate');
        }
        const pattern = `%${request.query.q.replace(/[\\%_]/g, (match) => `\\${match}`)}%`;
        const rows = await db
          .select({ id: people.id, name: people.name })
          .from(people)
          .where(
            and(
              eq(people.active, true),
              ilike(people.name, pattern),
              arrayOverlaps(people.roles, [...decidingRoles]),
            ),
          )
          .orderBy(asc(people.name))
          .limit(20);
        return { items: rows };
      },
    );

    app.post(
      '/delegations',
      {
        schema: {
          tags: ['approvals'],
          summary: 'Name a delegate who decides for an approver between two dates',
          body: delegationBody,
          response: { 201: delegation, ...errorResponses(400, 401, 403) },
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        const approverId = request.body.approverId ?? principal.id;
        if (!canManageDelegation(principal, approverId)) {
          throw new AppError('forbidden', 'Only administrators set a delegation for someone else');
        }
        if (request.body.delegateId === approverId) {
          throw new AppError('validation_failed', 'An approver cannot delegate to themself', [
            { field: 'body.delegateId', message: 'must differ from the approver' },
          ]);
        }
        const [delegate] = await db
          .select({ id: people.id, roles: people.roles })
          .from(people)
          .where(and(eq(people.id, request.body.delegateId), eq(people.active, true)));
        if (!delegate) {
          throw new AppError('validation_failed', 'The delegate is not an active person', [
            { field: 'body.delegateId', message: 'not found' },
          ]);
        }
        if (!delegate.roles.some((role) => (decidingRoles as readonly string[]).includes(role))) {
          throw new AppError('validation_failed', 'The delegate does not decide gates', [
            {
              field: 'body.delegateId',
              message: `must have one of the roles ${decidingRoles.join(', ')}`,
            },
          ]);
        }
        // One delegate at a time: a second delegation over the same days would make the inbox
        // of two people hold the same tasks.
        const [overlapping] = await db
          .select({ id: approvalDelegations.id })
          .from(approvalDelegations)
          .where(
            and(
              eq(approvalDelegations.approverId, approverId),
              isNull(approvalDelegations.revokedAt),
              lte(approvalDelegations.startsOn, request.body.endsOn),
              gte(approvalDelegations.endsOn, request.body.startsOn),
            ),
          )
          .limit(1);
        if (overlapping) {
          throw new AppError(
            'conflict',
            `The approver already has a delegation over these days (${overlapping.id}); revoke it first`,
            [{ field: 'body.startsOn', message: 'overlaps an existing delegation' }],
          );
        }
        const [row] = await db
          .insert(approvalDelegations)
          .values({
            approverId,
            delegateId: request.body.delegateId,
            startsOn: request.body.startsOn,
            endsOn: request.body.endsOn,
            reason: request.body.reason,
            createdById: principal.id,
          })
          .returning();
        if (!row)
          throw new AppError('internal', 'insert into approval_delegations returned nothing');
        request.log.info({ delegationId: row.id, approverId }, 'delegation created');
        const names = await namesOf([row.approverId, row.delegateId]);
        return reply.status(201).send(presentDelegation(row, names));
      },
    );

    app.delete(
      '/delegations/:id',
      {
        schema: {
          tags: ['approvals'],
          summary: 'Revoke a delegation; the row stays as a record',
          params: idParams,
          response: { 204: noContent, ...errorResponses(401, 404) },
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        const [row] = await db
          .select()
          .from(approvalDelegations)
          .where(
            and(
              eq(approvalDelegations.id, request.params.id),
              isNull(approvalDelegations.revokedAt),
            ),
          );
        if (!row || !canManageDelegation(principal, row.approverId)) {
          throw new AppError('not_found', `No delegation ${request.params.id}`);
        }
        await db
          .update(approvalDelegations)
          .set({ revokedAt: new Date() })
          .where(eq(approvalDelegations.id, row.id));
        request.log.info({ delegationId: row.id }, 'delegation revoked');
        return reply.status(204).send(null);
      },
    );
  };
}

function requireRuleAdmin(principal: Principal): void {
  if (!canManageApprovalRules(principal)) {
    throw new AppError('forbidden', 'Only administrators manage approval rules');
  }
}

function presentDelegation(
  row: typeof approvalDelegations.$inferSelect,
  names: ReadonlyMap<string, string>,
) {
  return {
    id: row.id,
    approverId: row.approverId,
    approverName: names.get(row.approverId) ?? '',
    delegateId: row.delegateId,
    delegateName: names.get(row.delegateId) ?? '',
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    reason: row.reason,
    revoked: row.revokedAt !== null,
  };
}
