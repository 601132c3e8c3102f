// Two-factor in the browser, shared by the specs that enrol: codes computed from the secret the
// profile shows, as an authenticator app would.
import { expect, type Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";

/** The code for `secret` one time step ahead: within the accepted drift, and never a step already spent. */
export const nextCode = (secret: string) => new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + 30_000 });

/** Sets up two-factor on the open profile page; returns the secret it showed. */
export async function enrolOnProfile(page: Page): Promise<string> {
  const section = page.getByRole("region", { name: "Two-factor authentication" });
  await section.getByRole("button", { name: "Set up two-factor" }).click();
  await expect(section.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  const secret = (await section.getByTestId("two-factor-secret").textContent())!.trim();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await section.getByRole("textbox", { name: "Code" }).fill("000000" === nextCode(secret) ? "111111" : "000000");
  await section.getByRole("button", { name: "Confirm code" }).click();
  await expect(section.getByRole("textbox", { name: "Code" })).toHaveAccessibleDescription(/not valid/);
  await section.getByRole("textbox", { name: "Code" }).fill(new TOTP({ secret: Secret.fromBase32(secret) }).generate());
  await section.getByRole("button", { name: "Confirm code" }).click();
  await expect(section.getByRole("heading", { name: "Recovery codes" })).toBeVisible();
  await expect(section.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);
  return secret;
}
