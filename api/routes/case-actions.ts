/**
 * The messages a case's workflow accepts, one route each: the API checks who may send it, the
 * workflow checks the state and the assignment, and the route returns the case as it now is.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { and, eq } from 'drizzle-orm';
import {
  complaintMessages,
  type ComplaintMessageName,
  type ComplaintState,
} from '../../common/complaint';
import { AppError } from '../../common/errors';
import type { Principal } from '../../activities/identity/principals';
import { requireUnlinkedAttachments, resolveClassification } from '../../activities/cases/intake';
import { people, unitMembers, units } from '../../db/schema';
import type { AppDeps } from '../app';
import { errorResponses } from '../schemas/common';
import { actorOf, requirePrincipal } from '../auth/plugin';
import { canWorkOnCase, isCustomerOf, type CaseAccessFacts } from '../policies/cases';
import { loadVisibleCase, presentCase, type VisibleCase } from '../presenters/case';
import { actionBodies, actionResponse, referenceParams } from '../schemas/cases';
import { executeUpdate } from '../workflows';

type Sender = 'staff' | 'customer' | 'reopener';

/**
 * Returns whether the person may reopen the case: its requester, or an agent or supervisor who
 * belongs to the case's unit. Someone only copied on the case may not, because the workflow
 * stores only the requester.
 */
export function mayReopen(principal: Principal, facts: CaseAccessFacts): boolean {
  if (principal.id === facts.requesterId) return true;
  const deskRole = principal.roles.includes('agent') || principal.roles.includes('supervisor');
  return deskRole && facts.unitId !== null && principal.unitIds.includes(facts.unitId);
}

function authorise(principal: Principal, visible: VisibleCase, sender: Sender): void {
  const customer = isCustomerOf(principal, visible.facts);
  const allowed =
    sender === 'customer'
      ? customer
      : sender === 'reopener'
        ? mayReopen(principal, visible.facts)
        : canWorkOnCase(principal, visible.facts);
  if (!allowed)
    throw new AppError('forbidden', `Your role may not do this on ${visible.record.reference}`);
}

export function caseActionRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    /**
     * Registers POST /cases/:reference/<path>. `build` turns the body into the workflow payload and
     * may check it further against the database.
     */
    function action<Body extends z.ZodType>(
      path: string,
      options: {
        summary: string;
        body: Body;
        sender: Sender | ((principal: Principal, visible: VisibleCase) => Sender);
        update:
          | ComplaintMessageName
          | ((principal: Principal, visible: VisibleCase) => ComplaintMessageName);
        build: (
          body: z.infer<Body>,
          principal: Principal,
        ) => Promise<Record<string, unknown>> | Record<string, unknown>;
        /** Whether the message is still accepted after the case closed (the rating is). */
        afterClosing?: boolean;
      },
    ): void {
      app.post(
        `/cases/:reference/${path}`,
        {
          schema: {
            tags: ['cases'],
            summary: options.summary,
            params: referenceParams,
            body: options.body,
            response: { 200: actionResponse, ...errorResponses(400, 401, 403, 404, 409, 503) },
          },
        },
        async (request) => {
          const principal = requirePrincipal(request);
          const visible = await loadVisibleCase(deps.db, principal, request.params.reference);
          const sender =
            typeof options.sender === 'function'
              ? options.sender(principal, visible)
              : options.sender;
          authorise(principal, visible, sender);
          const workflowId = visible.record.workflowId;
          if (!workflowId || (visible.record.status === 'closed' && !options.afterClosing)) {
            throw new AppError('invalid_state', `${visible.record.reference} is closed`);
          }
          const update =
            typeof options.update === 'function'
              ? options.update(principal, visible)
              : options.update;
          const payload = {
            ...(await options.build(request.body as z.infer<Body>, principal)),
            actor: actorOf(principal),
          };
          await executeUpdate<ComplaintState>(deps.temporal.client, workflowId, update, payload);
          request.log.info(
            { reference: visible.record.reference, update, personId: principal.id },
            'case message accepted',
          );

          const after = await loadVisibleCase(deps.db, principal, visible.record.reference);
          return {
            case: await presentCase(after, {
              db: deps.db,
              principal,
              temporal: deps.temporal,
              temporalUiUrl: deps.config.TEMPORAL_UI_URL,
            }),
          };
        },
      );
    }

    action('classify', {
      summary: 'Classify: category, impact and urgency (which give the priority)',
      body: actionBodies.classify,
      sender: 'staff',
      update: complaintMessages.classify,
      build: async (body) => {
        const classification = await resolveClassification(
          deps.db,
          body.serviceId ?? null,
          body.categoryId ?? null,
        );
        return {
          serviceId: classification.serviceId,
          categoryId: classification.categoryId,
          impact: body.impact,
          urgency: body.urgency,
        };
      },
    });

    action('assign', {
      summary: 'Assign to a unit and, optionally, a technician of that unit, with a reason',
      body: actionBodies.assign,
      sender: 'staff',
      update: complaintMessages.assign,
      build: async (body) => {
        const [unit] = await deps.db
          .select({ id: units.id })
          .from(units)
          .where(and(eq(units.id, body.unitId), eq(units.active, true)));
        if (!unit) {
          throw new AppError('validation_failed', 'unitId: no such active unit', [
            { field: 'unitId', message: 'no such active unit' },
          ]);
        }
        if (body.assigneeId) {
          const [member] = await deps.db
            .select({ roles: people.roles })
            .from(unitMembers)
            .innerJoin(people, eq(people.id, unitMembers.personId))
            .where(
              and(
                eq(unitMembers.unitId, body.unitId),
                eq(unitMembers.personId, body.assigneeId),
                eq(people.active, true),
              ),
            );
          const staff = member?.roles.some((role) => role !== 'customer');
          if (!member || !staff) {
            throw new AppError(
              'validation_failed',
              'assigneeId: not an active staff member of the unit',
              [{ field: 'assigneeId', message: 'not an active staff member of the unit' }],
            );
          }
        }
        return { unitId: body.unitId, assigneeId: body.assigneeId, reason: body.reason };
      },
    });

    action('work-logs', {
      summary: 'Log work (catatan kerja) with the minutes spent',
      body: actionBodies.workLog,
      sender: 'staff',
      update: complaintMessages.logWork,
      build: (body) => ({ minutes: body.minutes, body: body.body }),
    });

    action('replies', {
      summary: 'A public reply: from staff to the customer, or from the customer',
      body: actionBodies.reply,
      sender: (principal, visible) =>
        isCustomerOf(principal, visible.facts) ? 'customer' : 'staff',
      update: (principal, visible) =>
        isCustomerOf(principal, visible.facts)
          ? complaintMessages.customerReply
          : complaintMessages.reply,
      build: async (body, principal) => {
        await requireUnlinkedAttachments(
          deps.db,
          'attachmentIds',
          body.attachmentIds,
          principal.id,
          deps.config.ATTACHMENT_MAX_COUNT,
        );
        return { body: body.body, attachmentIds: body.attachmentIds };
      },
    });

    action('notes', {
      summary: 'An internal note (nota dalaman), never shown to the customer',
      body: actionBodies.note,
      sender: 'staff',
      update: complaintMessages.note,
      build: async (body, principal) => {
        await requireUnlinkedAttachments(
          deps.db,
          'attachmentIds',
          body.attachmentIds,
          principal.id,
          deps.config.ATTACHMENT_MAX_COUNT,
        );
        return { body: body.body, attachmentIds: body.attachmentIds };
      },
    });

    action('wait', {
      summary: 'Wait for the customer or a supplier; the service-level clock pauses',
      body: actionBodies.wait,
      sender: 'staff',
      update: complaintMessages.wait,
      build: (body) => ({ reason: body.reason, body: body.body }),
    });

    action('resume', {
      summary: 'Resume work after waiting; the clock runs again',
      body: actionBodies.empty,
      sender: 'staff',
      update: complaintMessages.resume,
      build: () => ({}),
    });

    action('findings', {
      summary: 'Record a new finding (dapatan baharu) as a knowledge-base draft',
      body: actionBodies.finding,
      sender: 'staff',
      update: complaintMessages.finding,
      build: (body) => ({ title: body.title, body: body.body }),
    });

    action('resolve', {
      summary: 'Resolve with a resolution note; the customer is told and may confirm or reopen',
      body: actionBodies.resolve,
      sender: 'staff',
      update: complaintMessages.resolve,
      build: (body) => ({ resolutionNote: body.resolutionNote }),
    });

    action('confirm', {
      summary: 'The customer confirms the resolution; the case closes',
      body: actionBodies.empty,
      sender: 'customer',
      update: complaintMessages.confirm,
      build: () => ({}),
    });

    action('reopen', {
      summary:
        "Reopen a resolved case (its requester, or an agent or supervisor of the case's unit)",
      body: actionBodies.reopen,
      sender: 'reopener',
      update: complaintMessages.reopen,
      build: (body) => ({ reason: body.reason }),
    });

    action('rating', {
      summary: 'Rate the service from 1 to 5 with a comment, once per case',
      body: actionBodies.rate,
      sender: 'customer',
      update: complaintMessages.rate,
      build: (body) => ({ score: body.score, comment: body.comment }),
      afterClosing: true,
    });
  };
}
