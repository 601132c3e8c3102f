"use server";

import { signOut } from "./auth";

/** Ends the session server-side (the row is deleted, with a sign-out entry in the tenant log). */
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/login" });
}
