// Issue 18: a member's row keeps what the Admin did on it (unsaved ticks, its own message, an open
// dialog) while the list refreshes after an action on another row, or after the row's own action.
import { expect, test, type Page } from "@playwright/test";
import { ROWS_PEOPLE } from "../seed/members";
import { markLiveRegionNear } from "../support/live-region";
import { trackRequests } from "../support/network";
import { signIn } from "../support/sign-in";

const ROWS = "/t/members-rows/members";

const rowOf = (page: Page, email: string) => page.getByRole("row", { name: new RegExp(email.replace(/\./g, "\\.")) });

test("an unsaved tick on one row survives saving another row's roles; the save is confirmed on its row", async ({ page }) => {
  await signIn(page, ROWS_PEOPLE.admin);
  await page.goto(ROWS);
  const carol = rowOf(page, ROWS_PEOPLE.carol);
  const dave = rowOf(page, ROWS_PEOPLE.dave);

  // Carol: Editor ticked, not saved.
  await carol.getByRole("checkbox", { name: "Editor" }).check();
  await expect(carol.getByRole("button", { name: "Save roles" })).toBeEnabled();

  // Dave: Admin ticked and saved; the confirmation arrives in a live region the row already had.
  const daveRegion = await markLiveRegionNear(dave.getByRole("button", { name: "Save roles" }));
  const network = trackRequests(page);
  await dave.getByRole("checkbox", { name: "Admin" }).check();
  await dave.getByRole("button", { name: "Save roles" }).click();
  await expect(page.getByRole("status").filter({ hasText: `${ROWS_PEOPLE.dave} is now` })).toBeVisible();
  await network.settled();

  // The list has refreshed (Dave's saved roles are the list's now) and Carol's tick is still there.
  await expect(dave.getByRole("button", { name: "Save roles" })).toBeDisabled();
  await expect(dave.getByRole("checkbox", { name: "Admin" })).toBeChecked();
  await expect(carol.getByRole("checkbox", { name: "Editor" })).toBeChecked();
  await expect(carol.getByRole("checkbox", { name: "Viewer" })).toBeChecked();
  await expect(carol.getByRole("button", { name: "Save roles" })).toBeEnabled();
  // Dave's confirmation stays on Dave's row, through the refresh his own save caused.
  await expect(daveRegion.getByRole("status")).toHaveText(/dave\.rows@members\.e2e\.test is now .*Admin/);

  // And Carol's tick saves as it was left.
  await carol.getByRole("button", { name: "Save roles" }).click();
  await expect(carol.getByRole("status")).toContainText(`${ROWS_PEOPLE.carol} is now`);
  await page.reload();
  await expect(rowOf(page, ROWS_PEOPLE.carol).getByRole("checkbox", { name: "Editor" })).toBeChecked();
  await expect(rowOf(page, ROWS_PEOPLE.dave).getByRole("checkbox", { name: "Admin" })).toBeChecked();
});

test("a Remove dialog opened right after Save roles stays open through the refresh", async ({ page }) => {
  await signIn(page, ROWS_PEOPLE.admin);
  await page.goto(ROWS);
  const erin = rowOf(page, ROWS_PEOPLE.erin);
  const frank = rowOf(page, ROWS_PEOPLE.frank);

  // Save Erin's roles and, within a fraction of a second, ask to remove her: the dialog must not
  // close by itself when the save's refresh lands.
  const network = trackRequests(page);
  await erin.getByRole("checkbox", { name: "Editor" }).check();
  await erin.getByRole("button", { name: "Save roles" }).click();
  await erin.getByRole("button", { name: "Remove" }).click();
  const erinDialog = page.getByRole("dialog", { name: `Remove ${ROWS_PEOPLE.erin}?` });
  await expect(erinDialog).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: `${ROWS_PEOPLE.erin} is now` })).toBeVisible();
  await network.settled();
  await expect(erinDialog).toBeVisible();
  // Cancelling closes it and gives focus back to her "Remove".
  await erinDialog.getByRole("button", { name: "Cancel" }).click();
  await expect(erinDialog).toBeHidden();
  await expect(erin.getByRole("button", { name: "Remove" })).toBeFocused();

  // The same on another row: Erin's save, then Frank's Remove; this time the removal goes ahead.
  const again = trackRequests(page);
  await erin.getByRole("checkbox", { name: "Admin" }).check();
  await erin.getByRole("button", { name: "Save roles" }).click();
  await frank.getByRole("button", { name: "Remove" }).click();
  const frankDialog = page.getByRole("dialog", { name: `Remove ${ROWS_PEOPLE.frank}?` });
  await expect(erin.getByRole("status")).toHaveText(/erin\.rows@members\.e2e\.test is now .*Admin/);
  await again.settled();
  await expect(frankDialog).toBeVisible();
  await frankDialog.getByRole("button", { name: "Remove member" }).click();
  await expect(frank).toHaveCount(0);
  await expect(page.getByRole("status").filter({ hasText: `Removed ${ROWS_PEOPLE.frank}.` })).toBeFocused();
});
