// Finds what the running build exposes, the way an attacker would: the server actions referenced by
// each page's JavaScript (createServerReference("<id>", …, "<name>")) and flight data, the form
// field names in its HTML, and the ids it links to (a flow to open).

export interface DiscoveredAction {
  id: string;
  /** The export's name, when the bundle says it. */
  name: string;
  /** A page that loads it: actions are posted to the page that uses them. */
  page: string;
}

export interface Discovery {
  actions: DiscoveredAction[];
  fieldNames: string[];
  flowIds: string[];
}

const SERVER_REFERENCE = /createServerReference\)\("([0-9a-f]{42})"(?:[^)]*?,"([A-Za-z0-9_$]+)")?/g;
const ACTION_ID_IN_FLIGHT = /\\?"id\\?":\\?"([0-9a-f]{42})\\?"/g;
const SCRIPT = /<script[^>]+src="(\/_next\/static\/[^"]+\.js)"/g;
const FIELD_NAME = /\bname="([A-Za-z][A-Za-z0-9_-]{0,40})"/g;
const FLOW_LINK = /\/flows\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/g;

async function text(url: string, cookie: string): Promise<string> {
  const response = await fetch(url, { headers: { cookie }, redirect: "manual" });
  return response.status === 200 ? response.text() : "";
}

export async function discover(baseUrl: string, pages: string[], cookies: string[]): Promise<Discovery> {
  const actions = new Map<string, DiscoveredAction>();
  const fieldNames = new Set<string>();
  const flowIds = new Set<string>();
  const chunkText = new Map<string, Promise<string>>();

  for (const cookie of cookies) {
    for (const page of pages) {
      const html = await text(`${baseUrl}${page}`, cookie);
      for (const [, name] of html.matchAll(FIELD_NAME)) if (!name!.startsWith("$ACTION")) fieldNames.add(name!);
      for (const [, id] of html.matchAll(FLOW_LINK)) flowIds.add(id!);
      for (const [, id] of html.matchAll(ACTION_ID_IN_FLIGHT)) if (!actions.has(id!)) actions.set(id!, { id: id!, name: "", page });
      for (const [, src] of html.matchAll(SCRIPT)) {
        if (!chunkText.has(src!)) chunkText.set(src!, text(`${baseUrl}${src}`, ""));
        for (const [, id, name] of (await chunkText.get(src!)!).matchAll(SERVER_REFERENCE)) {
          const known = actions.get(id!);
          if (!known) actions.set(id!, { id: id!, name: name ?? "", page });
          else if (!known.name && name) known.name = name;
        }
      }
    }
  }
  return { actions: [...actions.values()], fieldNames: [...fieldNames], flowIds: [...flowIds] };
}
