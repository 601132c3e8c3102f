import type { IncomingMessage } from "node:http";

// Stub: the fuzz work (issue 10, item 7) fills this in; until then every request is passed on.
export async function screenRequest(request: IncomingMessage): Promise<number | null> {
  void request;
  return null;
}
