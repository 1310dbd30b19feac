/**
 * The campaign record through its life: recorded, opened (the population invited), closed and
 * cancelled. Each write is idempotent, because the workflow's activities are retried.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import {
  cancellableCsiStatuses,
  csiPrefix,
  type CsiCampaignInput,
  type CsiCampaignSpec,
  type CsiCampaignStatus,
  type CsiScheduleTemplate,
} from '../../common/csi';
import type { Database } from '../../db/client';
import { csiCampaigns, csiInvitations, services } from '../../db/schema';
import { allocateReference } from '../cases/reference';
import { selectPopulation } from './population';

const dayMs = 24 * 60 * 60 * 1000;
/** Invitations inserted per statement when a campaign opens. */
const insertChunk = 500;

/** The campaign facts that the workflow needs. */
export interface CsiCampaignRecord {
  campaignId: string;
  reference: string;
  status: CsiCampaignStatus;
  opensAt: string;
  closesAt: string;
  reminderDays: number[];
}

export interface RecordCsiCampaignRequest {
  workflowId: string;
  /** The instant the workflow started; a scheduled campaign opens then. */
  at: string;
  input: CsiCampaignInput;
}

type CampaignRow = typeof csiCampaigns.$inferSelect;

function toRecord(row: CampaignRow): CsiCampaignRecord {
  return {
    campaignId: row.id,
    reference: row.reference,
    status: row.status as CsiCampaignStatus,
    opensAt: row.opensAt.toISOString(),
    closesAt: row.closesAt.toISOString(),
    reminderDays: row.reminderDays,
  };
}

const malaysianMonth = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Kuala_Lumpur',
  month: '2-digit',
  year: 'numeric',
});

/** Returns the Malaysian month and year of an instant as MM/yyyy. */
function monthOf(instant: Date): string {
  return malaysianMonth.format(instant);
}

function yearOf(instant: Date): number {
  return Number(monthOf(instant).slice(3));
}

async function findByWorkflowId(db: Database, workflowId: string): Promise<CampaignRow | null> {
  const [row] = await db.select().from(csiCampaigns).where(eq(csiCampaigns.workflowId, workflowId));
  return row ?? null;
}

/**
 * Builds the spec of a scheduled run: it opens at the run's start, closes `durationDays` later,
 * and its titles carry the month it opens. Services deactivated since the schedule was saved are
 * left out.
 */
async function scheduledSpec(
  db: Database,
  template: CsiScheduleTemplate,
  opensAt: Date,
): Promise<CsiCampaignSpec> {
  const activeServices =
    template.serviceIds.length === 0
      ? []
      : await db
          .select({ id: services.id })
          .from(services)
          .where(and(inArray(services.id, template.serviceIds), eq(services.active, true)));
  const active = new Set(activeServices.map((row) => row.id));
  const month = monthOf(opensAt);
  return {
    titleMs: `${template.titleMs} (${month})`,
    titleEn: `${template.titleEn} (${month})`,
    surveyId: template.surveyId,
    questions: template.questions,
    serviceIds: template.serviceIds.filter((id) => active.has(id)),
    population: template.population,
    opensAt: opensAt.toISOString(),
    closesAt: new Date(opensAt.getTime() + template.durationDays * dayMs).toISOString(),
    reminderDays: template.reminderDays,
  };
}

/**
 * Records the campaign once per workflow and returns it. A campaign from the API keeps the id and
 * reference the API chose. A scheduled run gets its reference here. A retry finds the row by its
 * workflow id, so it allocates no second reference.
 */
export async function recordCsiCampaign(
  db: Database,
  request: RecordCsiCampaignRequest,
): Promise<CsiCampaignRecord> {
  const existing = await findByWorkflowId(db, request.workflowId);
  if (existing) return toRecord(existing);

  const { input } = request;
  const at = new Date(request.at);
  const values =
    input.source === 'api'
      ? {
          id: input.campaignId,
          reference: input.reference,
          spec: input.spec,
          createdById: input.createdById,
        }
      : {
          id: randomUUID(),
          reference: await allocateReference(db, csiPrefix, yearOf(at)),
          spec: await scheduledSpec(db, input.template, at),
          createdById: null,
        };
  const { spec } = values;
  await db
    .insert(csiCampaigns)
    .values({
      id: values.id,
      reference: values.reference,
      workflowId: request.workflowId,
      titleMs: spec.titleMs,
      titleEn: spec.titleEn,
      surveyId: spec.surveyId,
      questions: spec.questions,
      serviceIds: spec.serviceIds,
      population: spec.population,
      opensAt: new Date(spec.opensAt),
      closesAt: new Date(spec.closesAt),
      reminderDays: spec.reminderDays,
      status: 'scheduled',
      createdById: values.createdById,
      createdAt: at,
      updatedAt: at,
    })
    .onConflictDoNothing({ target: csiCampaigns.workflowId });
  const row = await findByWorkflowId(db, request.workflowId);
  if (!row) throw new Error(`CSI campaign of workflow ${request.workflowId} was not stored`);
  return toRecord(row);
}

/**
 * Opens a scheduled campaign: chooses its population and inserts one invitation per person, in
 * one transaction. Returns the number invited; a campaign already opened returns its count.
 */
export async function openCsiCampaign(
  db: Database,
  request: { campaignId: string; at: string },
): Promise<{ invited: number; opened: boolean }> {
  const at = new Date(request.at);
  return db.transaction(async (tx) => {
    const [campaign] = await tx
      .select({
        status: csiCampaigns.status,
        invited: csiCampaigns.invited,
        population: csiCampaigns.population,
      })
      .from(csiCampaigns)
      .where(eq(csiCampaigns.id, request.campaignId))
      .for('update');
    if (!campaign) throw new Error(`no CSI campaign ${request.campaignId}`);
    if (campaign.status !== 'scheduled') {
      return { invited: campaign.invited, opened: campaign.status === 'open' };
    }
    const personIds = await selectPopulation(tx, request.campaignId, campaign.population);
    for (let index = 0; index < personIds.length; index += insertChunk) {
      const chunk = personIds.slice(index, index + insertChunk);
      await tx
        .insert(csiInvitations)
        .values(
          chunk.map((personId) => ({ campaignId: request.campaignId, personId, createdAt: at })),
        )
        .onConflictDoNothing({ target: [csiInvitations.campaignId, csiInvitations.personId] });
    }
    await tx
      .update(csiCampaigns)
      .set({ status: 'open', openedAt: at, invited: personIds.length, updatedAt: at })
      .where(eq(csiCampaigns.id, request.campaignId));
    return { invited: personIds.length, opened: true };
  });
}

/**
 * Closes an open campaign at its close date. The update waits for the answers being stored, which
 * hold a share lock on the campaign, so no answer is stored after the close.
 */
export async function closeCsiCampaign(
  db: Database,
  request: { campaignId: string; at: string },
): Promise<{ closed: boolean }> {
  const at = new Date(request.at);
  const rows = await db
    .update(csiCampaigns)
    .set({ status: 'closed', closedAt: at, updatedAt: at })
    .where(and(eq(csiCampaigns.id, request.campaignId), eq(csiCampaigns.status, 'open')))
    .returning({ id: csiCampaigns.id });
  return { closed: rows.length > 0 };
}

/** Cancels a campaign that is scheduled or open; returns whether it did. */
export async function cancelCsiCampaign(
  db: Database,
  request: { campaignId: string; actorId: string; reason: string; at: string },
): Promise<{ cancelled: boolean }> {
  const at = new Date(request.at);
  const rows = await db
    .update(csiCampaigns)
    .set({
      status: 'cancelled',
      cancelledAt: at,
      cancelledById: request.actorId,
      cancelReason: request.reason,
      updatedAt: at,
    })
    .where(
      and(
        eq(csiCampaigns.id, request.campaignId),
        inArray(csiCampaigns.status, [...cancellableCsiStatuses]),
      ),
    )
    .returning({ id: csiCampaigns.id });
  return { cancelled: rows.length > 0 };
}
