/**
 * What the policy tests of the page share: the window, demo games with the
 * admin token, the public's log, and screenshots in tests/artifacts/.
 * @module
 */
import type { Page } from "playwright-core";
import { viewerLog } from "../src/engine/mod.ts";
import type { GameRoom } from "../src/game/mod.ts";
import type { CreateDemoGameInput, GameEvent } from "../src/mod.ts";
import { ARTIFACTS } from "./_browser.ts";
import { connectClient, type TestServer } from "./_helpers.ts";

/** The window of the layout test. */
export const SIZE = { width: 1366, height: 900 };
/** The admin token of the servers that have one. */
export const ADMIN = "policy-admin";
/** The live board. */
export const live = "[data-board=live]";

/** A demo game on `test` (with the admin token when the server has one). */
export async function demo(
  test: TestServer,
  input: CreateDemoGameInput,
): Promise<{ gameId: string; room: GameRoom }> {
  await using ui = connectClient(test.wsUrl, { token: ADMIN });
  const { gameId } = await ui.trpc.lobby.createDemoGame.mutate({
    players: 8,
    actionTimeoutMs: 10_000,
    ...input,
  });
  return { gameId, room: test.server.games.room(gameId) };
}

/** The public view's log, in the public's own seqs (the page's). */
export function publicLog(room: GameRoom): GameEvent[] {
  return viewerLog(room.log, room.state, { kind: "public" });
}

/** Leaves a screenshot of the window in tests/artifacts/. */
export async function shoot(page: Page, name: string): Promise<void> {
  await Deno.mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: new URL(name, ARTIFACTS).pathname });
}
