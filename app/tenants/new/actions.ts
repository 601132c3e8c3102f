"use server";

import { z } from "zod";
import { insertMembership } from "@/db/queries/memberships";
import { countTenantsOwnedBy, insertTenantIfSlugFree } from "@/db/queries/tenants";
import { lockTenantCreationAllowance, setLastTenant } from "@/db/queries/users";
import { redirectOnSuccess } from "@/lib/actions/after-commit";
import { ActionError } from "@/lib/actions/core";
import { userAction } from "@/lib/actions/user-action";
import { TENANT_NAME_TAKEN, TENANT_NAME_UNIQUE_INDEX, TenantNameSchema } from "@/lib/tenant-fields";
import { RESERVED_SLUG_MESSAGE, RESERVED_SLUGS, SLUG_FORMAT_MESSAGE, SLUG_PATTERN } from "@/lib/tenant-slug";
import { withUniqueName } from "@/lib/actions/unique-name";
import { tenantCreationRefusal } from "@/lib/tenant-allowance";

const CreateTenantInput = z.object({
  name: TenantNameSchema,
  slug: z.string().trim().min(1, { message: "Enter a slug for the tenant's address.", abort: true }).regex(SLUG_PATTERN, SLUG_FORMAT_MESSAGE)
    .refine((slug) => !RESERVED_SLUGS.includes(slug), RESERVED_SLUG_MESSAGE),
});

/**
 * Creates a tenant owned by the caller, who becomes its first Admin. The caller's user row is locked
 * before their tenants are counted, so parallel creations cannot together pass the tenant limit.
 */
export const createTenant = userAction({
  name: "tenant.create",
  input: CreateTenantInput,
  async run({ tx, user, input, recordInTenant }) {
    const allowance = await lockTenantCreationAllowance(tx, user.id);
    const refusal = allowance && tenantCreationRefusal({ ...allowance, owned: await countTenantsOwnedBy(tx, user.id) });
    if (!allowance || refusal) throw new ActionError("FORBIDDEN", refusal ?? "Your account cannot create tenants.");

    const tenant = await withUniqueName(TENANT_NAME_UNIQUE_INDEX, TENANT_NAME_TAKEN, () =>
      insertTenantIfSlugFree(tx, { name: input.name, slug: input.slug, createdBy: user.id }),
    );
    if (!tenant) {
      throw new ActionError("CONFLICT", "That address is taken.", { slug: [`"${input.slug}" is taken. Choose another slug.`] });
    }
    await setLastTenant(tx, user.id, tenant.id);
    const inTenant = await recordInTenant(tenant.id, {
      action: "tenant.created",
      targetType: "tenant",
      targetId: tenant.id,
      summary: `${user.email} created ${tenant.name}`,
      details: { after: { name: tenant.name, slug: tenant.slug } },
    });
    // recordInTenant left the transaction in the new tenant's scope, where its first membership goes.
    const membership = await insertMembership(inTenant, { userId: user.id, roles: ["admin"] });
    await recordInTenant(tenant.id, {
      action: "member.added",
      targetType: "membership",
      targetId: membership.id,
      summary: `${user.email} became the first Admin of ${tenant.name}`,
      details: { roles: ["admin"] },
    });
    return {
      data: { slug: tenant.slug },
      activity: {
        action: "tenant.created",
        subjectTenantId: tenant.id,
        tenantName: tenant.name,
        summary: `${user.email} created ${tenant.name} (${tenant.slug})`,
      },
    };
  },
});

/** The form's action: lands in the new tenant, or answers why not (the form's fields keep what was typed). */
export const submitCreateTenant = redirectOnSuccess(createTenant, (created) => `/t/${created.slug}`);
