// Auth.js (next-auth v5): magic-link sign-in over nodemailer, database sessions through the Drizzle
// adapter (db/auth-adapter.ts). Configuration is built lazily per request so `next build` never
// needs production secrets.
import NextAuth from "next-auth";
import Nodemailer from "next-auth/providers/nodemailer";
import { createAuthAdapter } from "@/db/auth-adapter";
import { withSystem } from "@/db/scopes";
import { findUserByEmail } from "@/db/queries/users";
import { getEnv } from "./env";
import { clientIp } from "./client-ip";
import { sendMail } from "./mail";
import { magicLinkMail } from "./mail-templates/magic-link";

export const MAGIC_LINK_MINUTES = 10;

/** The link in the mail opens a confirm page; only its POST spends the token (mail scanners GET). */
export function confirmPageUrl(callbackUrl: string): string {
  const url = new URL(callbackUrl);
  return `${url.origin}/login/verify?${url.searchParams.toString()}`;
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => {
  const env = getEnv();
  return {
    secret: env.authSecret,
    trustHost: true,
    adapter: createAuthAdapter({ clientIp }),
    session: { strategy: "database", maxAge: 30 * 24 * 60 * 60, updateAge: 24 * 60 * 60 },
    pages: { signIn: "/login", verifyRequest: "/login/check-email", error: "/login/error" },
    providers: [
      Nodemailer({
        server: env.smtpUrl,
        from: env.mailFrom,
        maxAge: MAGIC_LINK_MINUTES * 60,
        async sendVerificationRequest({ identifier, url }) {
          await sendMail(magicLinkMail({ to: identifier, url: confirmPageUrl(url), minutesValid: MAGIC_LINK_MINUTES }));
        },
      }),
    ],
    callbacks: {
      // Only existing accounts sign in; accounts are created by tenant admins (members issue) or seeds.
      async signIn({ user }) {
        if (!user.email) return false;
        return Boolean(await withSystem((tx) => findUserByEmail(tx, user.email!)));
      },
      session({ session, user }) {
        return { ...session, user: { ...session.user, id: user.id } };
      },
    },
  };
});
