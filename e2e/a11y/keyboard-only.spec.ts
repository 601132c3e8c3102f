// An Admin does a day's member work with the keyboard alone (issue 18, item 4): switch tenant, add
// a member, change roles, remove one (the confirm dialog keeps focus inside and gives it back), and
// export the activity log as CSV. Every control is reached with Tab and used with Enter, Space,
// arrows and Escape; nothing is clicked.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { A11Y_DOMAIN, A11Y_PEOPLE } from "../seed/a11y";
import { signIn } from "../support/sign-in";

const MAX_TABS = 120;

const isFocused = (locator: Locator) => locator.evaluate((element) => element === document.activeElement);

/** Presses Tab until `target` has focus (fails when it is not reachable by Tab). */
async function tabTo(page: Page, target: Locator) {
  await expect(target).toBeVisible();
  for (let presses = 0; presses < MAX_TABS; presses++) {
    if (await isFocused(target)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Not reachable with Tab: ${target}`);
}

test("switch tenant, add a member, change roles, remove one and export CSV without a mouse", async ({ page }) => {
  await signIn(page, A11Y_PEOPLE.admin);
  await page.goto("/t/a11y-side");

  // The switcher: Enter opens it on the current tenant, arrows move, Enter chooses.
  const switcher = page.getByRole("button", { name: "Switch tenant" });
  await tabTo(page, switcher);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("menuitem", { name: "Keyboard Side" })).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await expect(page.getByRole("menuitem", { name: "Keyboard Main" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/t\/a11y-main$/);

  await tabTo(page, page.getByRole("navigation", { name: "Tenant" }).getByRole("link", { name: "Members" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Members" })).toBeVisible();

  // Add a member as Viewer and Editor.
  const newcomer = `nora.new@${A11Y_DOMAIN}`;
  const form = page.getByRole("form", { name: "Add a member" });
  await tabTo(page, form.getByRole("textbox", { name: "Email" }));
  await page.keyboard.type(newcomer);
  await tabTo(page, form.getByRole("checkbox", { name: "Editor" }));
  await page.keyboard.press("Space");
  await tabTo(page, form.getByRole("button", { name: "Add member" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: `Added ${newcomer} as Viewer, Editor.` })).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(newcomer) })).toBeVisible();

  // Make Lee an Editor too.
  const lee = page.getByRole("row", { name: new RegExp(A11Y_PEOPLE.member) });
  await tabTo(page, lee.getByRole("checkbox", { name: "Editor" }));
  await page.keyboard.press("Space");
  await tabTo(page, lee.getByRole("button", { name: "Save roles" }));
  await page.keyboard.press("Enter");
  await expect(lee).toContainText("Editor");
  await expect(lee.getByRole("button", { name: "Save roles" })).toBeDisabled();
  await expect(lee.getByRole("checkbox", { name: "Editor" })).toBeChecked();

  // Remove Lou: the dialog takes focus, Tab stays inside it, Escape gives focus back to "Remove".
  const lou = page.getByRole("row", { name: new RegExp(A11Y_PEOPLE.leaving) });
  const remove = lou.getByRole("button", { name: "Remove" });
  await tabTo(page, remove);
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: `Remove ${A11Y_PEOPLE.leaving}?` });
  await expect(dialog).toBeVisible();
  // Where focus is after each Tab: inside the dialog, or out of the page (to the browser's own UI,
  // which a native modal dialog allows); never on the page behind the dialog.
  const focusPlaces: string[] = [];
  for (let presses = 0; presses < 6; presses++) {
    focusPlaces.push(
      await dialog.evaluate((element) => {
        const active = document.activeElement;
        if (!active || active === document.body) return "outside the page";
        return element.contains(active) ? "in the dialog" : `behind the dialog: ${active.outerHTML.slice(0, 80)}`;
      }),
    );
    await page.keyboard.press("Tab");
  }
  expect(focusPlaces.filter((place) => place.startsWith("behind"))).toEqual([]);
  expect(focusPlaces[0]).toBe("in the dialog");
  expect(focusPlaces.filter((place) => place === "in the dialog").length).toBeGreaterThanOrEqual(4);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(remove).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  await tabTo(page, dialog.getByRole("button", { name: "Remove member" }));
  await page.keyboard.press("Enter");
  // The row and its "Remove" are gone: focus goes to the notice saying so, not back to the page's top.
  await expect(page.getByRole("status").filter({ hasText: `Removed ${A11Y_PEOPLE.leaving}.` })).toBeFocused();
  await expect(lou).toHaveCount(0);

  // Export the activity log.
  await tabTo(page, page.getByRole("navigation", { name: "Tenant" }).getByRole("link", { name: "Activity" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Activity" })).toBeVisible();
  await tabTo(page, page.getByRole("button", { name: "Export CSV" }));
  const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
  expect(download.suggestedFilename()).toMatch(/^activity-a11y-main-\d{4}-\d{2}-\d{2}\.csv$/);
});
