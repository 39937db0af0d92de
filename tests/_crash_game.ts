/**
 * The game the crash tests play across a killed server: 8 seats (the bots
 * join), seed 5, 3 s per action, one discussion round, created by an admin
 * client that leaves at once.
 * @module
 */
import { connectClient } from "./_helpers.ts";

/** Creates the crash tests' game on the server at `url` as `adminToken`; its id. */
export async function createCrashGame(
  url: string,
  adminToken: string,
): Promise<string> {
  await using admin = connectClient(url, {
    clientType: "ui",
    token: adminToken,
  });
  const { gameId } = await admin.trpc.lobby.createGame.mutate({
    players: 8,
    seed: 5,
    actionTimeoutMs: 3000,
    discussionRounds: 1,
  });
  return gameId;
}
