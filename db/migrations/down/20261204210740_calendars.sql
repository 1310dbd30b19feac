-- Reverses 20261204210740_calendars.sql: drops the calendar tables, children before parents (their
-- indexes and foreign keys go with them), then removes the migration's row from Drizzle's journal
-- table so that running the migrations again re-applies it. Every calendar, hours rule and holiday
-- is lost.
DROP TABLE IF EXISTS "calendar_special_hours";
--> statement-breakpoint
DROP TABLE IF EXISTS "calendar_special_periods";
--> statement-breakpoint
DROP TABLE IF EXISTS "calendar_holidays";
--> statement-breakpoint
DROP TABLE IF EXISTS "calendar_weekends";
--> statement-breakpoint
DROP TABLE IF EXISTS "calendar_hours";
--> statement-breakpoint
DROP TABLE IF EXISTS "calendars";
--> statement-breakpoint
DELETE FROM "drizzle"."__drizzle_migrations" WHERE "created_at" = 1796418460935;
