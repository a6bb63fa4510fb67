-- Newest-first lists order by `created_at desc`, which means NULLS FIRST: indexes built
-- NULLS LAST could not serve them.
DROP INDEX "consumers_created_idx";--> statement-breakpoint
DROP INDEX "consumers_status_created_idx";--> statement-breakpoint
DROP INDEX "messages_created_idx";--> statement-breakpoint
DROP INDEX "verification_codes_consumer_idx";--> statement-breakpoint
DROP INDEX "verification_codes_created_idx";--> statement-breakpoint
CREATE INDEX "consumers_created_idx" ON "consumers" USING btree ("created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "consumers_status_created_idx" ON "consumers" USING btree ("status","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "messages_created_idx" ON "messages" USING btree ("created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "verification_codes_consumer_idx" ON "verification_codes" USING btree ("consumer_id","purpose","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "verification_codes_created_idx" ON "verification_codes" USING btree ("created_at" DESC NULLS FIRST);