// The platform log as the superadmin console reads it (withPlatform): since migration 0051 no other
// scope may read it, so tests read it the same way.
import type { SQL } from "drizzle-orm";
import { platformActivity } from "@/db/schema";
import { withPlatform } from "@/db/scopes";
import { createUser } from "./fixtures";

let ownReader: Promise<{ id: string }> | undefined;

/**
 * The platform log's entries matching `where`, read by a superadmin: `as`, or one made for this test
 * file the first time (a file that counts or demotes superadmins passes its own).
 */
export async function platformLogWhere(where?: SQL, options: { as?: string } = {}) {
  const superadminId = options.as ?? (await (ownReader ??= createUser("platform-log-reader", { isSuperadmin: true }))).id;
  return withPlatform({ superadminId }, (tx) => tx.select().from(platformActivity).where(where));
}
