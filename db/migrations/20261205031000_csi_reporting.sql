CREATE TABLE "campuses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name_ms" text NOT NULL,
	"name_en" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campuses_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "csi_answers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"response_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"question_id" text NOT NULL,
	"score" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "csi_campaigns" (
	"id" uuid PRIMARY KEY NOT NULL,
	"reference" text NOT NULL,
	"workflow_id" text NOT NULL,
	"title_ms" text NOT NULL,
	"title_en" text NOT NULL,
	"survey_id" uuid,
	"questions" jsonb NOT NULL,
	"service_ids" uuid[] NOT NULL,
	"population" jsonb NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"reminder_days" integer[] NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"invited" integer DEFAULT 0 NOT NULL,
	"responses" integer,
	"previous_campaign_id" uuid,
	"created_by_id" uuid,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancelled_by_id" uuid,
	"cancel_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "csi_campaigns_reference_unique" UNIQUE("reference"),
	CONSTRAINT "csi_campaigns_workflow_id_unique" UNIQUE("workflow_id")
);
--> statement-breakpoint
CREATE TABLE "csi_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"sent_at" timestamp with time zone,
	"send_failures" integer DEFAULT 0 NOT NULL,
	"reminders_sent" integer DEFAULT 0 NOT NULL,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "csi_links" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"invitation_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "csi_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"submitted_on" date NOT NULL,
	"comment" text
);
--> statement-breakpoint
CREATE TABLE "csi_results" (
	"campaign_id" uuid NOT NULL,
	"key" text NOT NULL,
	"scope" text NOT NULL,
	"service_id" uuid,
	"question_id" text,
	"responses" integer NOT NULL,
	"answers" integer NOT NULL,
	"mean_score" double precision NOT NULL,
	"csi_index" double precision NOT NULL,
	"previous_mean_score" double precision,
	"previous_index" double precision,
	"index_change" double precision,
	CONSTRAINT "csi_results_campaign_id_key_pk" PRIMARY KEY("campaign_id","key")
);
--> statement-breakpoint
CREATE TABLE "report_subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"language" text NOT NULL,
	"format" text NOT NULL,
	"filters" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cancelled_at" timestamp with time zone,
	"cancelled_by_id" uuid
);
--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "campus_id" uuid;--> statement-breakpoint
ALTER TABLE "csi_answers" ADD CONSTRAINT "csi_answers_response_id_csi_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."csi_responses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "csi_answers" ADD CONSTRAINT "csi_answers_campaign_id_csi_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."csi_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "csi_answers" ADD CONSTRAINT "csi_answers_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "csi_campaigns" ADD CONSTRAINT "csi_campaigns_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "csi_campaigns" ADD CONSTRAINT "csi_campaigns_previous_campaign_id_csi_campaigns_id_fk" FOREIGN KEY ("previous_campaign_id") REFERENCES "public"."csi_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "csi_campaigns" ADD CONSTRAINT "csi_campaigns_created_by_id_people_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "csi_campaigns" ADD CONSTRAINT "csi_campaigns_cancelled_by_id_people_id_fk" FOREIGN KEY ("cancelled_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "csi_invitations" ADD CONSTRAINT "csi_invitations_campaign_id_csi_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."csi_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "csi_invitations" ADD CONSTRAINT "csi_invitations_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "csi_links" ADD CONSTRAINT "csi_links_invitation_id_csi_invitations_id_fk" FOREIGN KEY ("invitation_id") REFERENCES "public"."csi_invitations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "csi_responses" ADD CONSTRAINT "csi_responses_campaign_id_csi_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."csi_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "csi_results" ADD CONSTRAINT "csi_results_campaign_id_csi_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."csi_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "csi_results" ADD CONSTRAINT "csi_results_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_subscriptions" ADD CONSTRAINT "report_subscriptions_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_subscriptions" ADD CONSTRAINT "report_subscriptions_created_by_id_people_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_subscriptions" ADD CONSTRAINT "report_subscriptions_cancelled_by_id_people_id_fk" FOREIGN KEY ("cancelled_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "csi_answers_response_service_question_key" ON "csi_answers" USING btree ("response_id","service_id","question_id");--> statement-breakpoint
CREATE INDEX "csi_answers_campaign_idx" ON "csi_answers" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "csi_campaigns_status_closes_idx" ON "csi_campaigns" USING btree ("status","closes_at");--> statement-breakpoint
CREATE UNIQUE INDEX "csi_invitations_campaign_person_key" ON "csi_invitations" USING btree ("campaign_id","person_id");--> statement-breakpoint
CREATE INDEX "csi_invitations_campaign_sent_idx" ON "csi_invitations" USING btree ("campaign_id","sent_at");--> statement-breakpoint
CREATE UNIQUE INDEX "csi_links_invitation_purpose_key" ON "csi_links" USING btree ("invitation_id","purpose");--> statement-breakpoint
CREATE INDEX "csi_responses_campaign_idx" ON "csi_responses" USING btree ("campaign_id");--> statement-breakpoint
CREATE UNIQUE INDEX "report_subscriptions_active_key" ON "report_subscriptions" USING btree ("person_id","kind","language","format","filters") WHERE "report_subscriptions"."cancelled_at" is null;--> statement-breakpoint
CREATE INDEX "report_subscriptions_kind_idx" ON "report_subscriptions" USING btree ("kind","cancelled_at");--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_campus_id_campuses_id_fk" FOREIGN KEY ("campus_id") REFERENCES "public"."campuses"("id") ON DELETE no action ON UPDATE no action;