ALTER TABLE "instance_settings" ADD COLUMN "project_access_token_creation_default" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "instance_settings" ADD COLUMN "bots_can_read_internal_projects" boolean DEFAULT true NOT NULL;--> statement-breakpoint
CREATE INDEX "audit_events_action_idx" ON "audit_events" USING btree ("action");--> statement-breakpoint
CREATE INDEX "audit_events_author_name_lower_idx" ON "audit_events" USING btree (lower("author_name"));--> statement-breakpoint
ALTER TABLE "instance_settings" ADD CONSTRAINT "instance_settings_max_lifetime_range" CHECK ("instance_settings"."max_access_token_lifetime_days" between 1 and 400);--> statement-breakpoint
ALTER TABLE "instance_settings" ADD CONSTRAINT "instance_settings_token_prefix_shape" CHECK ("instance_settings"."token_prefix" ~ '^[A-Za-z0-9_-]{0,20}$');