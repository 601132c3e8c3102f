// The settings area's own world (issue 4): tenant creation, settings, login policy and password
// sign-in, tenant deletion. Specs change these freely; nothing else uses them.
import type { SeedWorld } from "../../db/seed";
import { members, tenant } from "./world";

export const SETTINGS_PASSWORDS = {
  admin: "settings admin passphrase",
  pwonly: "password only member passphrase",
  toggler: "toggle admin passphrase",
};

export const SETTINGS_WORLD = {
  users: [
    { email: "admin@settings.e2e.test", name: "Sam Settings", password: SETTINGS_PASSWORDS.admin },
    { email: "viewer@settings.e2e.test", name: "Vera Viewer" },
    { email: "nocreate@settings.e2e.test", name: "Nico No-Create" },
    { email: "creator@settings.e2e.test", name: "Cleo Creator", canCreateTenants: true, tenantLimit: 1 },
    { email: "creator2@settings.e2e.test", name: "Cody Creator", canCreateTenants: true, tenantLimit: 5 },
    { email: "pwonly@settings.e2e.test", name: "Pat Password", password: SETTINGS_PASSWORDS.pwonly },
    { email: "setpw@settings.e2e.test", name: "Sid Set-Password" },
    { email: "toggler@settings.e2e.test", name: "Tess Toggler", password: SETTINGS_PASSWORDS.toggler },
    { email: "tmember@settings.e2e.test", name: "Tom Member" },
    { email: "deleter@settings.e2e.test", name: "Dee Deleter" },
    { email: "bystander@settings.e2e.test", name: "Bea Bystander" },
    { email: "free-admin@settings.e2e.test", name: "Fay Free" },
    { email: "archiver@settings.e2e.test", name: "Ari Archiver" },
  ],
  tenants: [
    tenant({
      slug: "settings-main",
      name: "Settings Main",
      contactEmail: "ops@settings.e2e.test",
      license: "team",
      flowCap: 50,
      approvedDomains: ["settings.e2e.test"],
      members: members({ "admin@settings.e2e.test": "admin", "viewer@settings.e2e.test": "viewer", "nocreate@settings.e2e.test": "editor" }),
    }),
    tenant({
      slug: "settings-locked",
      name: "Settings Locked",
      contactEmail: "ops@settings.e2e.test",
      license: "enterprise",
      flowCap: 10,
      magicLinkEnabled: false,
      members: members({ "pwonly@settings.e2e.test": "admin", "setpw@settings.e2e.test": "viewer" }),
    }),
    tenant({
      slug: "settings-toggle",
      name: "Settings Toggle",
      contactEmail: "ops@settings.e2e.test",
      license: "enterprise",
      flowCap: 10,
      members: members({ "toggler@settings.e2e.test": "admin", "tmember@settings.e2e.test": "viewer" }),
    }),
    tenant({
      slug: "settings-doomed",
      name: "Settings Doomed",
      contactEmail: "ops@settings.e2e.test",
      members: members({ "deleter@settings.e2e.test": "admin", "bystander@settings.e2e.test": "editor" }),
    }),
    tenant({
      slug: "settings-refuge",
      name: "Settings Refuge",
      contactEmail: "ops@settings.e2e.test",
      members: members({ "bystander@settings.e2e.test": "viewer" }),
    }),
    tenant({
      // Downgraded to Free after approving a domain: the domain stays, paid controls say what they need.
      slug: "settings-free",
      name: "Settings Free",
      contactEmail: "ops@settings.e2e.test",
      approvedDomains: ["settings.e2e.test"],
      members: members({ "free-admin@settings.e2e.test": "admin" }),
    }),
    tenant({
      // Archived from Settings by its Admin, restored by a superadmin from /admin (e2e/settings/archive-tenant.spec.ts).
      slug: "settings-archived",
      name: "Settings Archived",
      contactEmail: "ops@settings.e2e.test",
      members: members({ "archiver@settings.e2e.test": "admin" }),
    }),
  ],
} satisfies SeedWorld;
