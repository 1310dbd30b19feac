-- Reverses 20261204230119_sla_inventory.sql: drops the loan, reservation and inventory tables and
-- the SLA result and policy tables, children before parents (their indexes and foreign keys go
-- with them), then removes the migration's row from Drizzle's journal table so that running the
-- migrations again re-applies it. Every loan, reservation, resource, policy and recorded case
-- result is lost; sla_targets is untouched, so deadlines fall back to it.
DROP TABLE IF EXISTS "loan_history";
--> statement-breakpoint
DROP TABLE IF EXISTS "loans";
--> statement-breakpoint
DROP TABLE IF EXISTS "resource_reservations";
--> statement-breakpoint
DROP TABLE IF EXISTS "inventory_history";
--> statement-breakpoint
DROP TABLE IF EXISTS "inventory_resources";
--> statement-breakpoint
DROP TABLE IF EXISTS "sla_results";
--> statement-breakpoint
DROP TABLE IF EXISTS "sla_policies";
--> statement-breakpoint
DELETE FROM "drizzle"."__drizzle_migrations" WHERE "created_at" = 1796425279791;
