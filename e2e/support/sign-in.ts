import { expect, type Browser, type Page } from "@playwright/test";
import { awaitNewMail, signInLinkIn } from "./mail";

/** Asks for a magic link on /login and returns the link from the caught mail. */
export async function requestSignInLink(page: Page, email: string): Promise<string> {
  await page.goto("/login");
  const mail = await awaitNewMail(email, async () => {
    await page.getByRole("textbox", { name: "Email" }).fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  });
  return signInLinkIn(mail);
}

/** Follows a magic link and confirms on the page it opens. */
export async function followSignInLink(page: Page, link: string): Promise<void> {
  await page.goto(link);
  await page.getByRole("button", { name: "Continue" }).click();
}

/** Signs in by magic link through the mail catcher and waits to land in a tenant. */
export async function signIn(page: Page, email: string): Promise<void> {
  await followSignInLink(page, await requestSignInLink(page, email));
  await expect(page).toHaveURL(/\/t\/[a-z0-9-]+$/);
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
}

/** A page of its own browser context (its own session), signed in as `email`: one per person in a spec. */
export async function signedInPage(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  return page;
}
