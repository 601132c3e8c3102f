// `npm start` and the scripts that start the production server themselves (bench, fuzz, soak, the
// two-server spec) run it the same way: what they measure or attack is what users run.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { productionServerCommand, SERVER_NODE_FLAGS } from "@/scripts/server-command";

const startScript = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts.start!;

describe("the production server command", () => {
  it("npm start runs server.ts through tsx with the server's Node.js flags", () => {
    const [, serverRun] = startScript.split(" && ");
    expect(serverRun).toBe(`tsx ${SERVER_NODE_FLAGS.join(" ")} server.ts`);
  });

  it("the scripts' command is the same, with the port and any extra arguments after server.ts", () => {
    expect(productionServerCommand(3240, ["--hostname", "127.0.0.1"])).toEqual([
      "node_modules/.bin/tsx",
      [...SERVER_NODE_FLAGS, "server.ts", "--port", "3240", "--hostname", "127.0.0.1"],
    ]);
  });

  it("gives V8 a young generation larger than its default", () => {
    expect(SERVER_NODE_FLAGS).toContain("--max-semi-space-size=64");
  });
});
