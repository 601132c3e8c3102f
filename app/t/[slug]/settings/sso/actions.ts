"use server";

import { z } from "zod";
import { deleteSamlConfig, findSamlConfig, upsertSamlConfig, type SamlConfig } from "@/db/queries/saml";
import { ActionError, NOT_FOUND_MESSAGE } from "@/lib/actions/core";
import { tenantAction } from "@/lib/actions/tenant-action";
import { IDP_METADATA_MAX_LENGTH, parseIdpMetadata } from "@/lib/sso/idp-metadata";
import { readSsoDefaultGroup } from "./sso-default-group";
import { assertKeepsAccess, assertNoOtherProtocol, FIX_FIELDS, readSsoRequirement } from "./sso-requirement";

// Settings → Single sign-on (issue 16, item 1): the tenant's SAML identity provider, the attribute
// that carries the user's address, and "Require single sign-on" with its break-glass Admin.

const EMAIL_ATTRIBUTE_PATTERN = /^[A-Za-z0-9_.:/-]{1,200}$/;

const SamlSettingsInput = z.object({
  idpMetadata: z.string().max(IDP_METADATA_MAX_LENGTH + 1000, "That metadata is too long (at most 200,000 characters).").default(""),
  emailAttribute: z.string().trim().default("email"),
  requireSso: z.stringbool().or(z.boolean()).default(false),
  breakGlassEmail: z.string().max(254, "That address is too long.").default(""),
  defaultGroup: z.string().max(100).default("viewer"),
});

export const saveSamlSettings = tenantAction({
  name: "tenant.sso.update",
  permission: "settings.manage",
  lockTenant: true,
  input: SamlSettingsInput,
  async run({ tx, actor, input }) {
    const fieldErrors: Record<string, string[]> = {};
    const parsed = parseIdpMetadata(input.idpMetadata);
    if (!parsed.ok) fieldErrors.idpMetadata = [parsed.message];
    if (!EMAIL_ATTRIBUTE_PATTERN.test(input.emailAttribute)) {
      fieldErrors.emailAttribute = ["Enter the attribute's name, like email or urn:oid:0.9.2342.19200300.100.1.3 (or NameID for the subject)."];
    }
    const { breakGlassEmail, breakGlassUserId } = await readSsoRequirement(tx, actor, input, fieldErrors);
    const { label: defaultGroup, ...defaultSetting } = await readSsoDefaultGroup(tx, input.defaultGroup, fieldErrors);
    if (Object.keys(fieldErrors).length || !parsed.ok) throw new ActionError("VALIDATION", FIX_FIELDS, fieldErrors);
    assertKeepsAccess(actor, input.requireSso, breakGlassUserId);
    await assertNoOtherProtocol(tx, "saml");

    const before = await findSamlConfig(tx);
    const { entityId, ssoUrl, certs } = parsed.metadata;
    await upsertSamlConfig(tx, {
      idpMetadataXml: input.idpMetadata,
      idpEntityId: entityId,
      idpSsoUrl: ssoUrl,
      idpCerts: certs,
      emailAttribute: input.emailAttribute,
      requireSso: input.requireSso,
      breakGlassUserId,
      ...defaultSetting,
    });
    type Described = Pick<SamlConfig, "idpEntityId" | "idpSsoUrl" | "emailAttribute" | "requireSso" | "breakGlassUserId" | "defaultRole" | "defaultGroupId">;
    const describe = (config: Described | null) =>
      config && {
        idpEntityId: config.idpEntityId,
        idpSsoUrl: config.idpSsoUrl,
        emailAttribute: config.emailAttribute,
        requireSso: config.requireSso,
        breakGlassUserId: config.breakGlassUserId,
        defaultRole: config.defaultRole,
        defaultGroupId: config.defaultGroupId,
      };
    return {
      data: null,
      message: "Single sign-on saved.",
      activity: {
        action: "tenant.sso_updated",
        targetType: "tenant",
        targetId: actor.tenant.id,
        summary: `${actor.user.email} ${before ? "changed" : "set up"} single sign-on with ${entityId}${input.requireSso ? " (required; break-glass Admin " + breakGlassEmail + ")" : ""}; new users join as ${defaultGroup}`,
        details: {
          before: describe(before),
          after: describe({ idpEntityId: entityId, idpSsoUrl: ssoUrl, emailAttribute: input.emailAttribute, requireSso: input.requireSso, breakGlassUserId, ...defaultSetting }),
        },
      },
    };
  },
});

export const removeSamlSettings = tenantAction({
  name: "tenant.sso.remove",
  permission: "settings.manage",
  lockTenant: true,
  input: z.object({}),
  async run({ tx, actor }) {
    const before = await findSamlConfig(tx);
    if (!before || !(await deleteSamlConfig(tx))) throw new ActionError("NOT_FOUND", NOT_FOUND_MESSAGE);
    return {
      data: null,
      message: "Single sign-on removed.",
      activity: {
        action: "tenant.sso_removed",
        targetType: "tenant",
        targetId: actor.tenant.id,
        summary: `${actor.user.email} removed single sign-on with ${before.idpEntityId}`,
        details: { before: { idpEntityId: before.idpEntityId, requireSso: before.requireSso }, after: null },
      },
    };
  },
});
