-- Reverses 20261204230100_approvals.sql: drops the approval and facility tables, children before
-- parents (their indexes and foreign keys go with them), then removes the migration's row from
-- Drizzle's journal table so that running the migrations again re-applies it. Every approval rule,
-- delegation, approval task and facility application is lost.
DROP TABLE IF EXISTS "approval_links";
--> statement-breakpoint
DROP TABLE IF EXISTS "approval_tasks";
--> statement-breakpoint
DROP TABLE IF EXISTS "approval_delegations";
--> statement-breakpoint
DROP TABLE IF EXISTS "approval_rules";
--> statement-breakpoint
DROP TABLE IF EXISTS "facility_application_events";
--> statement-breakpoint
DROP TABLE IF EXISTS "facility_applications";
--> statement-breakpoint
DROP TABLE IF EXISTS "facility_items";
--> statement-breakpoint
DELETE FROM "drizzle"."__drizzle_migrations" WHERE "created_at" = 1796425260883;
