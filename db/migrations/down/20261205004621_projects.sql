-- Reverses 20261205004621_projects.sql: drops the ICT project tables, the history first (its
-- indexes and foreign keys go with it), then removes the migration's row from Drizzle's journal
-- table so that running the migrations again re-applies it. Every project and its history is lost.
DROP TABLE IF EXISTS "ict_project_history";
--> statement-breakpoint
DROP TABLE IF EXISTS "ict_projects";
--> statement-breakpoint
DELETE FROM "drizzle"."__drizzle_migrations" WHERE "created_at" = 1796431581472;
