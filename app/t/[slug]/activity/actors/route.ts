// GET /t/<slug>/activity/actors?q=<typed>: the Actor filter's choices, at most ACTOR_CHOICES members
// of this tenant whose address or name starts with what was typed (db/queries/activity/actors.ts).
// Authorized like the activity page (session -> membership from the slug -> "activity.read");
// anyone else gets the same 404 whether or not the tenant exists. Reads only, inside withTenant.
import { withActorTenant } from "@/db/scopes";
import { ACTOR_SEARCH_MAX, searchActivityActors } from "@/db/queries/activity/actors";
import { getActor } from "@/lib/actor";
import { can } from "@/lib/permissions";
import { dropUnstorableText } from "@/lib/storable-text";

export const dynamic = "force-dynamic";

/** What the combobox reads (components/data-table/combobox-filter.tsx). */
export interface ActorOptions {
  options: { value: string; label: string }[];
}

const PRIVATE = { "Cache-Control": "private, no-store" };

export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const actor = await getActor(slug);
  if (!actor || !can(actor, "activity.read")) return Response.json({ error: "Not found" }, { status: 404, headers: PRIVATE });
  // What PostgreSQL could not compare (NUL, a lone surrogate) is dropped, like every URL filter.
  const typed = dropUnstorableText((new URL(request.url).searchParams.get("q") ?? "").slice(0, ACTOR_SEARCH_MAX + 1));
  const actors = await withActorTenant(actor, (tx) => searchActivityActors(tx, typed));
  const body: ActorOptions = { options: actors.map((a) => ({ value: a.id, label: a.email })) };
  return Response.json(body, { headers: PRIVATE });
}
