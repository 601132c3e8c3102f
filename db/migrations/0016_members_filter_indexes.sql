-- Hand-written (issue 11, item 3): the members list's status and role filters at 20,000 members.
-- Under row-level security enum `=` and array `@>` cannot be index conditions (they are not
-- leakproof), so a filter read every member of the tenant and tested each one; a filtered page also
-- counts all matches. A partial index per status and per role holds only the matching members, in
-- the list's default order (newest first) with what the page reads (user_id, status, roles): the
-- planner picks it because the query's own condition implies the index's predicate, which needs no
-- leakproof operator, so a filter reads only its own members, index-only. Invited's predicate names
-- the other two statuses: 'invited' was added to the enum in 0014, and a fresh database runs every
-- migration in one transaction, where PostgreSQL refuses a new enum value before it is committed
-- (status = 'invited' implies it all the same).
CREATE INDEX IF NOT EXISTS "memberships_tenant_invited" ON "memberships" USING btree ("tenant_id", "created_at" DESC, "id" DESC) INCLUDE ("user_id", "roles", "status") WHERE "status" <> 'active' AND "status" <> 'suspended';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "memberships_tenant_active" ON "memberships" USING btree ("tenant_id", "created_at" DESC, "id" DESC) INCLUDE ("user_id", "roles", "status") WHERE "status" = 'active';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "memberships_tenant_suspended" ON "memberships" USING btree ("tenant_id", "created_at" DESC, "id" DESC) INCLUDE ("user_id", "roles", "status") WHERE "status" = 'suspended';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "memberships_tenant_viewers" ON "memberships" USING btree ("tenant_id", "created_at" DESC, "id" DESC) INCLUDE ("user_id", "roles", "status") WHERE "roles" @> '{viewer}'::member_role[];
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "memberships_tenant_editors" ON "memberships" USING btree ("tenant_id", "created_at" DESC, "id" DESC) INCLUDE ("user_id", "roles", "status") WHERE "roles" @> '{editor}'::member_role[];
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "memberships_tenant_admins" ON "memberships" USING btree ("tenant_id", "created_at" DESC, "id" DESC) INCLUDE ("user_id", "roles", "status") WHERE "roles" @> '{admin}'::member_role[];
