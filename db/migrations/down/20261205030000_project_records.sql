-- Reverses 20261205030000_project_records.sql: drops the project records (milestones, team and
-- risks) and the project settings, with their indexes and foreign keys, then the portfolio
-- indexes and the columns added to ict_projects, and removes the migration's row from
-- Drizzle's journal table so that running the migrations again re-applies it. Every milestone,
-- team member, risk and settings change is lost.
DROP TABLE IF EXISTS "ict_project_milestones";
--> statement-breakpoint
DROP TABLE IF EXISTS "ict_project_risks";
--> statement-breakpoint
DROP TABLE IF EXISTS "ict_project_team";
--> statement-breakpoint
DROP TABLE IF EXISTS "project_settings";
--> statement-breakpoint
DROP INDEX IF EXISTS "ict_projects_requested_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "ict_projects_applicant_idx";
--> statement-breakpoint
ALTER TABLE "ict_projects" DROP COLUMN IF EXISTS "thresholds";
--> statement-breakpoint
ALTER TABLE "ict_projects" DROP COLUMN IF EXISTS "procurement_needed";
--> statement-breakpoint
ALTER TABLE "ict_projects" DROP COLUMN IF EXISTS "security_kind";
--> statement-breakpoint
ALTER TABLE "ict_projects" DROP COLUMN IF EXISTS "defects_liability_days";
--> statement-breakpoint
DELETE FROM "drizzle"."__drizzle_migrations" WHERE "created_at" = 1796439600000;
