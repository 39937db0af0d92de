import assert from "node:assert/strict";
import { TRPCClientError } from "@trpc/client";
import { type BotResult, runBot } from "../examples/bot_agent.ts";
import { connectClient, startTestServer, within } from "./_helpers.ts";
import {
  createGame,
  joinLegacy,
  type LegacyEvent,
  LegacySocket,
  type Message,
  playLegacy,
} from "./_legacy.ts";

function speechOf(events: readonly LegacyEvent[]) {
  return events.filter((e) => e.type === "agent_message") as unknown as {
    agent_id: string;
    message_text: string;
  }[];
}

Deno.test("legacy agents and typed agents play one game to the end and see each other's speech and votes", async () => {
  await using server = await startTestServer();
  const { port } = server.server;
  const gameId = await createGame(server.wsUrl, { players: 5, seed: 3 });
  const legacy = [];
  for (const name of ["Lea", "Leo", "Lou"]) {
    legacy.push(await joinLegacy(port, { gameId, name }));
  }
  const typed: Promise<BotResult>[] = ["Tia", "Tom"].map((name, i) =>
    runBot({ url: server.wsUrl, gameId, name, seed: i + 1 })
  );
  const played = await within(
    Promise.all(
      legacy.map(({ socket, playerId }) =>
        playLegacy(socket, { me: playerId, say: `Legacy ${playerId} speaks.` })
      ),
    ),
    60_000,
    "the legacy agents to finish",
  );
  const bots = await within(Promise.all(typed), 60_000, "the typed bots");
  const winners = new Set([
    ...played.map((events) => events.at(-1)?.["winner"]),
    ...bots.map((bot) => bot.winner),
  ]);
  assert.equal(winners.size, 1);
  const legacyIds = new Set(legacy.map((l) => l.playerId));
  const typedIds = new Set(bots.map((b) => b.playerId as string));
  // at most one player dies on the first night (the typed witch saves or
  // passes, the legacy one passes): a legacy agent speaks on day 1, and a
  // typed agent votes (or speaks)
  const fromTyped = played.flat().filter((e) =>
    (e.type === "agent_message" && typedIds.has(String(e["agent_id"]))) ||
    (e.type === "player_action" && e["action"] === "vote" &&
      typedIds.has(String(e["player_id"])))
  );
  const heardByTyped = bots.flatMap((b) => speechOf(b.events as never))
    .filter((m) => legacyIds.has(m.agent_id));
  assert.ok(fromTyped.length > 0, "legacy agents saw nothing of typed agents");
  assert.ok(heardByTyped.length > 0, "typed agents heard no legacy agent");
  assert.match(heardByTyped[0]?.message_text ?? "", /^Legacy p\d+ speaks\.$/);
  let turns = 0;
  for (const { socket, playerId } of legacy) {
    const mine = socket.received.filter((m) => m.message_type === "your_turn");
    turns += mine.length;
    assert.ok(mine.every((t) => t["player_id"] === playerId));
    assert.equal(
      socket.received.filter((m) => m.message_type === "error").length,
      0,
      JSON.stringify(socket.received.filter((m) => m.message_type === "error")),
    );
    await socket[Symbol.asyncDispose]();
  }
  assert.ok(turns > 0);
});

Deno.test("join_game, vote and a second join answer with the typed procedures' results and errors", async () => {
  await using server = await startTestServer();
  const { port } = server.server;
  const gameId = await createGame(server.wsUrl, { players: 5, seed: 1 });
  const { socket, playerId, seatToken } = await joinLegacy(port, {
    gameId,
    name: "Lea",
  });
  await using _socket = socket;
  assert.equal(playerId, "p1");
  assert.match(seatToken, /^st_/);
  await using typed = connectClient(server.wsUrl, { clientType: "agent" });
  const seat = await typed.trpc.lobby.join.mutate({ gameId, name: "Tia" });
  const failures: [Record<string, unknown>, () => Promise<unknown>][] = [
    [
      { message_type: "vote", target: "p2" }, // gameId: the followed game
      () => typed.trpc.game.vote.mutate({ gameId, target: "p1" }),
    ],
    [
      { message_type: "join_game", gameId, name: "Lea2" },
      () => typed.trpc.lobby.join.mutate({ gameId, name: "Tia2" }),
    ],
    [
      { message_type: "get_state", gameId: "g-0000missing" },
      () => typed.trpc.game.state.query({ gameId: "g-0000missing" }),
    ],
  ];
  for (const [message, call] of failures) {
    const refused = await socket.request(message);
    const error = await call().then(() => null, (e: unknown) => e);
    assert.ok(error instanceof TRPCClientError, JSON.stringify(message));
    assert.equal(refused.message_type, "error");
    assert.equal(refused["code"], error.data?.code);
    const generic = (text: unknown): string =>
      String(text).replaceAll(playerId, "pX").replaceAll(seat.playerId, "pX");
    assert.equal(generic(refused["error"]), generic(error.message));
  }
  const state = await socket.request({ message_type: "get_state" });
  assert.equal(
    (state["result"] as { you: { player_id: string } }).you.player_id,
    "p1",
  );
});

Deno.test("watch_game: a legacy ui follows a game's public events (the spectator every event, no your_turn messages), and the hub's phase_update and game_state reach it in the original shapes", async () => {
  await using server = await startTestServer({
    spectatorToken: "spectator-secret",
  });
  const { port } = server.server;
  const gameId = await createGame(server.wsUrl, { players: 5, seed: 5 });
  await using ui = await LegacySocket.open(port, "ui_1?client_type=ui");
  const view = await ui.request({ message_type: "watch_game", gameId });
  assert.equal((view["result"] as { status: string }).status, "waiting");
  await using god = await LegacySocket.open(
    port,
    "obs_1?client_type=observer",
    { authorization: "Bearer spectator-secret" },
  );
  await god.request({ message_type: "watch_game", gameId });
  const bots = ["A", "B", "C", "D", "E"].map((name, i) =>
    runBot({ url: server.wsUrl, gameId, name, seed: i + 7 })
  );
  const over = await ui.until((m) =>
    m.message_type === "game_event" &&
    (m["event"] as LegacyEvent).type === "game_over"
  );
  await within(Promise.all(bots), 60_000, "the bots");
  await god.until((m) =>
    m.message_type === "game_event" &&
    (m["event"] as LegacyEvent).type === "game_over"
  );
  const seen = god.received.filter((m) => m.message_type === "game_event")
    .map((m) => (m["event"] as LegacyEvent).type);
  assert.ok(seen.includes("role_assigned") && seen.includes("your_turn"));
  assert.ok(god.received.every((m) => m.message_type !== "your_turn"));
  const events = ui.received.filter((m) => m.message_type === "game_event")
    .map((m) => (m["event"] as LegacyEvent).type);
  assert.equal(events.includes("role_assigned"), false, "roles stay secret");
  assert.equal(events.includes("your_turn"), false);
  assert.ok(
    over.event_id.endsWith(
      `:${gameId}:${(over["event"] as LegacyEvent)["seq"]}`,
    ),
  );
  const phase = ui.received.find((m): m is Message =>
    m.message_type === "phase_update"
  );
  assert.equal(phase?.client_id, `game:${gameId}`);
  assert.ok(typeof phase?.["new_phase"] === "string");
  const table = ui.received.find((m) => m.message_type === "game_state");
  assert.deepEqual(
    Object.keys(table ?? {}).sort(),
    [
      "alive_count",
      "client_id",
      "current_turn",
      "data",
      "dead_count",
      "event_id",
      "message_type",
      "phase",
      "players",
      "timestamp",
    ],
  );
});
