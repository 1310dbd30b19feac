-- Reverses 20261204230032_notification_reads.sql: drops the read markers of in-app notifications
-- (the index and foreign keys go with the table), then removes the migration's row from Drizzle's
-- journal table so that running the migrations again re-applies it. Every notification shows as
-- unread again; the notifications themselves stay.
DROP TABLE IF EXISTS "notification_reads";
--> statement-breakpoint
DELETE FROM "drizzle"."__drizzle_migrations" WHERE "created_at" = 1796425232247;
