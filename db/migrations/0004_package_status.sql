CREATE TYPE "public"."package_status" AS ENUM('default', 'hidden');--> statement-breakpoint
ALTER TABLE "packages" ADD COLUMN "status" "package_status" DEFAULT 'default' NOT NULL;