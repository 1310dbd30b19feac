-- Reverses 20261205000614_surveys.sql: drops the survey and satisfaction follow-up tables, children
-- first (their indexes and foreign keys go with them), then removes the migration's row from
-- Drizzle's journal table so that running the migrations again re-applies it. Every survey
-- definition, invitation, answer and follow-up is lost.
DROP TABLE IF EXISTS "satisfaction_follow_up_events";
--> statement-breakpoint
DROP TABLE IF EXISTS "satisfaction_follow_ups";
--> statement-breakpoint
DROP TABLE IF EXISTS "survey_answers";
--> statement-breakpoint
DROP TABLE IF EXISTS "survey_links";
--> statement-breakpoint
DROP TABLE IF EXISTS "survey_invitations";
--> statement-breakpoint
DROP TABLE IF EXISTS "surveys";
--> statement-breakpoint
DELETE FROM "drizzle"."__drizzle_migrations" WHERE "created_at" = 1796429174752;
