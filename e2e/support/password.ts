import { expect, type Page } from "@playwright/test";

/** Fills the password sign-in on the current /login?method=password page and submits it. */
export async function submitPasswordSignIn(page: Page, email: string, password: string): Promise<void> {
  // The password view (it may still be loading after a client-side navigation to it).
  await expect(page.getByLabel("Password", { exact: true })).toBeVisible();
  await page.getByRole("textbox", { name: "Email" }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** Signs in with a password from /login and waits to land in a tenant. */
export async function signInWithPassword(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login?method=password");
  await submitPasswordSignIn(page, email, password);
  await expect(page).toHaveURL(/\/t\/[a-z0-9-]+$/);
}
