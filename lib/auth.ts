// Auth.js (next-auth v5): magic-link sign-in over nodemailer, database sessions through the Drizzle
// adapter (db/auth-adapter.ts). Configuration is built lazily per request so `next build` never
// needs production secrets.
import "server-only";
import NextAuth from "next-auth";
import Nodemailer from "next-auth/providers/nodemailer";
import { createAuthAdapter } from "@/db/auth-adapter";
import { withSystem } from "@/db/scopes";
import { findUserByEmail } from "@/db/queries/users";
import { getEnv } from "./env";
import { publicOrigin } from "./app-url";
import { confirmPageUrl, onSiteRedirect } from "./auth-redirects";
import { clientIp } from "./client-ip";
import { enqueueMail } from "./mail-outbox";
import { magicLinkMail } from "./mail-templates/magic-link";
import type { AuthMethod } from "@/db/schema";
import { sessionPayload } from "./session-payload";
import { readDatabaseSession } from "./database-session";
import { SESSION_MAX_AGE_SECONDS, SESSION_UPDATE_AGE_SECONDS } from "./session-cookie";

export const MAGIC_LINK_MINUTES = 10;

declare module "next-auth" {
  interface Session {
    /** How this session was opened, from its row in `sessions` (tenants may refuse magic-link sessions). */
    authMethod: AuthMethod;
    /**
     * The second factor: "off" (the user has none), "pending" (enrolled, not passed in this session:
     * the session is not usable until /login/two-factor) or "passed".
     */
    twoFactor: "off" | "pending" | "passed";
    /** The tenant whose identity provider opened the session: the only tenant it enters (lib/sso/session-binding.ts). */
    ssoTenantId: string | null;
  }
}

export const { handlers, signIn, signOut } = NextAuth(() => {
  const env = getEnv();
  return {
    secret: env.authSecret,
    trustHost: true,
    adapter: createAuthAdapter({ clientIp }),
    session: { strategy: "database", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: SESSION_UPDATE_AGE_SECONDS },
    pages: { signIn: "/login", verifyRequest: "/login/check-email", error: "/login/error" },
    providers: [
      Nodemailer({
        server: env.smtpUrl,
        from: env.mailFrom,
        maxAge: MAGIC_LINK_MINUTES * 60,
        // Queued in the outbox, not sent here: the request never waits for SMTP, so a known address
        // answers as fast as an unknown one (issue 10, item 3); the worker delivers it.
        async sendVerificationRequest({ identifier, url }) {
          const mail = magicLinkMail({ to: identifier, url: confirmPageUrl(url, publicOrigin()), minutesValid: MAGIC_LINK_MINUTES });
          await withSystem((tx) => enqueueMail(tx, mail, "auth.magic_link"));
        },
      }),
    ],
    callbacks: {
      // Only existing accounts sign in; accounts are created by tenant admins (members issue) or seeds.
      async signIn({ user }) {
        if (!user.email)
          // Stryker disable next-line BooleanLiteral: equivalent, Auth.js's email provider refuses a request without an address before this callback; the check narrows the type
          return false;
        return Boolean(await withSystem((tx) => findUserByEmail(tx, user.email!)));
      },
      // Auth.js's base URL follows the request's Host when AUTH_URL is unset; redirects never do.
      redirect({ url }) {
        return onSiteRedirect(url, publicOrigin());
      },
      // `session` is the session's database row (adapter getSessionAndUser), so auth_method and the
      // binding come from the server, not the client (lib/session-payload.ts).
      session({ session, user }) {
        return sessionPayload(session, user);
      },
    },
  };
});

/**
 * The request's session as Auth.js's auth() answers it in a server component, read directly
 * (lib/database-session.ts): the same rules without running Auth.js's HTTP handler on every page view.
 */
export const auth = readDatabaseSession;
