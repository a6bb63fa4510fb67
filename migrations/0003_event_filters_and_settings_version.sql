DROP INDEX "events_occurred_idx";--> statement-breakpoint
DROP INDEX "events_consumer_idx";--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE INDEX "events_action_idx" ON "events" USING btree ("action","occurred_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "events_actor_idx" ON "events" USING btree ("actor_id","occurred_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "events_ip_idx" ON "events" USING btree ("ip","occurred_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "events_occurred_idx" ON "events" USING btree ("occurred_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "events_consumer_idx" ON "events" USING btree ("consumer_id","occurred_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);