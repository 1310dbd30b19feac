-- The procurement deadlines of the project settings, in calendar days. The defaults fill the
-- existing settings row: documents 14, evaluation 14, vendor appointment 7, purchase order 7,
-- contract 14, and a reminder 2 days before each due time.
ALTER TABLE "project_settings" ADD COLUMN "documents_days" smallint DEFAULT 14 NOT NULL;--> statement-breakpoint
ALTER TABLE "project_settings" ADD COLUMN "evaluation_days" smallint DEFAULT 14 NOT NULL;--> statement-breakpoint
ALTER TABLE "project_settings" ADD COLUMN "vendor_appointment_days" smallint DEFAULT 7 NOT NULL;--> statement-breakpoint
ALTER TABLE "project_settings" ADD COLUMN "purchase_order_days" smallint DEFAULT 7 NOT NULL;--> statement-breakpoint
ALTER TABLE "project_settings" ADD COLUMN "contract_days" smallint DEFAULT 14 NOT NULL;--> statement-breakpoint
ALTER TABLE "project_settings" ADD COLUMN "reminder_lead_days" smallint DEFAULT 2 NOT NULL;--> statement-breakpoint
ALTER TABLE "project_settings" ADD CONSTRAINT "project_settings_deadlines_check" CHECK (least("project_settings"."documents_days", "project_settings"."evaluation_days", "project_settings"."vendor_appointment_days", "project_settings"."purchase_order_days", "project_settings"."contract_days") > "project_settings"."reminder_lead_days" and "project_settings"."reminder_lead_days" >= 1 and greatest("project_settings"."documents_days", "project_settings"."evaluation_days", "project_settings"."vendor_appointment_days", "project_settings"."purchase_order_days", "project_settings"."contract_days") <= 365);
