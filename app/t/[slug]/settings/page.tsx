import { notFound } from "next/navigation";
import type { Metadata } from "next";
import { withActorTenant, type TenantTx } from "@/db/scopes";
import { readTogether } from "@/db/read-together";
import { listApprovedDomains } from "@/db/queries/approved-domains";
import { readIpAllowLists } from "@/db/queries/ip-allow-lists";
import { findSamlConfig, findUserEmailById } from "@/db/queries/saml";
import { publicOrigin } from "@/lib/app-url";
import { acsUrl, spEntityId } from "@/lib/sso/saml-service-provider";
import { removeSamlSettings, saveSamlSettings } from "./sso/actions";
import { SsoSettingsForm, type SamlSettingsView } from "./sso/sso-settings-form";
import { ssoDefaultGroupValue } from "./sso/sso-default-group";
import { findOidcConfig } from "@/db/queries/oidc";
import { oidcRedirectUri } from "@/lib/sso/oidc-client";
import { removeOidcSettings, saveOidcSettings } from "./sso/oidc-actions";
import { OidcSettingsForm, type OidcSettingsView } from "./sso/oidc-settings-form";
import { getTenantSettings } from "@/db/queries/tenants";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/actor";
import { clientIp } from "@/lib/client-ip";
import { licenseAllows, licenseRequiredMessage, type Feature } from "@/lib/licenses";
import { can } from "@/lib/permissions";
import { addDomain, deleteTenant, removeDomain, setMagicLinkLogin, saveIpAllowLists, setTwoFactorRequirement, updateGeneralSettings } from "./actions";
import { TwoFactorRequirementForm } from "./two-factor-requirement-form";
import { twoFactorGroupChoices } from "./two-factor-group-choices";
import { readGroupChoices } from "@/lib/groups/group-choices";
import { IpAllowListsForm } from "./ip-allow-lists-form";
import { ApprovedDomains } from "./approved-domains";
import { CopyButton } from "@/components/ui/copy-button";
import { DeleteTenant } from "./delete-tenant";
import { ArchiveTenant } from "./archive/archive-tenant";
import { archiveTenant, restoreTenant } from "./archive/actions";
import { GeneralSettingsForm } from "./general-settings-form";
import { MagicLinkSwitch } from "./magic-link-switch";
import { DashboardsOnlySwitch } from "./client-access/dashboards-only-switch";
import { setViewersSeeDashboardsOnly } from "./client-access/actions";
import { importTenantData, previewTenantImport } from "./export-import/actions";
import { ExportTenantForm } from "./export-import/export-tenant-form";
import { ImportTenantForm } from "./export-import/import-tenant-form";

export const metadata: Metadata = { title: "Settings" };

function Section({ id, title, description, children }: { id: string; title: string; description?: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="border-t border-slate-200 py-6">
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        {title}
      </h2>
      {description && <p className="mt-1 max-w-2xl text-sm text-slate-600">{description}</p>}
      <div className="mt-4">{children}</div>
    </section>
  );
}

/** The tenant's SAML settings as the form shows them (the break-glass Admin by address). */
async function samlSettingsView(tx: TenantTx): Promise<SamlSettingsView | null> {
  const config = await findSamlConfig(tx);
  if (!config) return null;
  const { idpMetadataXml, idpEntityId, emailAttribute, requireSso } = config;
  const breakGlassEmail = (await findUserEmailById(tx, config.breakGlassUserId)) ?? "";
  return { idpMetadataXml, idpEntityId, emailAttribute, requireSso, breakGlassEmail, defaultGroup: ssoDefaultGroupValue(config) };
}

/** The tenant's OpenID Connect settings as the form shows them (never the secret). */
async function oidcSettingsView(tx: TenantTx): Promise<OidcSettingsView | null> {
  const config = await findOidcConfig(tx);
  if (!config) return null;
  const { issuer, clientId, emailClaim, requireSso } = config;
  const breakGlassEmail = (await findUserEmailById(tx, config.breakGlassUserId)) ?? "";
  return { issuer, clientId, emailClaim, requireSso, breakGlassEmail, defaultGroup: ssoDefaultGroupValue(config) };
}

// Every member sees the settings; only Admins (settings.manage, tenant.delete) can change them.
export default async function SettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const actor = await requireActor(slug);
  // Every built-in group holds settings.read; a member in custom groups only may not.
  if (!can(actor, "settings.read")) notFound();
  const { settings, domains, ipAllowLists, saml, oidc, groupChoices } = await withActorTenant(actor, (tx) =>
    readTogether(tx, {
      settings: getTenantSettings,
      domains: listApprovedDomains,
      ipAllowLists: readIpAllowLists,
      saml: samlSettingsView,
      oidc: oidcSettingsView,
      groupChoices: readGroupChoices,
    }),
  );
  if (!settings) return null; // deleted between the actor check and this read: the next request 404s
  const canManage = can(actor, "settings.manage");
  // Why a paid control is disabled: the same check the actions make (lib/licenses.ts).
  const unavailable = (feature: Feature) => (licenseAllows(settings.license, feature) ? null : licenseRequiredMessage(feature, settings.license));

  return (
    <>
      <PageHeader
        title="Settings"
        description={canManage ? undefined : "Only Admins can change these settings. You can see them."}
      />
      <Section id="general" title="General">
        <GeneralSettingsForm
          slug={slug}
          name={settings.name}
          contactEmail={settings.contactEmail ?? ""}
          canManage={canManage}
          updateGeneralSettings={updateGeneralSettings}
        />
        <dl className="mt-6 max-w-xl">
          <dt className="text-sm font-medium">Tenant ID</dt>
          <dd className="mt-1 flex flex-wrap items-center gap-3">
            <code data-testid="tenant-id" className="rounded bg-slate-100 px-2 py-1 text-sm">
              {settings.id}
            </code>
            <CopyButton value={settings.id} label="Copy tenant ID" />
          </dd>
        </dl>
      </Section>
      <Section
        id="approved-domains"
        title="Approved domains"
        description="When there are approved domains, only addresses in them can be added as members. Members outside them are flagged in the member list."
      >
        <ApprovedDomains
          slug={slug}
          domains={domains}
          canManage={canManage}
          unavailable={unavailable("approvedDomains")}
          addDomain={addDomain}
          removeDomain={removeDomain}
        />
      </Section>
      <Section id="login" title="Login" description="How members sign in to this tenant.">
        <MagicLinkSwitch
          slug={slug}
          enabled={settings.magicLinkEnabled}
          canManage={canManage}
          passwordOnlyUnavailable={unavailable("passwordOnlyLogin")}
          setMagicLinkLogin={setMagicLinkLogin}
        />
      </Section>
      <Section
        id="client-access"
        title="Client access"
        description="For clients invited as Viewers: they see the tenant's dashboards without its internal flows, tables, connections or credentials. A member who also has Editor, Admin or any custom group keeps what those give."
      >
        <DashboardsOnlySwitch
          slug={slug}
          enabled={settings.viewersSeeDashboardsOnly}
          canManage={canManage}
          setViewersSeeDashboardsOnly={setViewersSeeDashboardsOnly}
        />
      </Section>
      <Section
        id="two-factor"
        title="Two-factor authentication"
        description="Who must use two-factor authentication (a code from an authenticator app) to enter this tenant. Members without it are asked to set it up first."
      >
        <TwoFactorRequirementForm
          slug={slug}
          requirement={settings.twoFactorRequired}
          groups={twoFactorGroupChoices(settings.twoFactorRoles, groupChoices.groups)}
          moreGroupsNote={groupChoices.moreNote}
          canManage={canManage}
          setTwoFactorRequirement={setTwoFactorRequirement}
        />
      </Section>
      {canManage && (
        <Section
          id="single-sign-on"
          title="Single sign-on"
          description="Sign members in through your SAML 2.0 identity provider. New users whose address is in an approved domain join the default group chosen below on their first sign-in."
        >
          <SsoSettingsForm
            slug={slug}
            saved={saml}
            groupChoices={groupChoices}
            spEntityId={spEntityId(publicOrigin(), slug)}
            acsUrl={acsUrl(publicOrigin(), slug)}
            canManage
            saveSamlSettings={saveSamlSettings}
            removeSamlSettings={removeSamlSettings}
          />
        </Section>
      )}
      {canManage && (
        <Section
          id="openid-connect"
          title="OpenID Connect"
          description="Or sign members in through an OpenID Connect provider. A tenant has one identity provider: remove the SAML set-up above before saving this, and this before saving SAML. Sign in with single sign-on starts whichever is set up."
        >
          <OidcSettingsForm
            slug={slug}
            saved={oidc}
            groupChoices={groupChoices}
            redirectUri={oidcRedirectUri(publicOrigin(), slug)}
            saveOidcSettings={saveOidcSettings}
            removeOidcSettings={removeOidcSettings}
          />
        </Section>
      )}
      {canManage && (
      <Section
        id="ip-allow-lists"
        title="IP allow-lists"
        description="Which addresses may do each kind of thing in this tenant: IPv4 or IPv6 addresses or CIDR blocks (10.0.0.0/8, 2001:db8::/32), one per line. An empty list does not restrict. A page opens from an address that at least one kind allows."
      >
        <IpAllowListsForm slug={slug} lists={ipAllowLists} address={await clientIp()} canManage saveIpAllowLists={saveIpAllowLists} />
      </Section>
      )}
      {canManage && (
        <Section
          id="export-import"
          title="Export and import"
          description="The tenant's data as one file: settings, approved domains, IP allow-lists, flows, tables with their rows and, with a passphrase, credentials. Members are people with their own accounts, not tenant data: they are not in the file. Import a file into this tenant to restore it or to copy another tenant."
        >
          <div className="space-y-8">
            <ExportTenantForm slug={slug} />
            <ImportTenantForm slug={slug} previewTenantImport={previewTenantImport} importTenantData={importTenantData} />
          </div>
        </Section>
      )}
      <Section
        id="archive"
        title="Archive"
        description={
          settings.archivedAt
            ? `This tenant is archived (since ${settings.archivedAt.toISOString().slice(0, 10)}). It is read-only: members can see everything but cannot change anything, flows do not run, and API keys and integration tokens are refused. Restoring it brings all of that back.`
            : "Archiving makes the tenant read-only: members can still see everything but cannot change anything, flows do not run, and API keys and integration tokens are refused. Restoring it brings all of that back."
        }
      >
        {can(actor, "tenant.delete") ? (
          <ArchiveTenant slug={slug} name={settings.name} archived={settings.archivedAt !== null} archiveTenant={archiveTenant} restoreTenant={restoreTenant} />
        ) : (
          <p className="text-sm text-slate-600">Only Admins can archive or restore the tenant.</p>
        )}
      </Section>
      {can(actor, "tenant.delete") && (
        <Section id="danger-zone" title="Danger zone">
          <DeleteTenant slug={slug} name={settings.name} deleteTenant={deleteTenant} />
        </Section>
      )}
    </>
  );
}
