-- Reverses 20261205031000_csi_reporting.sql: drops the CSI campaign tables, children first, and the
-- report subscriptions (their indexes and foreign keys go with them), then the campus of each unit
-- and the campuses, then removes the migration's row from Drizzle's journal table so that running
-- the migrations again re-applies it. Every campaign, answer, index, subscription and campus is
-- lost.
DROP TABLE IF EXISTS "csi_results";
--> statement-breakpoint
DROP TABLE IF EXISTS "csi_answers";
--> statement-breakpoint
DROP TABLE IF EXISTS "csi_responses";
--> statement-breakpoint
DROP TABLE IF EXISTS "csi_links";
--> statement-breakpoint
DROP TABLE IF EXISTS "csi_invitations";
--> statement-breakpoint
DROP TABLE IF EXISTS "csi_campaigns";
--> statement-breakpoint
DROP TABLE IF EXISTS "report_subscriptions";
--> statement-breakpoint
ALTER TABLE "units" DROP COLUMN IF EXISTS "campus_id";
--> statement-breakpoint
DROP TABLE IF EXISTS "campuses";
--> statement-breakpoint
DELETE FROM "drizzle"."__drizzle_migrations" WHERE "created_at" = 1796440200000;
