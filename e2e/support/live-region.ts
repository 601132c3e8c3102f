import type { Locator } from "@playwright/test";

const LIVE_REGION = "[aria-live='polite']";
const MARK = "data-e2e-present-before";

/**
 * The polite live region nearest to a control (the one in the control's closest ancestor that holds
 * one), marked as it is now, before the user acts. A message that later shows inside the returned
 * locator was put into a region the page already had, so screen readers announce it; a region that
 * arrives with its message (or is re-created with it) is not marked and does not match.
 */
export async function markLiveRegionNear(control: Locator): Promise<Locator> {
  const region = control.locator(`xpath=ancestor::*[.//*[@aria-live='polite']][1]`).locator(LIVE_REGION);
  await region.evaluate((element, mark) => element.setAttribute(mark, ""), MARK, { timeout: 10_000 });
  return region.and(control.page().locator(`[${MARK}]`));
}
