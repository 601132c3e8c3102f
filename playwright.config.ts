import fs from "node:fs";
import { chromium, defineConfig, devices } from "@playwright/test";
import { productionServerCommand } from "./scripts/server-command";

// Run through `npm run test:e2e` (scripts/e2e.ts), which prepares the database, the mail catcher and
// the production build, and passes their addresses in the environment.
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;

// Playwright's own Chromium where it is installed; otherwise the system's (Debian's /usr/bin/chromium).
const bundledChromium = chromium.executablePath();
const executablePath = fs.existsSync(bundledChromium) ? undefined : (process.env.CHROMIUM_PATH ?? "/usr/bin/chromium");

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath,
          args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        },
      },
    },
  ],
  webServer: {
    // server.ts, as `npm start` runs it (scripts/server-command.ts): client addresses come from the socket (TRUSTED_PROXIES unset).
    command: productionServerCommand(port).flat().join(" "),
    url: `${baseURL}/login`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
  },
});
