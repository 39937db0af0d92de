/**
 * Headless Chromium for the page's tests, driven by `playwright-core`:
 * Debian's `/usr/bin/chromium` (`.ci/run` installs it), a fresh profile
 * per browser, and every console error and page error collected.
 * @module
 */
import "./_playwright_env.ts"; // before playwright-core loads
import { type BrowserContext, chromium, type Page } from "playwright-core";

/** Where Debian puts Chromium. */
export const CHROMIUM = "/usr/bin/chromium";

/** Whether Chromium is installed (the browser tests are skipped without it). */
export const HAS_CHROMIUM: boolean = (() => {
  try {
    return Deno.statSync(CHROMIUM).isFile;
  } catch {
    return false;
  }
})();

/**
 * Whether to skip the browser tests: only without Chromium, and never in CI
 * (`CI=true`), where `.ci/run` installs it: there a missing browser fails.
 */
export const SKIP_BROWSER: boolean = !HAS_CHROMIUM &&
  Deno.env.get("CI") !== "true";

if (SKIP_BROWSER) {
  console.warn(
    `browser tests skipped: ${CHROMIUM} is missing (apt-get install -y chromium; .ci/run installs it)`,
  );
}

/** Where tests leave files for a person to look at (git ignores it). */
export const ARTIFACTS: URL = new URL("./artifacts/", import.meta.url);

/** A page and what went wrong on it. */
export interface WatchedPage {
  /** The page. */
  page: Page;
  /** Console errors and uncaught exceptions, in order. */
  errors: string[];
}

/** A running browser; `await using` closes it and removes its profile. */
export interface TestBrowser extends AsyncDisposable {
  /** Opens a new tab at `url`, collecting its errors. */
  open(
    url: string,
    viewport?: { width: number; height: number },
  ): Promise<WatchedPage>;
}

/** Starts headless Chromium with a fresh profile. */
export async function launchBrowser(): Promise<TestBrowser> {
  if (!HAS_CHROMIUM) {
    throw new Error(
      `${CHROMIUM} is missing: apt-get install -y chromium (.ci/run installs it)`,
    );
  }
  const profile = await Deno.makeTempDir({ prefix: "loup-garou-chromium-" });
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      timeout: 60_000,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    });
  } catch (error) {
    await Deno.remove(profile, { recursive: true });
    throw error;
  }
  return {
    async open(url, viewport = { width: 1280, height: 900 }) {
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      await page.setViewportSize(viewport);
      const errors: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error") errors.push(message.text());
      });
      page.on("pageerror", (error) => errors.push(error.message));
      await page.goto(url);
      return { page, errors };
    },
    async [Symbol.asyncDispose]() {
      try {
        await context.close();
      } finally {
        await Deno.remove(profile, { recursive: true });
      }
    },
  };
}

/** The sequence numbers of a chat's lines on the page, in order. */
export function chatSeqs(
  page: Page,
  board: "live" | "replay",
  channel: "public" | "werewolves" | "secrets",
): Promise<number[]> {
  return page.$$eval(
    `[data-board=${board}] .lines[data-channel=${channel}] > li`,
    (items) => items.map((item) => Number(item.getAttribute("data-seq"))),
  );
}
