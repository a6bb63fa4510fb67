-- Failed sign-in attempts and locks per identifier (SR-84 to SR-88). The identifier is a hash
-- of the normalized email, so an unknown address is counted without being stored in clear.
CREATE TABLE "sign_in_failures" (
	"identifier_hash" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"lock_streak" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sign_in_failures_counts_check" CHECK ("sign_in_failures"."failures" >= 0 and "sign_in_failures"."lock_streak" >= 0)
);
--> statement-breakpoint
CREATE INDEX "sign_in_failures_expires_idx" ON "sign_in_failures" USING btree ("expires_at");