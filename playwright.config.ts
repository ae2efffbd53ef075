import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

/**
 * Browser tests drive Debian's chromium: Playwright cannot download its own browser on these machines.
 * CHROMIUM_PATH wins, then /usr/bin/chromium, then Playwright's own browser if one was installed.
 */
function chromiumPath(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist.`);
    return fromEnv;
  }
  if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  return undefined;
}

function requireSomeBrowser(path: string | undefined): void {
  if (path) return;
  let bundled = "";
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    bundled = require("playwright-core").chromium.executablePath();
  } catch {
    bundled = "";
  }
  if (!bundled || !existsSync(bundled)) {
    throw new Error(
      "No chromium found. Install Debian's: `sudo apt-get install -y chromium` (or set CHROMIUM_PATH, or run `npx playwright install chromium` where downloads work).",
    );
  }
}

const executablePath = chromiumPath();
requireSomeBrowser(executablePath);

export default defineConfig({
  testDir: "./tests/e2e",
  // A spec file starts its own dashboard and emulator on free ports (or, if it only reads, shares its
  // worker's: sharedStack), so files run side by side in two workers. Most of a test is waiting (for a
  // refresh, a poll, a slowed emulator): one worker kept the two cores 36 % busy (149 tests: 727 s, 523 s of
  // CPU); two took 539 s. Tests within a file stay in order: many build on the page the last one left.
  fullyParallel: false,
  workers: 2,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["list"], ["json"]] : "list",
  // No trace by default: recording one (DOM snapshots and a screencast of every test, kept or not) was a
  // third of the browser step's time (find and tables: 95 s against 65 s). To debug a failure, run it again
  // with `--trace retain-on-failure`.
  use: { trace: "off", screenshot: "only-on-failure" },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          ...(executablePath ? { executablePath } : {}),
          args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        },
      },
    },
  ],
});
