CREATE TABLE "ict_project_milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"name" text NOT NULL,
	"planned_start" date NOT NULL,
	"planned_end" date NOT NULL,
	"actual_start" date,
	"actual_end" date,
	"status" text DEFAULT 'planned' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone,
	CONSTRAINT "ict_project_milestones_planned_check" CHECK ("ict_project_milestones"."planned_end" >= "ict_project_milestones"."planned_start"),
	CONSTRAINT "ict_project_milestones_actual_check" CHECK ("ict_project_milestones"."actual_end" is null or ("ict_project_milestones"."actual_start" is not null and "ict_project_milestones"."actual_end" >= "ict_project_milestones"."actual_start"))
);
--> statement-breakpoint
CREATE TABLE "ict_project_risks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"description" text NOT NULL,
	"likelihood" smallint NOT NULL,
	"impact" smallint NOT NULL,
	"owner_id" uuid,
	"mitigation" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone,
	CONSTRAINT "ict_project_risks_levels_check" CHECK ("ict_project_risks"."likelihood" between 1 and 5 and "ict_project_risks"."impact" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "ict_project_team" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"role" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "project_settings" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"approval_university" numeric(14, 2) NOT NULL,
	"approval_kpt" numeric(14, 2) NOT NULL,
	"approval_mampu" numeric(14, 2) NOT NULL,
	"quotation_above" numeric(14, 2) NOT NULL,
	"tender_above" numeric(14, 2) NOT NULL,
	"security_required_above" numeric(14, 2) NOT NULL,
	"security_higher_rate_above" numeric(14, 2) NOT NULL,
	"security_rate" numeric(6, 5) NOT NULL,
	"security_higher_rate" numeric(6, 5) NOT NULL,
	"retention_rate" numeric(6, 5) NOT NULL,
	"retention_released_at_completion" numeric(6, 5) NOT NULL,
	"finance_email" text,
	"updated_by_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_settings_single_row_check" CHECK ("project_settings"."id" = 1),
	CONSTRAINT "project_settings_ascending_check" CHECK ("project_settings"."approval_university" < "project_settings"."approval_kpt" and "project_settings"."approval_kpt" < "project_settings"."approval_mampu" and "project_settings"."quotation_above" < "project_settings"."tender_above" and "project_settings"."security_required_above" < "project_settings"."security_higher_rate_above")
);
--> statement-breakpoint
ALTER TABLE "ict_projects" ADD COLUMN "thresholds" jsonb;--> statement-breakpoint
ALTER TABLE "ict_projects" ADD COLUMN "procurement_needed" boolean;--> statement-breakpoint
ALTER TABLE "ict_projects" ADD COLUMN "security_kind" text;--> statement-breakpoint
ALTER TABLE "ict_projects" ADD COLUMN "defects_liability_days" integer;--> statement-breakpoint
ALTER TABLE "ict_project_milestones" ADD CONSTRAINT "ict_project_milestones_project_id_ict_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."ict_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ict_project_risks" ADD CONSTRAINT "ict_project_risks_project_id_ict_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."ict_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ict_project_risks" ADD CONSTRAINT "ict_project_risks_owner_id_people_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ict_project_team" ADD CONSTRAINT "ict_project_team_project_id_ict_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."ict_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ict_project_team" ADD CONSTRAINT "ict_project_team_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_settings" ADD CONSTRAINT "project_settings_updated_by_id_people_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ict_project_milestones_project_idx" ON "ict_project_milestones" USING btree ("project_id","planned_start");--> statement-breakpoint
CREATE INDEX "ict_project_risks_project_idx" ON "ict_project_risks" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ict_project_team_member_key" ON "ict_project_team" USING btree ("project_id","person_id","role") WHERE "ict_project_team"."removed_at" is null;--> statement-breakpoint
CREATE INDEX "ict_project_team_person_idx" ON "ict_project_team" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "ict_projects_requested_idx" ON "ict_projects" USING btree ("requested_at","id");--> statement-breakpoint
CREATE INDEX "ict_projects_applicant_idx" ON "ict_projects" USING btree ("applicant_id","requested_at");--> statement-breakpoint
-- The settings row with the Treasury defaults: direct purchase up to RM50,000, a quotation up to
-- RM500,000 and a tender above it; a performance security above RM200,000 of 2.5% (5% above
-- RM500,000), or a 5% cash retention with half refunded at completion. The university, KPT and
-- MAMPU approval bounds are placeholders for an administrator to confirm.
INSERT INTO "project_settings" (
	"id", "approval_university", "approval_kpt", "approval_mampu", "quotation_above", "tender_above",
	"security_required_above", "security_higher_rate_above", "security_rate", "security_higher_rate",
	"retention_rate", "retention_released_at_completion"
) VALUES (1, 500000, 5000000, 50000000, 50000, 500000, 200000, 500000, 0.025, 0.05, 0.05, 0.5)
ON CONFLICT ("id") DO NOTHING;
