-- Reverses 20261205001007_queue_index.sql: drops the agent queue's partial index, then removes the
-- migration's row from Drizzle's journal table so that running the migrations again re-applies it.
-- No data is lost; the queue falls back to cases_unit_status_due_idx and a sort.
DROP INDEX IF EXISTS "cases_open_queue_idx";
--> statement-breakpoint
DELETE FROM "drizzle"."__drizzle_migrations" WHERE "created_at" = 1796429407100;
