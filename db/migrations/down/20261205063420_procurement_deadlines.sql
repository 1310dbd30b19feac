-- Reverses 20261205063420_procurement_deadlines.sql: drops the deadline check and the deadline
-- columns of the project settings, then removes the migration's row from Drizzle's journal table
-- so that running the migrations again re-applies it. The stored deadlines are lost; projects keep
-- the deadlines fixed in their thresholds.
ALTER TABLE "project_settings" DROP CONSTRAINT IF EXISTS "project_settings_deadlines_check";
--> statement-breakpoint
ALTER TABLE "project_settings" DROP COLUMN IF EXISTS "documents_days";
--> statement-breakpoint
ALTER TABLE "project_settings" DROP COLUMN IF EXISTS "evaluation_days";
--> statement-breakpoint
ALTER TABLE "project_settings" DROP COLUMN IF EXISTS "vendor_appointment_days";
--> statement-breakpoint
ALTER TABLE "project_settings" DROP COLUMN IF EXISTS "purchase_order_days";
--> statement-breakpoint
ALTER TABLE "project_settings" DROP COLUMN IF EXISTS "contract_days";
--> statement-breakpoint
ALTER TABLE "project_settings" DROP COLUMN IF EXISTS "reminder_lead_days";
--> statement-breakpoint
DELETE FROM "drizzle"."__drizzle_migrations" WHERE "created_at" = 1796452460410;
