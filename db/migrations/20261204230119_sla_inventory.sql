CREATE TABLE "sla_policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name_ms" text NOT NULL,
	"name_en" text NOT NULL,
	"workflow_type" text NOT NULL,
	"category_id" uuid,
	"priority" integer,
	"first_response" jsonb,
	"resolution" jsonb,
	"pause_statuses" text[] DEFAULT '{"waiting_customer","waiting_supplier"}' NOT NULL,
	"reopen_mode" text DEFAULT 'continue' NOT NULL,
	"warning_shares" jsonb DEFAULT '[0.75]'::jsonb NOT NULL,
	"escalation" jsonb DEFAULT '{"notifyUnitHead":true,"raisePriority":false,"reassignToUnitQueue":false}'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sla_policies_code_unique" UNIQUE("code"),
	CONSTRAINT "sla_policies_scope_key" UNIQUE NULLS NOT DISTINCT("workflow_type","category_id","priority")
);
--> statement-breakpoint
CREATE TABLE "sla_results" (
	"case_id" uuid NOT NULL,
	"target" text NOT NULL,
	"policy_id" uuid,
	"target_ms" bigint NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"working_ms_elapsed" bigint NOT NULL,
	"paused_ms" bigint NOT NULL,
	"met" boolean NOT NULL,
	"met_at" timestamp with time zone,
	"breached_at" timestamp with time zone,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sla_results_case_id_target_pk" PRIMARY KEY("case_id","target")
);
--> statement-breakpoint
CREATE TABLE "inventory_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"resource_id" uuid NOT NULL,
	"event" text NOT NULL,
	"actor_id" uuid,
	"old_values" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"new_values" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"holder_reference" text,
	"idempotency_key" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inventory_resources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tag" text NOT NULL,
	"serial_number" text,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"category" text NOT NULL,
	"location" text NOT NULL,
	"condition" text DEFAULT 'good' NOT NULL,
	"status" text DEFAULT 'available' NOT NULL,
	"owning_unit_id" uuid NOT NULL,
	"bookable" boolean DEFAULT true NOT NULL,
	"max_loan_hours" integer DEFAULT 168 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inventory_resources_max_loan_hours_check" CHECK ("inventory_resources"."max_loan_hours" > 0)
);
--> statement-breakpoint
CREATE TABLE "loan_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"loan_id" uuid NOT NULL,
	"step" integer NOT NULL,
	"action" text NOT NULL,
	"actor_id" uuid,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "loans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"reference" text NOT NULL,
	"resource_id" uuid NOT NULL,
	"borrower_id" uuid NOT NULL,
	"borrower_unit_id" uuid,
	"owning_unit_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"end_reason" text,
	"reason" text,
	"terms_accepted_at" timestamp with time zone NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"handed_over_at" timestamp with time zone,
	"handed_over_by_id" uuid,
	"checkout_condition" text,
	"borrower_acknowledged_at" timestamp with time zone,
	"returned_at" timestamp with time zone,
	"returned_to_id" uuid,
	"checkin_condition" text,
	"damage" text,
	"damage_case_reference" text,
	"reminder_sent_at" timestamp with time zone,
	"overdue_since" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"workflow_id" text NOT NULL,
	"last_step" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resource_reservations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"resource_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'held' NOT NULL,
	"holder_kind" text NOT NULL,
	"holder_reference" text NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	CONSTRAINT "resource_reservations_period_check" CHECK ("resource_reservations"."ends_at" > "resource_reservations"."starts_at")
);
--> statement-breakpoint
ALTER TABLE "sla_policies" ADD CONSTRAINT "sla_policies_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_results" ADD CONSTRAINT "sla_results_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_results" ADD CONSTRAINT "sla_results_policy_id_sla_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."sla_policies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_history" ADD CONSTRAINT "inventory_history_resource_id_inventory_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."inventory_resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_history" ADD CONSTRAINT "inventory_history_actor_id_people_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_resources" ADD CONSTRAINT "inventory_resources_owning_unit_id_units_id_fk" FOREIGN KEY ("owning_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_history" ADD CONSTRAINT "loan_history_loan_id_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."loans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_history" ADD CONSTRAINT "loan_history_actor_id_people_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_resource_id_inventory_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."inventory_resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_borrower_id_people_id_fk" FOREIGN KEY ("borrower_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_borrower_unit_id_units_id_fk" FOREIGN KEY ("borrower_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_owning_unit_id_units_id_fk" FOREIGN KEY ("owning_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_handed_over_by_id_people_id_fk" FOREIGN KEY ("handed_over_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_returned_to_id_people_id_fk" FOREIGN KEY ("returned_to_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_reservations" ADD CONSTRAINT "resource_reservations_resource_id_inventory_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."inventory_resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_reservations" ADD CONSTRAINT "resource_reservations_created_by_id_people_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sla_results_policy_idx" ON "sla_results" USING btree ("policy_id","recorded_at");--> statement-breakpoint
CREATE INDEX "inventory_history_resource_idx" ON "inventory_history" USING btree ("resource_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "inventory_history_idempotency_key" ON "inventory_history" USING btree ("idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "inventory_resources_tag_key" ON "inventory_resources" USING btree ("tag");--> statement-breakpoint
CREATE INDEX "inventory_resources_unit_idx" ON "inventory_resources" USING btree ("owning_unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "loan_history_step_key" ON "loan_history" USING btree ("loan_id","step");--> statement-breakpoint
CREATE UNIQUE INDEX "loans_reference_key" ON "loans" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "loans_borrower_idx" ON "loans" USING btree ("borrower_id","requested_at");--> statement-breakpoint
CREATE INDEX "loans_owning_unit_idx" ON "loans" USING btree ("owning_unit_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "resource_reservations_holder_key" ON "resource_reservations" USING btree ("holder_reference","resource_id");--> statement-breakpoint
CREATE INDEX "resource_reservations_period_idx" ON "resource_reservations" USING btree ("resource_id","starts_at");--> statement-breakpoint
-- Carries the per-priority targets of sla_targets over as complaint policies, in working minutes,
-- under the codes that the reference seed later updates to the charter values.
INSERT INTO "sla_policies" ("code", "name_ms", "name_en", "workflow_type", "priority", "first_response", "resolution")
SELECT 'complaint-p' || "priority", "name_ms", "name_en", 'complaint', "priority",
  jsonb_build_object('kind', 'workingMinutes', 'minutes', "first_response_minutes"),
  jsonb_build_object('kind', 'workingMinutes', 'minutes', "resolution_minutes")
FROM "sla_targets"
ON CONFLICT DO NOTHING;
