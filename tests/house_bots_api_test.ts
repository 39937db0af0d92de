/**
 * `houseBots` in `lobby.createGame` and the `/ws` `create_game`: one agent
 * of the user's facing the server's house bots, seated at once (a count)
 * or in the empty seats at `game.start` (`"fill"`).
 * @module
 */
import assert from "node:assert/strict";
import { TRPCClientError } from "@trpc/client";
import type { GameEvent } from "../src/mod.ts";
import { HOUSE_BOT_NAMES } from "../src/game/mod.ts";
import { runBot } from "../agents/bot_agent.ts";
import { connectClient, startTestServer, within } from "./_helpers.ts";
import { LegacySocket, playLegacy } from "./_legacy.ts";

/** Every event of a game the public sees, until `game_over`. */
function follow(
  client: ReturnType<typeof connectClient>,
  gameId: string,
): Promise<GameEvent[]> {
  const events: GameEvent[] = [];
  return new Promise((resolve, reject) => {
    const sub = client.trpc.game.events.subscribe({ gameId }, {
      onData: ({ data }: { data: GameEvent }) => {
        events.push(data);
        if (data.type !== "game_over") return;
        sub.unsubscribe();
        resolve(events);
      },
      onError: reject,
    });
  });
}

/** The players who defaulted a turn at its deadline. */
function timedOut(events: readonly GameEvent[]): string[] {
  return events.flatMap((e) =>
    e.type === "player_action" && e.timed_out ? [e.player_id] : []
  );
}

/**
 * From an ended game's complete transcript: checks that no turn of anyone
 * waited for its deadline and that the house bots played (acted or spoke).
 */
async function assertBotsPlayed(
  url: string,
  gameId: string,
  bots: readonly string[],
): Promise<void> {
  await using reader = connectClient(url, { clientType: "observer" });
  const { status, events } = await reader.trpc.game.transcript.query({
    gameId,
  });
  assert.equal(status, "ended");
  assert.deepEqual(timedOut(events), [], "a turn waited for its deadline");
  const played = new Set(
    events.flatMap((e) =>
      e.type === "player_action"
        ? [e.player_id]
        : e.type === "agent_message"
        ? [e.agent_id]
        : []
    ),
  );
  assert.ok(bots.some((id) => played.has(id)), "no house bot played");
}

const SETTINGS = {
  actionTimeoutMs: 10_000,
  discussionRounds: 1,
  houseBotThinkMs: 0,
} as const;

Deno.test("lobby.createGame with houseBots: 4 seats four house bots at once; the game starts when the user's agent takes the fifth seat and plays to its end", async () => {
  await using server = await startTestServer();
  await using ui = connectClient(server.wsUrl, { clientType: "ui" });
  const created = await ui.trpc.lobby.createGame.mutate({
    ...SETTINGS,
    players: 5,
    seed: 21,
    houseBots: 4,
  });
  assert.deepEqual(created.houseBots, ["p1", "p2", "p3", "p4"]);
  const waiting = await ui.trpc.game.state.query({ gameId: created.gameId });
  assert.equal(waiting.phase, "lobby");
  assert.deepEqual(
    waiting.players.map((p) => p.name),
    HOUSE_BOT_NAMES.slice(0, 4),
  );
  const events = follow(ui, created.gameId);
  const mine = await within(
    runBot({ url: server.wsUrl, gameId: created.gameId, name: "Mine" }),
    30_000,
    "the user's agent plays to the end",
  );
  assert.equal(mine.playerId, "p5");
  const seen = await within(events, 5000, "game_over");
  const started = seen.find((e) => e.type === "game_started");
  assert.equal(started?.type === "game_started" && started.players.length, 5);
  await assertBotsPlayed(server.wsUrl, created.gameId, created.houseBots);
});

Deno.test('lobby.createGame with houseBots: "fill" seats nobody until game.start, which fills every empty seat with house bots', async () => {
  await using server = await startTestServer();
  await using ui = connectClient(server.wsUrl, { clientType: "ui" });
  const created = await ui.trpc.lobby.createGame.mutate({
    ...SETTINGS,
    players: 6,
    seed: 5,
    houseBots: "fill",
  });
  assert.deepEqual(created.houseBots, []);
  const events = follow(ui, created.gameId);
  const mine = runBot({ url: server.wsUrl, gameId: created.gameId, name: "A" });
  const seated = async () =>
    (await ui.trpc.game.state.query({ gameId: created.gameId })).players;
  for (let i = 0; i < 200 && (await seated()).length === 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.deepEqual((await seated()).map((p) => p.name), ["A"]);
  await ui.trpc.game.start.mutate({ gameId: created.gameId });
  const result = await within(mine, 30_000, "the agent plays to the end");
  const seen = await within(events, 5000, "game_over");
  const started = seen.find((e) => e.type === "game_started");
  assert.deepEqual(
    started?.type === "game_started" && started.players.map((p) => p.name),
    ["A", ...HOUSE_BOT_NAMES.slice(0, 5)],
  );
  assert.equal(result.playerId, "p1");
  await assertBotsPlayed(server.wsUrl, created.gameId, [
    "p2",
    "p3",
    "p4",
    "p5",
    "p6",
  ]);
});

Deno.test("lobby.createGame refuses more house bots than seats with a sentence that says what is allowed", async () => {
  await using server = await startTestServer();
  await using ui = connectClient(server.wsUrl, { clientType: "ui" });
  const error = await ui.trpc.lobby.createGame.mutate({
    players: 5,
    houseBots: 6,
  }).then(() => null, (cause: unknown) => cause);
  assert.ok(error instanceof TRPCClientError);
  assert.equal(error.data?.code, "BAD_REQUEST");
  assert.equal(
    error.message,
    'houseBots is 6 but the game has 5 seats: give at most 5 (every seat a house bot), or "fill" to fill the seats still empty when the game is started',
  );
  assert.deepEqual(await ui.trpc.lobby.listGames.query(), []);
});

Deno.test("/ws create_game with houseBots seats the house bots; a legacy agent takes the last seat and plays against them to game_over", async () => {
  await using server = await startTestServer();
  const { port } = server.server;
  await using host = await LegacySocket.open(port, "host?client_type=ui");
  await host.next();
  const created = await host.request({
    message_type: "create_game",
    ...SETTINGS,
    players: 5,
    seed: 9,
    houseBots: 4,
  });
  assert.equal(created.message_type, "result", JSON.stringify(created));
  const result = created["result"] as { gameId: string; houseBots: string[] };
  assert.deepEqual(result.houseBots, ["p1", "p2", "p3", "p4"]);
  await using agent = await LegacySocket.open(port, "me?client_type=agent");
  await agent.next();
  const joined = await agent.request({
    message_type: "join_game",
    gameId: result.gameId,
    name: "Legacy",
  });
  assert.equal(joined.message_type, "result", JSON.stringify(joined));
  const events = await within(
    playLegacy(agent, { me: "p5", say: "Hello, bots." }),
    30_000,
    "the legacy agent's game",
  );
  const over = events.at(-1);
  assert.equal(over?.type, "game_over");
  await assertBotsPlayed(server.wsUrl, result.gameId, result.houseBots);
});
