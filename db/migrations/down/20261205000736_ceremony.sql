-- Reverses 20261205000736_ceremony.sql: drops the event support tables, children first (their
-- indexes and foreign keys go with them), then removes the migration's row from Drizzle's journal
-- table so that running the migrations again re-applies it. Every event request, team, checklist,
-- log entry and equipment reconciliation is lost; the reservations stay in resource_reservations.
DROP TABLE IF EXISTS "ceremony_equipment";
--> statement-breakpoint
DROP TABLE IF EXISTS "ceremony_log";
--> statement-breakpoint
DROP TABLE IF EXISTS "ceremony_checklist";
--> statement-breakpoint
DROP TABLE IF EXISTS "ceremony_team";
--> statement-breakpoint
DROP TABLE IF EXISTS "ceremony_history";
--> statement-breakpoint
DROP TABLE IF EXISTS "ceremony_events";
--> statement-breakpoint
DELETE FROM "drizzle"."__drizzle_migrations" WHERE "created_at" = 1796429256254;
