CREATE TABLE "corrective_action_candidates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"dimension" text NOT NULL,
	"series_key" text NOT NULL,
	"week_start" date NOT NULL,
	"observed" integer NOT NULL,
	"expected" double precision NOT NULL,
	"p_value" double precision NOT NULL,
	"evidence" jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "corrective_action_candidates" ADD CONSTRAINT "corrective_action_candidates_created_by_id_people_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "corrective_action_candidates_series_week_key" ON "corrective_action_candidates" USING btree ("kind","dimension","series_key","week_start");--> statement-breakpoint
CREATE INDEX "corrective_action_candidates_status_idx" ON "corrective_action_candidates" USING btree ("status","created_at");