-- Tenants from a signed token (issue 13, item 5): integrations (a global table, written only by
-- superadmins through the platform role, read by the API door), and on tenants the integration and
-- external tenant id that created it, unique together (two first calls create one tenant).
CREATE TABLE "integrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"algorithm" text NOT NULL,
	"secret_key_id" text,
	"secret_iv" text,
	"secret_auth_tag" text,
	"secret_ciphertext" text,
	"public_key" text,
	"default_license" text NOT NULL,
	"default_role" text NOT NULL,
	"created_by_email" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "integrations_algorithm" CHECK ("integrations"."algorithm" in ('HS256', 'RS256', 'ES256')),
	CONSTRAINT "integrations_default_role" CHECK ("integrations"."default_role" in ('viewer', 'editor', 'admin')),
	CONSTRAINT "integrations_key_material" CHECK (("integrations"."algorithm" = 'HS256' and "integrations"."secret_ciphertext" is not null and "integrations"."public_key" is null)
        or ("integrations"."algorithm" <> 'HS256' and "integrations"."public_key" is not null and "integrations"."secret_ciphertext" is null))
);
--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "integration_id" uuid;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "external_id" text;--> statement-breakpoint
CREATE UNIQUE INDEX "integrations_name" ON "integrations" USING btree ("name");--> statement-breakpoint
ALTER TABLE "tenants" ADD CONSTRAINT "tenants_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "tenants_integration_external" ON "tenants" USING btree ("integration_id","external_id");--> statement-breakpoint
ALTER TABLE "tenants" ADD CONSTRAINT "tenants_integration_external_together" CHECK (("tenants"."integration_id" is null) = ("tenants"."external_id" is null));
--> statement-breakpoint
REVOKE INSERT, UPDATE, DELETE ON "integrations" FROM tenantry_app;
--> statement-breakpoint
GRANT INSERT, UPDATE ON "integrations" TO tenantry_platform;
--> statement-breakpoint
-- rotate-secrets-key (runtime role, withSystem) re-encrypts the HS256 secrets: those columns only.
GRANT UPDATE ("secret_key_id", "secret_iv", "secret_auth_tag", "secret_ciphertext") ON "integrations" TO tenantry_app;
