-- Reverses 20261204232146_reports.sql: drops the corrective-action candidates table (its indexes
-- and foreign key go with it), then removes the migration's row from Drizzle's journal table so
-- that running the migrations again re-applies it. Every candidate and its evidence is lost.
DROP TABLE IF EXISTS "corrective_action_candidates";
--> statement-breakpoint
DELETE FROM "drizzle"."__drizzle_migrations" WHERE "created_at" = 1796426506635;
