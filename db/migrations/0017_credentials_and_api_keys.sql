-- Hand-written: credentials (encrypted secrets) and API keys, two tenant tables (issue 13, items 1
-- and 2), under forced row-level security like every tenant table.
--
-- credentials: the value only as AES-256-GCM ciphertext with its IV and tag, and the id of the key it
-- is encrypted under (so the key can be rotated: npm run admin -- rotate-secrets-key), plus its last
-- 4 characters, the only part the console shows.
CREATE TABLE "credentials" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"key_id" text NOT NULL,
	"iv" text NOT NULL,
	"auth_tag" text NOT NULL,
	"ciphertext" text NOT NULL,
	"value_last4" text NOT NULL,
	"updated_by_user_id" uuid,
	"updated_by_email" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credentials_pk" PRIMARY KEY ("tenant_id", "id"),
	CONSTRAINT "credentials_tenant_name" UNIQUE ("tenant_id", "name"),
	CONSTRAINT "credentials_tenant_fk" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE "credentials" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "credentials" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "credentials"
  USING (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid))
  WITH CHECK (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "credentials" TO tenantry_app;
--> statement-breakpoint

-- api_keys: only a SHA-256 of the key. An API request names no tenant, only its key: the
-- api_key_lookup policy shows, read-only, the one row whose hash the scope names (app.api_key_hash,
-- set by withApiKeyLookup with a bound parameter), and the request then runs inside that key's
-- tenant. Knowing a hash is knowing the key, so the policy gives nothing the key does not.
CREATE TABLE "api_keys" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"role" "member_role" NOT NULL,
	"key_hash" text NOT NULL,
	"expires_at" timestamp with time zone,
	"created_by_email" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"last_used_ip" text,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_keys_pk" PRIMARY KEY ("tenant_id", "id"),
	CONSTRAINT "api_keys_tenant_fk" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_key_hash" ON "api_keys" USING btree ("key_hash");
--> statement-breakpoint
CREATE INDEX "api_keys_tenant_created" ON "api_keys" USING btree ("tenant_id", "created_at");
--> statement-breakpoint
ALTER TABLE "api_keys" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "api_keys" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "api_keys"
  USING (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid))
  WITH CHECK (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid));
--> statement-breakpoint
CREATE POLICY api_key_lookup ON "api_keys" FOR SELECT
  USING (key_hash = (SELECT nullif(current_setting('app.api_key_hash', true), '')));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "api_keys" TO tenantry_app;
