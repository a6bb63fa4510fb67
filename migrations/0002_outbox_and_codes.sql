CREATE TABLE "messages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"consumer_id" uuid,
	"channel" text DEFAULT 'email' NOT NULL,
	"recipient" text NOT NULL,
	"template" text NOT NULL,
	"subject" text NOT NULL,
	"body" text,
	"contains_secret" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"transport" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"locked_until" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "messages_status_check" CHECK ("messages"."status" in ('pending', 'sending', 'sent', 'failed', 'expired'))
);
--> statement-breakpoint
CREATE TABLE "usage_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"consumer_id" uuid,
	"occurred_at" timestamp with time zone NOT NULL,
	"units" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "verification_codes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"consumer_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"channel" text DEFAULT 'email' NOT NULL,
	"destination" text NOT NULL,
	"challenge_hash" text,
	"code_salt" text NOT NULL,
	"code_hash" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"consumed_at" timestamp with time zone,
	"voided_at" timestamp with time zone,
	"outcome" text,
	CONSTRAINT "verification_codes_purpose_check" CHECK ("verification_codes"."purpose" in ('activation', 'two_step'))
);
--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_consumer_id_consumers_id_fk" FOREIGN KEY ("consumer_id") REFERENCES "public"."consumers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verification_codes" ADD CONSTRAINT "verification_codes_consumer_id_consumers_id_fk" FOREIGN KEY ("consumer_id") REFERENCES "public"."consumers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "messages_due_idx" ON "messages" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "messages_created_idx" ON "messages" USING btree ("created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "usage_events_kind_time_idx" ON "usage_events" USING btree ("kind","occurred_at");--> statement-breakpoint
CREATE INDEX "verification_codes_consumer_idx" ON "verification_codes" USING btree ("consumer_id","purpose","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "verification_codes_challenge_idx" ON "verification_codes" USING btree ("challenge_hash");--> statement-breakpoint
CREATE INDEX "verification_codes_created_idx" ON "verification_codes" USING btree ("created_at" DESC NULLS LAST);