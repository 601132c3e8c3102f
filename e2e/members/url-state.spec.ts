// The members table's address is its state, read by the page and written by the controls through one
// definition (lib/url-state/members.ts): a forged or stale value shows as the default, and the next
// address a control writes keeps only what the table knows, with defaults left out.
import { expect, test } from "@playwright/test";
import { MEMBERS_PEOPLE } from "../seed/members";
import { signIn } from "../support/sign-in";

test("the controls write only the table's own keys: unknown keys and bad values are dropped, defaults left out", async ({ page }) => {
  await signIn(page, MEMBERS_PEOPLE.sideAdmin);
  await page.goto("/t/members-side/members?role=owner&utm_source=mail&size=7&status=active&page=abc");
  const filters = page.getByRole("search", { name: "Filter members" });
  await expect(filters.getByLabel("Role")).toHaveValue("");
  await expect(filters.getByLabel("Status")).toHaveValue("active");

  const nameHeader = page.getByRole("columnheader", { name: "Name" });
  await nameHeader.getByRole("button").click();
  await expect(page).toHaveURL((url) => url.search === "?sort=name&status=active");
  await expect(nameHeader).toHaveAttribute("aria-sort", "ascending");

  await nameHeader.getByRole("button").click();
  await expect(page).toHaveURL((url) => url.search === "?sort=name&dir=desc&status=active");
  await expect(nameHeader).toHaveAttribute("aria-sort", "descending");
  await expect(page.getByRole("row", { name: new RegExp(MEMBERS_PEOPLE.sideAdmin.replace(/\./g, "\\.")) })).toBeVisible();

  // Back to every status: the key goes, the sort stays.
  await filters.getByLabel("Status").selectOption("");
  await expect(page).toHaveURL((url) => url.search === "?sort=name&dir=desc");
});
