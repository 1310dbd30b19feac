CREATE TABLE "ceremony_checklist" (
	"event_id" uuid NOT NULL,
	"key" text NOT NULL,
	"need" text NOT NULL,
	"kind" text NOT NULL,
	"position" integer NOT NULL,
	"ticked_by_id" uuid,
	"ticked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "ceremony_equipment" (
	"event_id" uuid NOT NULL,
	"resource_id" uuid NOT NULL,
	"outcome" text,
	"location" text,
	"note" text,
	"damage" text,
	"damage_case_reference" text,
	"reconciled_by_id" uuid,
	"reconciled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "ceremony_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"reference" text NOT NULL,
	"title" text NOT NULL,
	"venue" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"audience_size" integer NOT NULL,
	"needs" jsonb NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"requester_id" uuid NOT NULL,
	"requester_unit_id" uuid,
	"support_unit_id" uuid NOT NULL,
	"status" text NOT NULL,
	"end_reason" text,
	"reason" text,
	"conflicts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"approved_at" timestamp with time zone,
	"team_assigned_at" timestamp with time zone,
	"readiness_check_at" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	"reconciled_at" timestamp with time zone,
	"rating" integer,
	"rating_comment" text,
	"rated_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"workflow_id" text NOT NULL,
	"last_step" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ceremony_events_period_check" CHECK ("ceremony_events"."ends_at" > "ceremony_events"."starts_at"),
	CONSTRAINT "ceremony_events_rating_check" CHECK ("ceremony_events"."rating" IS NULL OR "ceremony_events"."rating" BETWEEN 1 AND 5)
);
--> statement-breakpoint
CREATE TABLE "ceremony_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"step" integer NOT NULL,
	"action" text NOT NULL,
	"actor_id" uuid,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ceremony_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"step" integer NOT NULL,
	"author_id" uuid NOT NULL,
	"body" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ceremony_team" (
	"event_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"assigned_by_id" uuid,
	"assigned_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ceremony_checklist" ADD CONSTRAINT "ceremony_checklist_event_id_ceremony_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."ceremony_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ceremony_checklist" ADD CONSTRAINT "ceremony_checklist_ticked_by_id_people_id_fk" FOREIGN KEY ("ticked_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ceremony_equipment" ADD CONSTRAINT "ceremony_equipment_event_id_ceremony_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."ceremony_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ceremony_equipment" ADD CONSTRAINT "ceremony_equipment_resource_id_inventory_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."inventory_resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ceremony_equipment" ADD CONSTRAINT "ceremony_equipment_reconciled_by_id_people_id_fk" FOREIGN KEY ("reconciled_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ceremony_events" ADD CONSTRAINT "ceremony_events_requester_id_people_id_fk" FOREIGN KEY ("requester_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ceremony_events" ADD CONSTRAINT "ceremony_events_requester_unit_id_units_id_fk" FOREIGN KEY ("requester_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ceremony_events" ADD CONSTRAINT "ceremony_events_support_unit_id_units_id_fk" FOREIGN KEY ("support_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ceremony_history" ADD CONSTRAINT "ceremony_history_event_id_ceremony_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."ceremony_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ceremony_history" ADD CONSTRAINT "ceremony_history_actor_id_people_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ceremony_log" ADD CONSTRAINT "ceremony_log_event_id_ceremony_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."ceremony_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ceremony_log" ADD CONSTRAINT "ceremony_log_author_id_people_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ceremony_team" ADD CONSTRAINT "ceremony_team_event_id_ceremony_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."ceremony_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ceremony_team" ADD CONSTRAINT "ceremony_team_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ceremony_team" ADD CONSTRAINT "ceremony_team_assigned_by_id_people_id_fk" FOREIGN KEY ("assigned_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ceremony_checklist_item_key" ON "ceremony_checklist" USING btree ("event_id","key");--> statement-breakpoint
CREATE UNIQUE INDEX "ceremony_equipment_item_key" ON "ceremony_equipment" USING btree ("event_id","resource_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ceremony_events_reference_key" ON "ceremony_events" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "ceremony_events_requester_idx" ON "ceremony_events" USING btree ("requester_id","requested_at");--> statement-breakpoint
CREATE INDEX "ceremony_events_period_idx" ON "ceremony_events" USING btree ("starts_at","ends_at");--> statement-breakpoint
CREATE UNIQUE INDEX "ceremony_history_step_key" ON "ceremony_history" USING btree ("event_id","step");--> statement-breakpoint
CREATE UNIQUE INDEX "ceremony_log_step_key" ON "ceremony_log" USING btree ("event_id","step");--> statement-breakpoint
CREATE UNIQUE INDEX "ceremony_team_member_key" ON "ceremony_team" USING btree ("event_id","person_id");--> statement-breakpoint
CREATE INDEX "ceremony_team_person_idx" ON "ceremony_team" USING btree ("person_id");