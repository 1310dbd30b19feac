-- Reverses 20261205091931_report_indexes.sql: drops the periodic report's four partial indexes,
-- then removes the migration's row from Drizzle's journal table so that running the migrations
-- again re-applies it. No data is lost; the report falls back to reading every case.
DROP INDEX IF EXISTS "cases_resolved_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "cases_closed_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "cases_rated_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "cases_unfinished_idx";
--> statement-breakpoint
DELETE FROM "drizzle"."__drizzle_migrations" WHERE "created_at" = 1796462371397;
