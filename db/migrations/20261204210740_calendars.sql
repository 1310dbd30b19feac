CREATE TABLE "calendar_holidays" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"calendar_id" uuid NOT NULL,
	"date" date NOT NULL,
	"name_ms" text NOT NULL,
	"name_en" text NOT NULL,
	"kind" text NOT NULL,
	"confirmed" boolean DEFAULT false NOT NULL,
	"source" text DEFAULT 'manual' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_holidays_kind_check" CHECK ("calendar_holidays"."kind" in ('public', 'state', 'one_off', 'replacement'))
);
--> statement-breakpoint
CREATE TABLE "calendar_hours" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"calendar_id" uuid NOT NULL,
	"effective_from" date NOT NULL,
	"weekday" integer NOT NULL,
	"start_minute" integer NOT NULL,
	"end_minute" integer NOT NULL,
	CONSTRAINT "calendar_hours_weekday_check" CHECK ("calendar_hours"."weekday" between 0 and 6),
	CONSTRAINT "calendar_hours_range_check" CHECK ("calendar_hours"."start_minute" >= 0 and "calendar_hours"."start_minute" < "calendar_hours"."end_minute" and "calendar_hours"."end_minute" <= 1440)
);
--> statement-breakpoint
CREATE TABLE "calendar_special_hours" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"special_period_id" uuid NOT NULL,
	"weekday" integer NOT NULL,
	"start_minute" integer NOT NULL,
	"end_minute" integer NOT NULL,
	CONSTRAINT "calendar_special_hours_weekday_check" CHECK ("calendar_special_hours"."weekday" between 0 and 6),
	CONSTRAINT "calendar_special_hours_range_check" CHECK ("calendar_special_hours"."start_minute" >= 0 and "calendar_special_hours"."start_minute" < "calendar_special_hours"."end_minute" and "calendar_special_hours"."end_minute" <= 1440)
);
--> statement-breakpoint
CREATE TABLE "calendar_special_periods" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"calendar_id" uuid NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"name_ms" text NOT NULL,
	"name_en" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_special_periods_dates_check" CHECK ("calendar_special_periods"."start_date" <= "calendar_special_periods"."end_date")
);
--> statement-breakpoint
CREATE TABLE "calendar_weekends" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"calendar_id" uuid NOT NULL,
	"effective_from" date NOT NULL,
	"weekdays" integer[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "calendars" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name_ms" text NOT NULL,
	"name_en" text NOT NULL,
	"time_zone" text DEFAULT 'Asia/Kuala_Lumpur' NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendars_code_unique" UNIQUE("code")
);
--> statement-breakpoint
ALTER TABLE "calendar_holidays" ADD CONSTRAINT "calendar_holidays_calendar_id_calendars_id_fk" FOREIGN KEY ("calendar_id") REFERENCES "public"."calendars"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_hours" ADD CONSTRAINT "calendar_hours_calendar_id_calendars_id_fk" FOREIGN KEY ("calendar_id") REFERENCES "public"."calendars"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_special_hours" ADD CONSTRAINT "calendar_special_hours_special_period_id_calendar_special_periods_id_fk" FOREIGN KEY ("special_period_id") REFERENCES "public"."calendar_special_periods"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_special_periods" ADD CONSTRAINT "calendar_special_periods_calendar_id_calendars_id_fk" FOREIGN KEY ("calendar_id") REFERENCES "public"."calendars"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_weekends" ADD CONSTRAINT "calendar_weekends_calendar_id_calendars_id_fk" FOREIGN KEY ("calendar_id") REFERENCES "public"."calendars"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_holidays_calendar_date_name_key" ON "calendar_holidays" USING btree ("calendar_id","date","name_en");--> statement-breakpoint
CREATE INDEX "calendar_hours_calendar_idx" ON "calendar_hours" USING btree ("calendar_id","effective_from");--> statement-breakpoint
CREATE INDEX "calendar_special_hours_period_idx" ON "calendar_special_hours" USING btree ("special_period_id");--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_special_periods_calendar_start_key" ON "calendar_special_periods" USING btree ("calendar_id","start_date");--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_weekends_calendar_from_key" ON "calendar_weekends" USING btree ("calendar_id","effective_from");--> statement-breakpoint
CREATE UNIQUE INDEX "calendars_one_default_key" ON "calendars" USING btree ("is_default") WHERE "calendars"."is_default";