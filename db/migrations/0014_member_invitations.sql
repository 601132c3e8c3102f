-- Hand-written: membership status is stored per tenant, with an invitation per membership (issue 10,
-- item 5). Before this, "Invited" was derived from the global account (never signed in anywhere), and
-- adding any address showed its display name: a tenant learnt about accounts of other tenants.
--
-- Invited: added, has not yet accepted this tenant's invitation; the tenant sees only the address
-- that was typed. Existing memberships keep their status (active or suspended): they were made
-- before invitations existed, so they count as accepted (the backfill is "nothing becomes invited").
-- The new enum value is not used in this migration: PostgreSQL refuses a value added in the same
-- transaction.
ALTER TYPE "membership_status" ADD VALUE IF NOT EXISTS 'invited' BEFORE 'active';
--> statement-breakpoint
-- Tenant table. Only a SHA-256 of the token is stored (the token exists only in the mail); a link is
-- looked up only inside the tenant its URL names (row-level security), so tenant A's token means
-- nothing at /join/<B>.
CREATE TABLE "member_invitations" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"membership_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"accepted_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "member_invitations_pk" PRIMARY KEY ("tenant_id", "id"),
	CONSTRAINT "member_invitations_token" UNIQUE ("tenant_id", "token_hash"),
	CONSTRAINT "member_invitations_tenant_fk" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE cascade,
	CONSTRAINT "member_invitations_membership_fk" FOREIGN KEY ("tenant_id", "membership_id") REFERENCES "memberships"("tenant_id", "id") ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX "member_invitations_membership" ON "member_invitations" USING btree ("tenant_id", "membership_id");
--> statement-breakpoint
ALTER TABLE "member_invitations" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "member_invitations" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "member_invitations"
  USING (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid))
  WITH CHECK (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "member_invitations" TO tenantry_app;
