-- Reverses 20261204200626_initial.sql: drops its indexes, foreign keys and tables in the reverse
-- order of their creation, then removes the migration's row from Drizzle's journal table so that
-- running the migrations again re-applies it. Every row in these tables is lost.
DROP INDEX IF EXISTS "notifications_status_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "notifications_case_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "knowledge_drafts_case_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "cases_search_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "cases_opened_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "cases_status_opened_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "cases_assignee_status_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "cases_unit_status_due_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "cases_requester_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "cases_source_external_ref_key";
--> statement-breakpoint
DROP INDEX IF EXISTS "case_participants_person_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "case_messages_idempotency_key";
--> statement-breakpoint
DROP INDEX IF EXISTS "case_messages_case_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "case_history_idempotency_key";
--> statement-breakpoint
DROP INDEX IF EXISTS "case_history_case_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "attachments_case_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "categories_service_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "unit_members_person_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "sessions_person_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "people_email_key";
--> statement-breakpoint
DROP INDEX IF EXISTS "login_attempts_ip_at_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "login_attempts_email_at_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "audit_log_entity_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "api_tokens_person_idx";
--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT IF EXISTS "notifications_recipient_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT IF EXISTS "notifications_case_id_cases_id_fk";
--> statement-breakpoint
ALTER TABLE "rating_tokens" DROP CONSTRAINT IF EXISTS "rating_tokens_case_id_cases_id_fk";
--> statement-breakpoint
ALTER TABLE "knowledge_drafts" DROP CONSTRAINT IF EXISTS "knowledge_drafts_author_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "knowledge_drafts" DROP CONSTRAINT IF EXISTS "knowledge_drafts_case_id_cases_id_fk";
--> statement-breakpoint
ALTER TABLE "cases" DROP CONSTRAINT IF EXISTS "cases_assignee_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "cases" DROP CONSTRAINT IF EXISTS "cases_unit_id_units_id_fk";
--> statement-breakpoint
ALTER TABLE "cases" DROP CONSTRAINT IF EXISTS "cases_created_by_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "cases" DROP CONSTRAINT IF EXISTS "cases_requester_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "cases" DROP CONSTRAINT IF EXISTS "cases_category_id_categories_id_fk";
--> statement-breakpoint
ALTER TABLE "cases" DROP CONSTRAINT IF EXISTS "cases_service_id_services_id_fk";
--> statement-breakpoint
ALTER TABLE "case_participants" DROP CONSTRAINT IF EXISTS "case_participants_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "case_participants" DROP CONSTRAINT IF EXISTS "case_participants_case_id_cases_id_fk";
--> statement-breakpoint
ALTER TABLE "case_messages" DROP CONSTRAINT IF EXISTS "case_messages_author_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "case_messages" DROP CONSTRAINT IF EXISTS "case_messages_case_id_cases_id_fk";
--> statement-breakpoint
ALTER TABLE "case_history" DROP CONSTRAINT IF EXISTS "case_history_actor_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "case_history" DROP CONSTRAINT IF EXISTS "case_history_case_id_cases_id_fk";
--> statement-breakpoint
ALTER TABLE "attachments" DROP CONSTRAINT IF EXISTS "attachments_uploaded_by_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "attachments" DROP CONSTRAINT IF EXISTS "attachments_message_id_case_messages_id_fk";
--> statement-breakpoint
ALTER TABLE "attachments" DROP CONSTRAINT IF EXISTS "attachments_case_id_cases_id_fk";
--> statement-breakpoint
ALTER TABLE "services" DROP CONSTRAINT IF EXISTS "services_default_unit_id_units_id_fk";
--> statement-breakpoint
ALTER TABLE "categories" DROP CONSTRAINT IF EXISTS "categories_default_unit_id_units_id_fk";
--> statement-breakpoint
ALTER TABLE "categories" DROP CONSTRAINT IF EXISTS "categories_service_id_services_id_fk";
--> statement-breakpoint
ALTER TABLE "unit_members" DROP CONSTRAINT IF EXISTS "unit_members_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "unit_members" DROP CONSTRAINT IF EXISTS "unit_members_unit_id_units_id_fk";
--> statement-breakpoint
ALTER TABLE "sessions" DROP CONSTRAINT IF EXISTS "sessions_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "api_tokens" DROP CONSTRAINT IF EXISTS "api_tokens_person_id_people_id_fk";
--> statement-breakpoint
DROP TABLE IF EXISTS "notifications";
--> statement-breakpoint
DROP TABLE IF EXISTS "reference_counters";
--> statement-breakpoint
DROP TABLE IF EXISTS "rating_tokens";
--> statement-breakpoint
DROP TABLE IF EXISTS "knowledge_drafts";
--> statement-breakpoint
DROP TABLE IF EXISTS "cases";
--> statement-breakpoint
DROP TABLE IF EXISTS "case_participants";
--> statement-breakpoint
DROP TABLE IF EXISTS "case_messages";
--> statement-breakpoint
DROP TABLE IF EXISTS "case_history";
--> statement-breakpoint
DROP TABLE IF EXISTS "attachments";
--> statement-breakpoint
DROP TABLE IF EXISTS "sla_targets";
--> statement-breakpoint
DROP TABLE IF EXISTS "services";
--> statement-breakpoint
DROP TABLE IF EXISTS "categories";
--> statement-breakpoint
DROP TABLE IF EXISTS "units";
--> statement-breakpoint
DROP TABLE IF EXISTS "unit_members";
--> statement-breakpoint
DROP TABLE IF EXISTS "sessions";
--> statement-breakpoint
DROP TABLE IF EXISTS "people";
--> statement-breakpoint
DROP TABLE IF EXISTS "login_attempts";
--> statement-breakpoint
DROP TABLE IF EXISTS "audit_log";
--> statement-breakpoint
DROP TABLE IF EXISTS "api_tokens";
--> statement-breakpoint
DELETE FROM "drizzle"."__drizzle_migrations" WHERE "created_at" = 1796414786052;
