"use server";

import { z } from "zod";
import { addApprovedDomain, removeApprovedDomain } from "@/db/queries/approved-domains";
import { deleteTenant as deleteTenantRow, updateTenantSettings } from "@/db/queries/tenants";
import { ActionError, NOT_FOUND_MESSAGE } from "@/lib/actions/core";
import { tenantAction } from "@/lib/actions/tenant-action";
import { readIpAllowLists, replaceIpAllowLists } from "@/db/queries/ip-allow-lists";
import { normaliseDomain } from "@/lib/email-domains";
import { ACCESS_KINDS, lockOutMessage, parseCidrList, refusingKinds, type AccessKind } from "@/lib/ip-allow-list";
import { requireFeature } from "@/lib/license-downgrade";
import { TWO_FACTOR_REQUIREMENTS } from "@/db/schema";
import { twoFactorRequiredFor } from "@/lib/two-factor/requirement";
import { listGroupsOfMember, listTwoFactorGroups, setTwoFactorGroups } from "@/db/queries/groups";
import {
  resolveTwoFactorGroups,
  sameTwoFactorRequirement,
  twoFactorGroupsField,
  twoFactorRequirementDetails,
  twoFactorRequirementLabel,
} from "./two-factor-groups";
import { withUniqueName } from "@/lib/actions/unique-name";
import { ContactEmailSchema, TENANT_NAME_TAKEN, TENANT_NAME_UNIQUE_INDEX, TenantNameSchema } from "@/lib/tenant-fields";

// Tenant settings. Each action has the tenant row locked (`lockTenant`) before it reads what it
// changes, so the before/after in its activity entry is exact even when two admins save at once, and
// the license it checks cannot change under it. Paid features (lib/licenses.ts) are refused with LICENSE_REQUIRED when
// extended; relaxing them (removing a domain, switching magic links on) is allowed on any license
// (lib/license-downgrade.ts).

/** Only the fields that changed, as { before, after }. */
function changesBetween<T extends object>(before: T, after: Partial<T>) {
  const changed = (Object.keys(after) as (keyof T)[]).filter((key) => after[key] !== before[key]);
  return {
    changed,
    before: Object.fromEntries(changed.map((key) => [key, before[key]])),
    after: Object.fromEntries(changed.map((key) => [key, after[key]])),
  };
}

/** General: the tenant's name (its slug, and so its URLs, stay) and contact email. */
export const updateGeneralSettings = tenantAction({
  name: "tenant.settings.update",
  permission: "settings.manage",
  lockTenant: true,
  input: z.object({ name: TenantNameSchema, contactEmail: ContactEmailSchema }),
  async run({ tx, actor, input, tenant: current }) {
    const { changed, before, after } = changesBetween(current, { name: input.name, contactEmail: input.contactEmail });
    if (changed.length === 0) return { data: null, activity: null };
    await withUniqueName(TENANT_NAME_UNIQUE_INDEX, TENANT_NAME_TAKEN, () => updateTenantSettings(tx, after));
    const what = changed.map((key) => (key === "name" ? "name" : "contact email")).join(" and ");
    return {
      data: null,
      activity: {
        action: "tenant.settings_updated",
        targetType: "tenant",
        targetId: actor.tenant.id,
        summary: `${actor.user.email} changed the tenant's ${what}`,
        details: { before, after },
      },
    };
  },
});

const DomainInput = z.object({ domain: z.string().max(300, "That is too long for a domain name.") });

export const addDomain = tenantAction({
  name: "tenant.approved_domain.add",
  permission: "settings.manage",
  lockTenant: true,
  input: DomainInput,
  async run({ tx, actor, input, tenant: current }) {
    const parsed = normaliseDomain(input.domain);
    if (!parsed.ok) throw new ActionError("VALIDATION", "Please correct the highlighted fields.", { domain: [parsed.message] });
    requireFeature(current.license, "approvedDomains", "domain");
    if (!(await addApprovedDomain(tx, parsed.domain))) {
      throw new ActionError("CONFLICT", `${parsed.domain} is already approved.`, { domain: [`${parsed.domain} is already approved.`] });
    }
    return {
      data: { domain: parsed.domain },
      activity: {
        action: "tenant.approved_domain_added",
        targetType: "approved_domain",
        targetId: parsed.domain,
        summary: `${actor.user.email} approved the domain ${parsed.domain}`,
        details: { before: null, after: { domain: parsed.domain } },
      },
    };
  },
});

export const removeDomain = tenantAction({
  name: "tenant.approved_domain.remove",
  permission: "settings.manage",
  lockTenant: true,
  input: DomainInput,
  async run({ tx, actor, input }) {
    if (!(await removeApprovedDomain(tx, input.domain))) throw new ActionError("NOT_FOUND", NOT_FOUND_MESSAGE);
    return {
      data: null,
      activity: {
        action: "tenant.approved_domain_removed",
        targetType: "approved_domain",
        targetId: input.domain,
        summary: `${actor.user.email} removed the approved domain ${input.domain}`,
        details: { before: { domain: input.domain }, after: null },
      },
    };
  },
});

/** Login: whether members may sign in to this tenant by magic link (off: a password is required). */
export const setMagicLinkLogin = tenantAction({
  name: "tenant.login_policy.update",
  permission: "settings.manage",
  lockTenant: true,
  input: z.object({ magicLinkEnabled: z.stringbool().or(z.boolean()) }),
  async run({ tx, actor, input, tenant: current }) {
    if (current.magicLinkEnabled === input.magicLinkEnabled) return { data: null, activity: null };
    // Off is the password-only policy (Enterprise); back on only relaxes it, allowed on any license.
    if (!input.magicLinkEnabled) requireFeature(current.license, "passwordOnlyLogin");
    // Switching magic links off from a magic-link session would shut the admin out on their next
    // request; from a password session they know they can come back in.
    if (!input.magicLinkEnabled && actor.user.authMethod !== "password") {
      throw new ActionError(
        "FORBIDDEN",
        "Sign in with your password before switching magic-link login off, so you keep access to this tenant.",
      );
    }
    await updateTenantSettings(tx, { magicLinkEnabled: input.magicLinkEnabled });
    return {
      data: null,
      activity: {
        action: "tenant.login_policy_updated",
        targetType: "tenant",
        targetId: actor.tenant.id,
        summary: `${actor.user.email} switched magic-link login ${input.magicLinkEnabled ? "on" : "off"}`,
        details: { before: { magicLinkEnabled: current.magicLinkEnabled }, after: { magicLinkEnabled: input.magicLinkEnabled } },
      },
    };
  },
});

/**
 * Two-factor: who must have it to enter the tenant (lib/two-factor/requirement.ts), checked on every
 * request: no one, Admins, everyone, or the members of chosen groups (built-in and custom; the custom
 * ones are flagged on their row, so deleting a group takes it out). An Admin cannot require it of
 * themselves before they have it: they would be sent to enrol on their next request anyway, but a
 * tenant whose Admins all lack it should not lock at one click.
 */
export const setTwoFactorRequirement = tenantAction({
  name: "tenant.two_factor_requirement.update",
  permission: "settings.manage",
  lockTenant: true,
  input: z.object({
    twoFactorRequired: z.enum(TWO_FACTOR_REQUIREMENTS, { error: "Choose who must use two-factor from the list." }),
    twoFactorGroups: twoFactorGroupsField,
  }),
  async run({ tx, actor, input, tenant: current }) {
    const requirement = input.twoFactorRequired;
    const chosen = await resolveTwoFactorGroups(tx, requirement, input.twoFactorGroups);
    const before = { requirement: current.twoFactorRequired, roles: current.twoFactorRoles, groups: await listTwoFactorGroups(tx) };
    if (sameTwoFactorRequirement(before, { requirement, ...chosen })) return { data: null, activity: null };
    const callerInChosenGroup = actor.membershipId !== null && (await listGroupsOfMember(tx, tx.tenantId, actor.user.id)).some((group) => chosen.groups.some((g) => g.id === group.id));
    const policy = { twoFactorRequired: requirement, twoFactorRoles: chosen.roles };
    if (twoFactorRequiredFor(policy, { roles: actor.roles, inTwoFactorGroup: callerInChosenGroup }) && !actor.user.twoFactorEnabled) {
      throw new ActionError("FORBIDDEN", "Set up two-factor on your profile before requiring it, so you keep access to this tenant.");
    }
    await updateTenantSettings(tx, { twoFactorRequired: requirement, twoFactorRoles: chosen.roles });
    await setTwoFactorGroups(tx, chosen.groups.map((group) => group.id));
    const after = { requirement, ...chosen };
    return {
      data: null,
      activity: {
        action: "tenant.two_factor_requirement_updated",
        targetType: "tenant",
        targetId: actor.tenant.id,
        summary: `${actor.user.email} changed who must use two-factor from ${twoFactorRequirementLabel(before)} to ${twoFactorRequirementLabel(after)}`,
        details: { before: twoFactorRequirementDetails(before), after: twoFactorRequirementDetails(after) },
      },
    };
  },
});

/**
 * Deletes the tenant and, through ON DELETE CASCADE, everything it owns, its own log included; so the
 * record of the deletion goes to the platform log. The caller must type the tenant's exact name.
 */
export const deleteTenant = tenantAction({
  name: "tenant.delete",
  permission: "tenant.delete",
  lockTenant: true,
  input: z.object({ confirmName: z.string() }),
  async run({ tx, actor, input, tenant: current }) {
    if (input.confirmName !== current.name) {
      throw new ActionError("VALIDATION", "The name does not match.", {
        confirmName: [`Type the tenant's name exactly, "${current.name}", to delete it.`],
      });
    }
    const deleted = await deleteTenantRow(tx);
    if (!deleted) throw new ActionError("NOT_FOUND", NOT_FOUND_MESSAGE);
    return {
      data: null,
      activity: null,
      platformActivity: {
        action: "tenant.deleted",
        subjectTenantId: deleted.id,
        tenantName: deleted.name,
        summary: `${actor.user.email} deleted the tenant ${deleted.name} (${deleted.slug})`,
        details: { slug: deleted.slug, members: deleted.memberCount },
      },
    };
  },
});

const ListText = z.string().max(20_000, "That list is too long.").default("");
const IpAllowListsInput = z.object({
  run: ListText,
  edit: ListText,
  admin: ListText,
  package: ListText,
  confirmLockOut: z.stringbool().or(z.boolean()).default(false),
});

/**
 * IP allow-lists: one list of CIDR blocks per kind of access (lib/ip-allow-list.ts); an empty one
 * leaves its kind open. The lock-out guard: lists that would refuse the saving Admin's own address
 * are saved only with confirmLockOut (a superadmin can still clear them from /admin).
 */
export const saveIpAllowLists = tenantAction({
  name: "tenant.ip_allow_lists.update",
  permission: "settings.manage",
  lockTenant: true,
  input: IpAllowListsInput,
  async run({ tx, actor, input, ip }) {
    const parsed = ACCESS_KINDS.map((kind) => [kind, parseCidrList(input[kind])] as const);
    const fieldErrors = Object.fromEntries(parsed.flatMap(([kind, list]) => (list.ok ? [] : [[kind, [list.message]]])));
    if (Object.keys(fieldErrors).length) throw new ActionError("VALIDATION", "Please correct the highlighted fields.", fieldErrors);
    const after = Object.fromEntries(parsed.map(([kind, list]) => [kind, list.ok ? list.cidrs : []])) as Record<AccessKind, string[]>;
    const excluding = refusingKinds(after, ip);
    if (excluding.length && !input.confirmLockOut) {
      throw new ActionError("VALIDATION", lockOutMessage(excluding, ip), { confirmLockOut: [lockOutMessage(excluding, ip)] });
    }
    const before = await readIpAllowLists(tx);
    await replaceIpAllowLists(tx, after);
    return {
      data: null,
      activity: {
        action: "tenant.ip_allow_lists_updated",
        targetType: "tenant",
        targetId: actor.tenant.id,
        summary: `${actor.user.email} changed the IP allow-lists${excluding.length ? ` (confirmed although they exclude ${ip ?? "their unknown address"})` : ""}`,
        details: { before, after },
      },
      message: "IP allow-lists saved.",
    };
  },
});
