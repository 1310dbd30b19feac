/**
 * Satisfaction surveys sent after a case is resolved (soal selidik kepuasan pelanggan): the
 * definitions, one invitation per case and survey, the single-use links, the answers, and the
 * follow-ups that a low score opens for the unit head.
 */
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { cases } from './cases';
import { people, units } from './identity';

const at = (name: string) => timestamp(name, { withTimezone: true });

/** One question of a survey; the API validates this shape before it is stored. */
export interface SurveyQuestionDefinition {
  /** Stable key within the survey, such as 'q1'; answers refer to it. */
  id: string;
  kind: 'scale' | 'choice' | 'text';
  textMs: string;
  textEn: string;
  required: boolean;
  /** The options of a 'choice' question; empty for the other kinds. */
  options: { value: string; labelMs: string; labelEn: string }[];
}

/** Survey definitions, configured by administrators. */
export const surveys = pgTable('surveys', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  nameMs: text('name_ms').notNull(),
  nameEn: text('name_en').notNull(),
  active: boolean('active').notNull().default(true),
  /** Categories whose resolved cases get the survey; empty means every category. */
  categoryIds: uuid('category_ids').array().notNull().default([]),
  /** Percentage (0–100) of the matching cases that get the survey, chosen by a hash of the case. */
  samplingPercent: integer('sampling_percent').notNull().default(100),
  /** Hours after the invitation when the one reminder is sent, if there is no answer yet. */
  reminderAfterHours: integer('reminder_after_hours').notNull().default(72),
  /** Days after the invitation when its links stop working. */
  validDays: integer('valid_days').notNull().default(14),
  questions: jsonb('questions').$type<SurveyQuestionDefinition[]>().notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

/** One survey sent for one case to its requester; the unique key makes a repeated send a no-op. */
export const surveyInvitations = pgTable(
  'survey_invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    sentAt: at('sent_at'),
    reminderDueAt: at('reminder_due_at').notNull(),
    remindedAt: at('reminded_at'),
    expiresAt: at('expires_at').notNull(),
    answeredAt: at('answered_at'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('survey_invitations_survey_case_key').on(table.surveyId, table.caseId),
    index('survey_invitations_reminder_idx').on(table.reminderDueAt),
  ],
);

/**
 * Links of an invitation: one in the invitation e-mail and one in the reminder. Only the SHA-256
 * of the token is stored. Either link answers the invitation once.
 */
export const surveyLinks = pgTable(
  'survey_links',
  {
    tokenHash: text('token_hash').primaryKey(),
    invitationId: uuid('invitation_id')
      .notNull()
      .references(() => surveyInvitations.id),
    /** 'invitation' or 'reminder'. */
    purpose: text('purpose').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('survey_links_invitation_purpose_key').on(table.invitationId, table.purpose),
  ],
);

/** Answers, one row per question answered. */
export const surveyAnswers = pgTable(
  'survey_answers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    invitationId: uuid('invitation_id')
      .notNull()
      .references(() => surveyInvitations.id),
    questionId: text('question_id').notNull(),
    /** The 1–5 score of a 'scale' question. */
    score: integer('score'),
    /** The option value of a 'choice' question. */
    choice: text('choice'),
    /** The free text of a 'text' question. */
    text: text('text'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('survey_answers_invitation_question_key').on(table.invitationId, table.questionId),
  ],
);

/**
 * Follow-ups of low satisfaction (a survey score or a case rating of 2 or below) for the heads of
 * the case's unit: open, then in progress, then closed with a note.
 */
export const satisfactionFollowUps = pgTable(
  'satisfaction_follow_ups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** 'survey:<invitation id>' or 'rating:<case id>'; unique, so each source opens one. */
    sourceKey: text('source_key').notNull().unique(),
    /** 'survey' or 'rating'. */
    source: text('source').notNull(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    unitId: uuid('unit_id').references(() => units.id),
    invitationId: uuid('invitation_id').references(() => surveyInvitations.id),
    /** The lowest score that opened the follow-up. */
    score: integer('score').notNull(),
    comment: text('comment'),
    /** 'open', 'in_progress' or 'closed'. */
    status: text('status').notNull().default('open'),
    closingNote: text('closing_note'),
    closedById: uuid('closed_by_id').references(() => people.id),
    closedAt: at('closed_at'),
    /** Set once the unit heads have been e-mailed. */
    notifiedAt: at('notified_at'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (table) => [index('satisfaction_follow_ups_unit_status_idx').on(table.unitId, table.status)],
);

/** Append-only history of a follow-up's status changes. */
export const satisfactionFollowUpEvents = pgTable(
  'satisfaction_follow_up_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    followUpId: uuid('follow_up_id')
      .notNull()
      .references(() => satisfactionFollowUps.id),
    actorId: uuid('actor_id').references(() => people.id),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    note: text('note'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (table) => [index('satisfaction_follow_up_events_follow_up_idx').on(table.followUpId)],
);
