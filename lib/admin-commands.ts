// `npm run admin -- <command>`: platform bootstrap from a shell, for a fresh production database
// where nobody can sign in to /admin yet. Each change is written to the platform log like one made
// in the console (actor: the command line).
import { parseArgs } from "node:util";
import { enterTenant, withSystem, type Tx } from "@/db/scopes";
import { recordActivity } from "@/db/queries/activity/tenant-log";
import { findTenantBySlug } from "@/db/queries/tenants";
import { recordPlatformActivity } from "@/db/queries/activity/platform-log";
import { lockSuperadmins, lockUserForPlatform, updateUserFlags } from "@/db/queries/platform-users";
import { findUserByEmail, insertUser } from "@/db/queries/users";
import { ApiKeyNameInput, ApiKeyRoleInput } from "./api-keys/api-key-input";
import { apiKeyCreatedEntry, issueApiKey } from "./api-keys/issue-api-key";
import { rotateSecretsKey, UnknownSecretsKeyError } from "./credentials/rotate-secrets-key";
import { EmailAddressSchema } from "./email-address";
import { SecretsKeyError } from "./secrets/keyring";
import { SLUG_PATTERN } from "./tenant-slug";

export interface CommandResult {
  exitCode: number;
  message: string;
}

export const ADMIN_USAGE = `Usage:
  npm run admin -- grant-superadmin <email> [--create]   make an account a superadmin
                                                         (--create: create the account if none uses this email)
  npm run admin -- revoke-superadmin <email>             remove an account's superadmin flag
                                                         (refused for the last superadmin)
  npm run admin -- create-api-key --tenant <slug> --role <viewer|editor|admin> --name <name>
                                                         create an API key for a tenant; the key is printed once,
                                                         alone on the last line
  npm run admin -- rotate-secrets-key                    re-encrypt every credential value under SECRETS_KEY
                                                         (values under SECRETS_KEY_PREVIOUS are read with it)`;

const Email = EmailAddressSchema;

const fail = (message: string): CommandResult => ({ exitCode: 1, message });

export async function runAdminCommand(args: string[]): Promise<CommandResult> {
  const [command, rawEmail, ...flags] = args;
  if (command === undefined || command === "help" || command === "--help") return { exitCode: command ? 0 : 1, message: ADMIN_USAGE };
  if (command === "create-api-key") return createApiKeyCommand(args.slice(1));
  if (command === "rotate-secrets-key") return args.length === 1 ? rotateSecrets() : fail(`rotate-secrets-key takes no arguments.\n\n${ADMIN_USAGE}`);
  if (command !== "grant-superadmin" && command !== "revoke-superadmin") return fail(`Unknown command "${command}".\n\n${ADMIN_USAGE}`);
  const email = Email.safeParse(rawEmail ?? "");
  if (!email.success) return fail(`"${rawEmail ?? ""}" is not an email address.\n\n${ADMIN_USAGE}`);
  const unknownFlags = flags.filter((flag) => !(command === "grant-superadmin" && flag === "--create"));
  if (unknownFlags.length) return fail(`Unknown option ${unknownFlags.join(" ")}.\n\n${ADMIN_USAGE}`);
  return command === "grant-superadmin" ? grantSuperadmin(email.data, flags.includes("--create")) : revokeSuperadmin(email.data);
}

async function grantSuperadmin(email: string, create: boolean): Promise<CommandResult> {
  return withSystem(async (tx) => {
    await lockSuperadmins(tx);
    const existing = await findUserByEmail(tx, email);
    if (!existing && !create) {
      return fail(
        `No account uses ${email}. Check the address, or create the account as a superadmin with:\n` +
          `  npm run admin -- grant-superadmin ${email} --create`,
      );
    }
    const user = existing ? await lockUserForPlatform(tx, existing.id) : null;
    if (user?.isSuperadmin) return { exitCode: 0, message: `${email} is already a superadmin; nothing changed.` };
    const id = user ? user.id : (await insertUser(tx, { email, isSuperadmin: true })).id;
    if (user) await updateUserFlags(tx, id, { isSuperadmin: true });
    await recordCommand(tx, id, email, true, user ? "Made" : "Created the account");
    return {
      exitCode: 0,
      message: `${user ? "" : `Created the account ${email}. `}${email} is now a superadmin: sign in and open /admin.`,
    };
  });
}

async function revokeSuperadmin(email: string): Promise<CommandResult> {
  return withSystem(async (tx) => {
    // Every superadmin row locked first, as in the console: the last one cannot be removed, even
    // by two commands at once.
    const superadmins = await lockSuperadmins(tx);
    const existing = await findUserByEmail(tx, email);
    if (!existing) return fail(`No account uses ${email}; nothing changed.`);
    if (!superadmins.includes(existing.id)) return { exitCode: 0, message: `${email} is not a superadmin; nothing changed.` };
    if (superadmins.length === 1) {
      return fail(`${email} is the last superadmin. Grant another account first (grant-superadmin), then revoke this one.`);
    }
    await updateUserFlags(tx, existing.id, { isSuperadmin: false });
    await recordCommand(tx, existing.id, email, false, "Removed");
    return { exitCode: 0, message: `${email} is no longer a superadmin.` };
  });
}

function createApiKeyCommand(args: string[]): Promise<CommandResult> | CommandResult {
  let values;
  try {
    ({ values } = parseArgs({ args, options: { tenant: { type: "string" }, role: { type: "string" }, name: { type: "string" } }, strict: true }));
  } catch (error) {
    return fail(`${(error as Error).message}\n\n${ADMIN_USAGE}`);
  }
  const tenant = typeof values.tenant === "string" && SLUG_PATTERN.test(values.tenant) ? values.tenant : null;
  if (!tenant) return fail(`--tenant must name a tenant by its slug.\n\n${ADMIN_USAGE}`);
  const role = ApiKeyRoleInput.safeParse(values.role);
  if (!role.success) return fail(`--role must be viewer, editor or admin.\n\n${ADMIN_USAGE}`);
  const name = ApiKeyNameInput.safeParse(values.name ?? "");
  if (!name.success) return fail(`--name: ${name.error.issues[0]?.message}\n\n${ADMIN_USAGE}`);
  return withSystem(async (tx) => {
    const found = await findTenantBySlug(tx, tenant);
    if (!found) return fail(`No tenant has the slug ${tenant}; nothing was created.`);
    const inTenant = await enterTenant(tx, { tenantId: found.id, userId: null });
    const created = await issueApiKey(inTenant, { name: name.data, role: role.data, expiresAt: null, createdByEmail: null });
    const entry = apiKeyCreatedEntry(created, "An operator (command line)");
    await recordActivity(inTenant, { actorUserId: null, actorEmail: null, ...entry, details: { ...entry.details, via: "command line" } });
    return {
      exitCode: 0,
      message: `Created the API key ${created.name} (${role.data}) for ${found.name}. It is shown only this once:\n${created.key}`,
    };
  });
}

async function rotateSecrets(): Promise<CommandResult> {
  try {
    const { keyId, reencrypted, alreadyCurrent, twoFactorSecrets, integrationSecrets, oidcClientSecrets, connectionSecrets } = await rotateSecretsKey();
    const secrets =
      (twoFactorSecrets > 0 ? ` and ${twoFactorSecrets} two-factor secret${twoFactorSecrets === 1 ? "" : "s"}` : "") +
      (integrationSecrets > 0 ? ` and ${integrationSecrets} integration secret${integrationSecrets === 1 ? "" : "s"}` : "") +
      (oidcClientSecrets > 0 ? ` and ${oidcClientSecrets} OpenID Connect client secret${oidcClientSecrets === 1 ? "" : "s"}` : "") +
      (connectionSecrets > 0 ? ` and ${connectionSecrets} connection${connectionSecrets === 1 ? "'s" : "s'"} secrets` : "");
    return {
      exitCode: 0,
      message: `Re-encrypted ${reencrypted} credential value${reencrypted === 1 ? "" : "s"}${secrets} under the key ${keyId} (${alreadyCurrent} already under it). SECRETS_KEY_PREVIOUS is no longer needed.`,
    };
  } catch (error) {
    if (error instanceof UnknownSecretsKeyError || error instanceof SecretsKeyError) return fail(error.message);
    throw error;
  }
}

async function recordCommand(tx: Tx, userId: string, email: string, to: boolean, verb: string) {
  await recordPlatformActivity(tx, {
    actorUserId: null,
    actorEmail: null,
    action: "user.superadmin_set",
    summary: `${verb} ${email} ${to ? "as a superadmin" : "as superadmin"} (from the command line)`,
    details: { email, to, targetType: "user", targetId: userId, via: "command line" },
  });
}
