-- Reverses 20261204230156_mail.sql: drops the inbound mail store and the mailbox settings, child
-- before parent (their indexes and foreign keys go with them), then removes the migration's row
-- from Drizzle's journal table so that running the migrations again re-applies it. Every stored
-- inbound message and every mailbox setting is lost; the cases they opened stay.
DROP TABLE IF EXISTS "mail_messages";
--> statement-breakpoint
DROP TABLE IF EXISTS "mail_mailboxes";
--> statement-breakpoint
DELETE FROM "drizzle"."__drizzle_migrations" WHERE "created_at" = 1796425316208;
