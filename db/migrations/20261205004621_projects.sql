CREATE TABLE "ict_project_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"source" text NOT NULL,
	"step" integer NOT NULL,
	"action" text NOT NULL,
	"actor_id" uuid,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ict_projects" (
	"id" uuid PRIMARY KEY NOT NULL,
	"reference" text NOT NULL,
	"variant" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"applicant_id" uuid NOT NULL,
	"applicant_unit_id" uuid,
	"estimated_value" numeric(14, 2) NOT NULL,
	"status" text NOT NULL,
	"current_gate" text,
	"authority" text NOT NULL,
	"rejected_at" text,
	"reason" text,
	"documents" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"contract" jsonb,
	"refund" jsonb,
	"workflow_id" text NOT NULL,
	"last_step" integer DEFAULT 1 NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ict_projects_reference_unique" UNIQUE("reference")
);
--> statement-breakpoint
ALTER TABLE "ict_project_history" ADD CONSTRAINT "ict_project_history_project_id_ict_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."ict_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ict_project_history" ADD CONSTRAINT "ict_project_history_actor_id_people_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ict_projects" ADD CONSTRAINT "ict_projects_applicant_id_people_id_fk" FOREIGN KEY ("applicant_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ict_projects" ADD CONSTRAINT "ict_projects_applicant_unit_id_units_id_fk" FOREIGN KEY ("applicant_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ict_project_history_step_key" ON "ict_project_history" USING btree ("project_id","source","step");--> statement-breakpoint
CREATE INDEX "ict_projects_status_idx" ON "ict_projects" USING btree ("status");