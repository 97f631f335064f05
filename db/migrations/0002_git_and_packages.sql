CREATE TYPE "public"."package_type" AS ENUM('generic');--> statement-breakpoint
CREATE TABLE "authentication_bans" (
	"ip_address" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"window_started_at" timestamp with time zone NOT NULL,
	"banned_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "push_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"author_id" integer NOT NULL,
	"ref" text NOT NULL,
	"before_sha" text NOT NULL,
	"after_sha" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "package_files" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"package_id" bigint NOT NULL,
	"file_name" text NOT NULL,
	"size" bigint NOT NULL,
	"file_sha256" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "packages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"package_type" "package_type" DEFAULT 'generic' NOT NULL,
	"name" text NOT NULL,
	"version" text NOT NULL,
	"creator_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "instance_settings" ADD COLUMN "password_authentication_enabled_for_git" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "instance_settings" ADD COLUMN "generic_packages_max_file_size" bigint DEFAULT 5368709120 NOT NULL;--> statement-breakpoint
ALTER TABLE "instance_settings" ADD COLUMN "generic_duplicates_allowed" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "push_events" ADD CONSTRAINT "push_events_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "push_events" ADD CONSTRAINT "push_events_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "package_files" ADD CONSTRAINT "package_files_package_id_packages_id_fk" FOREIGN KEY ("package_id") REFERENCES "public"."packages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "packages" ADD CONSTRAINT "packages_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "packages" ADD CONSTRAINT "packages_creator_id_users_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "push_events_project_created_idx" ON "push_events" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE INDEX "push_events_author_idx" ON "push_events" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "package_files_package_name_idx" ON "package_files" USING btree ("package_id","file_name");--> statement-breakpoint
CREATE INDEX "package_files_sha256_idx" ON "package_files" USING btree ("file_sha256");--> statement-breakpoint
CREATE UNIQUE INDEX "packages_project_type_name_version_idx" ON "packages" USING btree ("project_id","package_type","name","version");--> statement-breakpoint
ALTER TABLE "instance_settings" ADD CONSTRAINT "instance_settings_generic_packages_max_file_size_positive" CHECK ("instance_settings"."generic_packages_max_file_size" > 0);