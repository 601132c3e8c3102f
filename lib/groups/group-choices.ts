// The tenant's custom groups as a list of choices (the members page's checkboxes and Role filter, the
// two-factor requirement's checkboxes). A tenant may have many groups: the lists show the first
// GROUP_CHOICE_LIMIT by name and say that there are more (the Groups page lists them all).
import "server-only";
import { listGroupChoices } from "@/db/queries/groups";
import type { TenantTx } from "@/db/scopes";

export const GROUP_CHOICE_LIMIT = 200;

export async function readGroupChoices(tx: TenantTx) {
  const rows = await listGroupChoices(tx, GROUP_CHOICE_LIMIT + 1);
  const more = rows.length > GROUP_CHOICE_LIMIT;
  return {
    groups: rows.slice(0, GROUP_CHOICE_LIMIT),
    moreNote: more ? `Only the first ${GROUP_CHOICE_LIMIT} custom groups by name are listed here; manage the others on the Groups page.` : null,
  };
}
