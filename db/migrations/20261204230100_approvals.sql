CREATE TABLE "approval_delegations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"approver_id" uuid NOT NULL,
	"delegate_id" uuid NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "approval_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" text NOT NULL,
	"task_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "approval_links_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "approval_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"subject_kind" text NOT NULL,
	"category" text,
	"unit_id" uuid,
	"min_value" numeric(14, 2),
	"max_value" numeric(14, 2),
	"priority" integer DEFAULT 100 NOT NULL,
	"levels" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "approval_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workflow_id" text NOT NULL,
	"subject_kind" text NOT NULL,
	"reference" text NOT NULL,
	"title" text NOT NULL,
	"requester_id" uuid NOT NULL,
	"link" text NOT NULL,
	"level" integer NOT NULL,
	"mode" text NOT NULL,
	"approver_id" uuid NOT NULL,
	"slot_approver_id" uuid NOT NULL,
	"delegate_id" uuid,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_by_id" uuid,
	"on_behalf_of" uuid,
	"comment" text,
	"decided_at" timestamp with time zone,
	"reminders_sent" integer DEFAULT 0 NOT NULL,
	"escalated" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "facility_application_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"step" integer NOT NULL,
	"kind" text NOT NULL,
	"actor_id" uuid,
	"detail" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "facility_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"item_id" uuid NOT NULL,
	"requester_id" uuid NOT NULL,
	"requester_unit_id" uuid,
	"provider_unit_id" uuid,
	"answers" jsonb NOT NULL,
	"status" text DEFAULT 'pending_approval' NOT NULL,
	"rejection_reason" text,
	"steps" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"last_step" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "facility_applications_reference_unique" UNIQUE("reference")
);
--> statement-breakpoint
CREATE TABLE "facility_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name_ms" text NOT NULL,
	"name_en" text NOT NULL,
	"kind" text NOT NULL,
	"unit_id" uuid,
	"fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"provision_steps" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"download_url" text,
	"value" integer,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "facility_items_code_unique" UNIQUE("code")
);
--> statement-breakpoint
ALTER TABLE "approval_delegations" ADD CONSTRAINT "approval_delegations_approver_id_people_id_fk" FOREIGN KEY ("approver_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_delegations" ADD CONSTRAINT "approval_delegations_delegate_id_people_id_fk" FOREIGN KEY ("delegate_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_delegations" ADD CONSTRAINT "approval_delegations_created_by_id_people_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_links" ADD CONSTRAINT "approval_links_task_id_approval_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."approval_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_links" ADD CONSTRAINT "approval_links_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_rules" ADD CONSTRAINT "approval_rules_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_tasks" ADD CONSTRAINT "approval_tasks_requester_id_people_id_fk" FOREIGN KEY ("requester_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_tasks" ADD CONSTRAINT "approval_tasks_approver_id_people_id_fk" FOREIGN KEY ("approver_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_tasks" ADD CONSTRAINT "approval_tasks_slot_approver_id_people_id_fk" FOREIGN KEY ("slot_approver_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_tasks" ADD CONSTRAINT "approval_tasks_delegate_id_people_id_fk" FOREIGN KEY ("delegate_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_tasks" ADD CONSTRAINT "approval_tasks_decided_by_id_people_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_tasks" ADD CONSTRAINT "approval_tasks_on_behalf_of_people_id_fk" FOREIGN KEY ("on_behalf_of") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facility_application_events" ADD CONSTRAINT "facility_application_events_application_id_facility_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."facility_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facility_application_events" ADD CONSTRAINT "facility_application_events_actor_id_people_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facility_applications" ADD CONSTRAINT "facility_applications_item_id_facility_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."facility_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facility_applications" ADD CONSTRAINT "facility_applications_requester_id_people_id_fk" FOREIGN KEY ("requester_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facility_applications" ADD CONSTRAINT "facility_applications_requester_unit_id_units_id_fk" FOREIGN KEY ("requester_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facility_applications" ADD CONSTRAINT "facility_applications_provider_unit_id_units_id_fk" FOREIGN KEY ("provider_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facility_items" ADD CONSTRAINT "facility_items_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "approval_delegations_approver_idx" ON "approval_delegations" USING btree ("approver_id","ends_on");--> statement-breakpoint
CREATE INDEX "approval_delegations_delegate_idx" ON "approval_delegations" USING btree ("delegate_id","ends_on");--> statement-breakpoint
CREATE INDEX "approval_links_task_idx" ON "approval_links" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "approval_rules_kind_idx" ON "approval_rules" USING btree ("subject_kind","priority");--> statement-breakpoint
CREATE UNIQUE INDEX "approval_tasks_slot_key" ON "approval_tasks" USING btree ("workflow_id","level","approver_id");--> statement-breakpoint
CREATE INDEX "approval_tasks_approver_idx" ON "approval_tasks" USING btree ("approver_id","status");--> statement-breakpoint
CREATE INDEX "approval_tasks_delegate_idx" ON "approval_tasks" USING btree ("delegate_id","status");--> statement-breakpoint
CREATE INDEX "approval_tasks_decider_idx" ON "approval_tasks" USING btree ("decided_by_id","decided_at");--> statement-breakpoint
CREATE INDEX "approval_tasks_reference_idx" ON "approval_tasks" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "facility_application_events_app_idx" ON "facility_application_events" USING btree ("application_id","step");--> statement-breakpoint
CREATE INDEX "facility_applications_requester_idx" ON "facility_applications" USING btree ("requester_id","created_at");--> statement-breakpoint
CREATE INDEX "facility_applications_status_idx" ON "facility_applications" USING btree ("status","provider_unit_id");