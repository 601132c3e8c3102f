import { expect, test } from "@playwright/test";
import { awaitNewMail } from "../support/mail";
import { requestSignInLink, signIn, signOut, followSignInLink } from "../support/sign-in";

test("signs in with a magic link: mail, confirm page, land in the tenant", async ({ page }) => {
  const link = await requestSignInLink(page, "bob@acme.test");
  // Opening the link spends nothing: a scanner's GET only sees the confirm page.
  await page.goto(link);
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Confirm sign-in" })).toBeVisible();
  await expect(page.getByText("bob@acme.test")).toBeVisible();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/t\/acme$/);
  await expect(page.getByRole("heading", { name: "Acme Corp" })).toBeVisible();
});

test("the mail has a plain-text and an HTML part with the same link", async ({ page }) => {
  await page.goto("/login");
  const mail = await awaitNewMail("carol@acme.test", async () => {
    await page.getByRole("textbox", { name: "Email" }).fill("  Carol@ACME.test ");
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  });
  const textLink = mail.text.match(/http\S+\/login\/verify\?\S+/)?.[0];
  expect(textLink).toBeTruthy();
  expect(mail.html).toContain(textLink!.replaceAll("&", "&amp;"));
});

test("an invalid email gets an inline message and keeps what was typed", async ({ page }) => {
  await page.goto("/login");
  const email = page.getByRole("textbox", { name: "Email" });
  await email.fill("not-an-address");
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "valid email address" })).toBeVisible();
  await expect(email).toHaveValue("not-an-address");
  await expect(email).toHaveAttribute("aria-invalid", "true");
});

test("an unknown address gets the same answer as a member, and no mail", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("textbox", { name: "Email" }).fill("nobody@nowhere.test");
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  const inbox = await fetch(`${process.env.MAIL_API_URL}/api/email`).then((r) => r.json() as Promise<{ to: { address: string }[] }[]>);
  expect(inbox.some((mail) => mail.to.some((to) => to.address === "nobody@nowhere.test"))).toBe(false);
});

test("a used link says so and offers a new one", async ({ page, browser }) => {
  const link = await requestSignInLink(page, "carol@acme.test");
  await followSignInLink(page, link);
  await expect(page).toHaveURL(/\/t\/acme$/);

  const other = await browser.newContext();
  const again = await other.newPage();
  await followSignInLink(again, link);
  await expect(again.getByRole("heading", { name: "This sign-in link cannot be used" })).toBeVisible();
  await expect(again.getByText(/expired or has already been used/)).toBeVisible();
  await expect(again.getByRole("button", { name: "Email me a sign-in link" })).toBeVisible();
  await again.goto("/t/acme");
  await expect(again).toHaveURL(/\/login/);
  await other.close();
});

test("sign-out ends the session on the server", async ({ page, browser }) => {
  await signIn(page, "bob@acme.test");
  const cookies = await page.context().cookies();
  await signOut(page);
  await page.goto("/t/acme");
  await expect(page).toHaveURL(/\/login/);

  // The old session cookie, replayed, no longer opens anything.
  const replay = await browser.newContext();
  await replay.addCookies(cookies);
  const replayed = await replay.newPage();
  await replayed.goto("/t/acme");
  await expect(replayed).toHaveURL(/\/login/);
  await replay.close();
});
