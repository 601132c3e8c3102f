CREATE TABLE "activity_terms" (
	"tenant_id" uuid NOT NULL,
	"term" text COLLATE "C" NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"activity_id" uuid NOT NULL,
	CONSTRAINT "activity_terms_tenant_id_term_created_at_activity_id_pk" PRIMARY KEY("tenant_id","term","created_at","activity_id")
);
--> statement-breakpoint
DROP INDEX "activity_summary_trgm";--> statement-breakpoint
ALTER TABLE "activity_terms" ADD CONSTRAINT "activity_terms_tenant_id_activity_id_activity_tenant_id_id_fk" FOREIGN KEY ("tenant_id","activity_id") REFERENCES "public"."activity"("tenant_id","id") ON DELETE cascade ON UPDATE no action;