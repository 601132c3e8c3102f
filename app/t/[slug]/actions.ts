"use server";

import { z } from "zod";
import { setLastTenant } from "@/db/queries/users";
import { tenantAction } from "@/lib/actions/tenant-action";

/** The nav's switcher: the chosen tenant (from the URL slug, checked against membership) becomes the remembered one. */
export const switchTenant = tenantAction({
  name: "tenant.switch",
  permission: "tenant.read",
  input: z.object({}),
  async run({ tx, actor }) {
    await setLastTenant(tx, actor.user.id, actor.tenant.id);
    return {
      data: { slug: actor.tenant.slug },
      activity: {
        action: "tenant.switched",
        targetType: "tenant",
        targetId: actor.tenant.id,
        summary: `${actor.user.email} switched to ${actor.tenant.name}`,
      },
    };
  },
});
