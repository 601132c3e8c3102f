// A group narrowed to one flow, end to end: an Admin gives a Viewer "Edit flows" through a custom group,
// then narrows the group to "Only these flows" and picks one flow through the search; on their next
// request the Viewer edits that flow, has no edit controls on the other, and a rename sent from the
// other flow's page opened before the narrowing is refused by the server.
import { expect, test } from "@playwright/test";
import { FLOW_SCOPE_FLOWS, FLOW_SCOPE_PEOPLE, FLOW_SCOPE_TENANT } from "../seed/flow-scope";
import { signIn } from "../support/sign-in";

const GROUPS = `/t/${FLOW_SCOPE_TENANT}/groups`;
const FLOWS = `/t/${FLOW_SCOPE_TENANT}/flows`;
const GROUP = "Invoice editors";

test("an Admin narrows a group to one flow: its member edits that flow and is refused on another", async ({ browser }) => {
  // Two people and some twenty round trips: more than the default minute on a loaded machine.
  test.setTimeout(180_000);
  const admin = await (await browser.newContext()).newPage();
  const viewer = await (await browser.newContext()).newPage();
  await signIn(admin, FLOW_SCOPE_PEOPLE.admin);
  await signIn(viewer, FLOW_SCOPE_PEOPLE.viewer);

  // A group with Edit flows on All flows (the default), the Viewer in it.
  await admin.goto(GROUPS);
  await admin.getByRole("textbox", { name: "Name" }).fill(GROUP);
  await admin.getByRole("checkbox", { name: "Edit flows", exact: true }).check();
  await admin.getByRole("button", { name: "New group" }).click();
  await expect(admin.getByRole("heading", { name: GROUP, level: 1 })).toBeVisible();
  await admin.getByRole("combobox", { name: "Member" }).selectOption({ label: FLOW_SCOPE_PEOPLE.viewer });
  await admin.getByRole("button", { name: "Add to group" }).click();
  await expect(admin.getByRole("list", { name: `Members of ${GROUP}` })).toContainText(FLOW_SCOPE_PEOPLE.viewer);
  await expect(admin.getByRole("radio", { name: "All flows" })).toBeChecked();

  // The Viewer opens the other flow while the group still covers every flow: its rename form shows.
  await viewer.goto(FLOWS);
  await viewer.getByRole("link", { name: FLOW_SCOPE_FLOWS.other }).click();
  await expect(viewer.getByRole("heading", { name: FLOW_SCOPE_FLOWS.other, level: 1 })).toBeVisible();
  await expect(viewer.getByRole("button", { name: "Rename" })).toBeVisible();

  // The Admin narrows the group to one flow, found through the search.
  await admin.getByRole("radio", { name: "Only these flows" }).check();
  await admin.getByRole("button", { name: "Save flow access" }).click();
  await expect(admin.getByText("No flows yet: its members may edit and run none.")).toBeVisible();
  await admin.getByRole("searchbox", { name: "Find flows" }).fill("invoices");
  await admin.getByRole("button", { name: "Search flows" }).click();
  const toAdd = admin.getByRole("list", { name: "Flows to add" });
  await expect(toAdd).toContainText(FLOW_SCOPE_FLOWS.allowed);
  await expect(toAdd).not.toContainText(FLOW_SCOPE_FLOWS.other);
  await toAdd.getByRole("button", { name: `Add ${FLOW_SCOPE_FLOWS.allowed}` }).click();
  await expect(admin.getByRole("list", { name: `Flows of ${GROUP}` })).toContainText(FLOW_SCOPE_FLOWS.allowed);

  // The rename sent from the other flow's page (opened before) is refused by the server.
  await viewer.getByRole("textbox", { name: "Name" }).fill("Payroll hijacked");
  await viewer.getByRole("button", { name: "Rename" }).click();
  await expect(viewer.getByText("You do not have permission to do this in this tenant.")).toBeVisible();
  await viewer.reload();
  await expect(viewer.getByRole("heading", { name: FLOW_SCOPE_FLOWS.other, level: 1 })).toBeVisible();
  await expect(viewer.getByRole("button", { name: "Rename" })).toHaveCount(0);

  // The flow on the list: the Viewer renames it.
  await viewer.goto(FLOWS);
  await viewer.getByRole("link", { name: FLOW_SCOPE_FLOWS.allowed }).click();
  await viewer.getByRole("textbox", { name: "Name" }).fill("Invoices sync v2");
  await viewer.getByRole("button", { name: "Rename" }).click();
  await expect(viewer.getByRole("heading", { name: "Invoices sync v2", level: 1 })).toBeVisible();

  // The log says who changed the group's flow access.
  await admin.goto(`/t/${FLOW_SCOPE_TENANT}/activity`);
  await expect(admin.getByText(`${FLOW_SCOPE_PEOPLE.admin} changed the flow access of ${GROUP} from All flows to Only these flows`)).toBeVisible();
});
