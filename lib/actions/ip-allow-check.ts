// The IP allow-lists applied where the caller's access is decided: inside the transaction that writes
// (so a list saved a moment ago counts), with a refusal written to the tenant's log in a transaction
// of its own, because the refused work's transaction rolls back and must leave nothing behind.
import "server-only";
import { recordActivity } from "@/db/queries/activity/tenant-log";
import { readIpAllowLists } from "@/db/queries/ip-allow-lists";
import { withTenant, type TenantTx } from "@/db/scopes";
import { ACCESS_KIND_LABELS, addressAllowed, IP_REFUSED_MESSAGE, type AccessKind, type IpAllowLists } from "../ip-allow-list";
import { ActionError } from "./core";

/** A refusal by an allow-list: FORBIDDEN for the caller, with what the log needs. */
export class IpRefusedError extends ActionError {
  /** `tenantId`: whose list refused (work that spans two tenants logs the refusal in that one only). */
  constructor(
    readonly kind: AccessKind,
    readonly tenantId?: string,
  ) {
    super("FORBIDDEN", IP_REFUSED_MESSAGE);
  }
}

/** Throws IpRefusedError when the tenant's list for `kind` does not include the address (no kind: nothing to check). */
export async function requireAddressAllowed(tx: TenantTx, kind: AccessKind | null, ip: string | null): Promise<void> {
  if (!kind) return;
  const lists: IpAllowLists = await readIpAllowLists(tx);
  if (!addressAllowed(ip, lists[kind])) throw new IpRefusedError(kind, tx.tenantId);
}

export interface Refused {
  tenantId: string;
  actorUserId: string | null;
  actorEmail: string | null;
  ip: string | null;
  kind: AccessKind | "page";
  /** What was refused: an action's name, a path, "api". */
  what: string;
}

/** The refusal's entry in the tenant's log, in its own transaction. */
export async function recordIpRefusal(refused: Refused): Promise<void> {
  const list = refused.kind === "page" ? "allow-lists" : `${ACCESS_KIND_LABELS[refused.kind]} allow-list`;
  await withTenant({ tenantId: refused.tenantId, userId: refused.actorUserId }, (tx) =>
    recordActivity(tx, {
      actorUserId: refused.actorUserId,
      actorEmail: refused.actorEmail,
      ip: refused.ip,
      action: "tenant.ip_refused",
      targetType: "ip_allow_list",
      targetId: refused.kind,
      summary: `${refused.actorEmail ?? "A caller"} was refused from ${refused.ip ?? "an unknown address"}: not in the ${list} (${refused.what})`,
      details: { kind: refused.kind, what: refused.what },
    }),
  );
}

/** Runs `work`; an IpRefusedError from it (by this tenant's list) is logged after its transaction rolled back, and passed on. */
export async function withIpRefusalsLogged<T>(refused: Omit<Refused, "kind">, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const ours = error instanceof IpRefusedError && (error.tenantId === undefined || error.tenantId === refused.tenantId);
    if (ours) await recordIpRefusal({ ...refused, kind: error.kind });
    throw error;
  }
}
