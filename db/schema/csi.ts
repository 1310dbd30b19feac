/**
 * Customer satisfaction index campaigns (indeks kepuasan pelanggan, CSI): the campaign, one
 * invitation per person of its population, the single-use links, the responses and their answers,
 * and the index computed when the campaign closes.
 *
 * A response carries no invitation or person id and keeps only the day it was given, while the
 * invitation records only that the person answered. Scores are therefore not stored against a
 * name, though a day with a single answer still narrows who gave it.
 */
import {
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import type { CsiPopulationGroup, CsiQuestion } from '../../common/csi';
import { services } from './catalogue';
import { people } from './identity';
import { surveys } from './surveys';

const at = (name: string) => timestamp(name, { withTimezone: true });

/** CSI campaigns, one per csiCampaign workflow, written by its activities. */
export const csiCampaigns = pgTable(
  'csi_campaigns',
  {
    id: uuid('id').primaryKey(),
    reference: text('reference').notNull().unique(),
    /** The campaign's workflow: its reference, or the id a Temporal Schedule gave the run. */
    workflowId: text('workflow_id').notNull().unique(),
    titleMs: text('title_ms').notNull(),
    titleEn: text('title_en').notNull(),
    surveyId: uuid('survey_id').references(() => surveys.id),
    questions: jsonb('questions').$type<CsiQuestion[]>().notNull(),
    serviceIds: uuid('service_ids').array().notNull(),
    population: jsonb('population').$type<CsiPopulationGroup[]>().notNull(),
    opensAt: at('opens_at').notNull(),
    closesAt: at('closes_at').notNull(),
    reminderDays: integer('reminder_days').array().notNull(),
    /** A CsiCampaignStatus of common/csi.ts. */
    status: text('status').notNull().default('scheduled'),
    /** People invited when the campaign opened. */
    invited: integer('invited').notNull().default(0),
    /** Responses counted when the index was computed. */
    responses: integer('responses'),
    /** The campaign the results were compared with: the latest completed one before this. */
    previousCampaignId: uuid('previous_campaign_id').references((): AnyPgColumn => csiCampaigns.id),
    /** Null for a campaign started by the schedule. */
    createdById: uuid('created_by_id').references(() => people.id),
    openedAt: at('opened_at'),
    closedAt: at('closed_at'),
    completedAt: at('completed_at'),
    cancelledAt: at('cancelled_at'),
    cancelledById: uuid('cancelled_by_id').references(() => people.id),
    cancelReason: text('cancel_reason'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (table) => [index('csi_campaigns_status_closes_idx').on(table.status, table.closesAt)],
);

/** One person invited to one campaign; the unique key makes opening the campaign twice a no-op. */
export const csiInvitations = pgTable(
  'csi_invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => csiCampaigns.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    sentAt: at('sent_at'),
    /** Failed attempts to e-mail the invitation; after a few the person is left out. */
    sendFailures: integer('send_failures').notNull().default(0),
    /** How many of the campaign's reminders have been sent to the person. */
    remindersSent: integer('reminders_sent').notNull().default(0),
    answeredAt: at('answered_at'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('csi_invitations_campaign_person_key').on(table.campaignId, table.personId),
    index('csi_invitations_campaign_sent_idx').on(table.campaignId, table.sentAt),
  ],
);

/**
 * Links of an invitation, one per e-mail (the invitation and each reminder). Only the SHA-256 of
 * the token is stored. Any of them answers the invitation once.
 */
export const csiLinks = pgTable(
  'csi_links',
  {
    tokenHash: text('token_hash').primaryKey(),
    invitationId: uuid('invitation_id')
      .notNull()
      .references(() => csiInvitations.id),
    /** 'invitation' or 'reminder:<n>'. */
    purpose: text('purpose').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('csi_links_invitation_purpose_key').on(table.invitationId, table.purpose),
  ],
);

/** One submitted questionnaire, kept apart from the invitation so it names no one. */
export const csiResponses = pgTable(
  'csi_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => csiCampaigns.id),
    /** The Malaysian calendar day of the answer; the time of day is not kept. */
    submittedOn: date('submitted_on').notNull(),
    comment: text('comment'),
  },
  (table) => [index('csi_responses_campaign_idx').on(table.campaignId)],
);

/** One score from 1 to 5 for one service on one question. */
export const csiAnswers = pgTable(
  'csi_answers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    responseId: uuid('response_id')
      .notNull()
      .references(() => csiResponses.id),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => csiCampaigns.id),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id),
    questionId: text('question_id').notNull(),
    score: integer('score').notNull(),
  },
  (table) => [
    uniqueIndex('csi_answers_response_service_question_key').on(
      table.responseId,
      table.serviceId,
      table.questionId,
    ),
    index('csi_answers_campaign_idx').on(table.campaignId),
  ],
);

/**
 * The index of a completed campaign: one row for the division, per service, per question and per
 * service and question, each compared with the same row of the previous campaign.
 */
export const csiResults = pgTable(
  'csi_results',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => csiCampaigns.id),
    /** 'division', 'service:<id>', 'question:<id>' or 'service:<id>:question:<id>'. */
    key: text('key').notNull(),
    /** 'division', 'service', 'question' or 'service_question'. */
    scope: text('scope').notNull(),
    serviceId: uuid('service_id').references(() => services.id),
    questionId: text('question_id'),
    /** Responses with at least one score in the row. */
    responses: integer('responses').notNull(),
    /** Scores counted in the row. */
    answers: integer('answers').notNull(),
    meanScore: doublePrecision('mean_score').notNull(),
    /** The mean score as a percentage of 5, one decimal. */
    csiIndex: doublePrecision('csi_index').notNull(),
    previousMeanScore: doublePrecision('previous_mean_score'),
    previousIndex: doublePrecision('previous_index'),
    /** csiIndex minus previousIndex, in percentage points. */
    indexChange: doublePrecision('index_change'),
  },
  (table) => [primaryKey({ columns: [table.campaignId, table.key] })],
);
