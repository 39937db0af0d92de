import assert from "node:assert/strict";
import { TRPCClientError } from "@trpc/client";
import { type BotResult, runBot } from "../examples/bot_agent.ts";
import { connectClient, startTestServer, waitFor, within } from "./_helpers.ts";
import {
  type LegacyEvent,
  LegacySocket,
  type Message,
  playLegacy,
} from "./_legacy.ts";

/** Creates a game over tRPC (development mode: anyone may). */
async function createGame(
  url: string,
  settings: { players: number; seed: number },
): Promise<string> {
  await using host = connectClient(url, { clientType: "ui" });
  const { gameId } = await host.trpc.lobby.createGame.mutate({
    ...settings,
    actionTimeoutMs: 20_000,
    discussionRounds: 1,
  });
  return gameId;
}

/** A legacy agent that joined `gameId`: its socket, seat and token. */
async function joinLegacy(
  port: number,
  opts: { gameId: string; name: string },
): Promise<{ socket: LegacySocket; playerId: string; seatToken: string }> {
  const socket = await LegacySocket.open(
    port,
    `legacy_${opts.name}?client_type=agent`,
  );
  const joined = await socket.request({
    message_type: "join_game",
    gameId: opts.gameId,
    name: opts.name,
  });
  assert.equal(joined.message_type, "result", JSON.stringify(joined));
  const result = joined["result"] as { playerId: string; seatToken: string };
  return { socket, ...result };
}

function speechOf(events: readonly LegacyEvent[]) {
  return events.filter((e) => e.type === "agent_message") as unknown as {
    agent_id: string;
    message_text: string;
  }[];
}

Deno.test("legacy agents and typed agents play one game to the end and see each other's speech", async () => {
  await using server = startTestServer();
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
  const heardByLegacy = played.flatMap(speechOf).filter((m) =>
    typedIds.has(m.agent_id)
  );
  const heardByTyped = bots.flatMap((b) => speechOf(b.events as never))
    .filter((m) => legacyIds.has(m.agent_id));
  assert.ok(heardByLegacy.length > 0, "legacy agents heard no typed agent");
  assert.ok(heardByTyped.length > 0, "typed agents heard no legacy agent");
  assert.match(heardByTyped[0]?.message_text ?? "", /^Legacy p\d+ speaks\.$/);
  for (const { socket, playerId } of legacy) {
    const turns = socket.received.filter((m) => m.message_type === "your_turn");
    assert.ok(turns.length > 0);
    assert.ok(turns.every((t) => t["player_id"] === playerId));
    assert.equal(
      socket.received.filter((m) => m.message_type === "error").length,
      0,
      JSON.stringify(socket.received.filter((m) => m.message_type === "error")),
    );
    await socket[Symbol.asyncDispose]();
  }
});

Deno.test("join_game, vote and a second join answer with the typed procedures' results and errors", async () => {
  await using server = startTestServer();
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

Deno.test("a legacy agent reconnecting with its seat token and last_event_id resumes its seat and exactly what it missed", async () => {
  await using server = startTestServer();
  const { port } = server.server;
  const gameId = await createGame(server.wsUrl, { players: 5, seed: 1 });
  const first = await joinLegacy(port, { gameId, name: "Lea" });
  const joined = await first.socket.until((m) =>
    m.message_type === "game_event" &&
    (m["event"] as LegacyEvent).type === "player_joined"
  );
  const lastEventId = joined.event_id;
  assert.match(lastEventId, new RegExp(`^[A-Za-z0-9]+-\\d+:${gameId}:2$`));
  await first.socket[Symbol.asyncDispose]();
  await using typed = connectClient(server.wsUrl, { clientType: "agent" });
  await typed.trpc.lobby.join.mutate({ gameId, name: "Tia" }); // missed: seq 3

  const path = (query: string) => `legacy_Lea?client_type=agent&${query}`;
  await using back = await LegacySocket.open(
    port,
    path(`last_event_id=${encodeURIComponent(lastEventId)}`),
    { authorization: `Bearer ${first.seatToken}` },
  );
  const welcome = await back.next();
  assert.equal(welcome.message_type, "connection");
  assert.deepEqual(
    [
      welcome.data["reconnected"],
      welcome.data["game_id"],
      welcome.data["player_id"],
    ],
    [true, gameId, first.playerId],
  );
  const missed = await back.nextOf("game_event");
  assert.deepEqual(
    [
      (missed["event"] as LegacyEvent).type,
      (missed["event"] as LegacyEvent)["seq"],
    ],
    ["player_joined", 3],
  );
  assert.ok(
    back.received.some((m) => m.message_type === "connection" && m !== welcome),
    "the hub's presence message missed while away is resumed too",
  );
  const state = await back.request({ message_type: "get_state" });
  assert.equal(
    (state["result"] as { you: { player_id: string } }).you.player_id,
    first.playerId,
  );
  await back[Symbol.asyncDispose]();

  // ?token= works too; while it is connected, its client id is its own
  await using again = await LegacySocket.open(
    port,
    path(`token=${first.seatToken}`),
  );
  assert.equal((await again.next()).data["player_id"], first.playerId);
  await using thief = await LegacySocket.open(port, path(""));
  assert.equal((await thief.next())["code"], "CONFLICT");
  assert.equal((await within(thief.closed, 5000, "refused")).code, 4004);
  again.send({ message_type: "ping" });
  assert.equal((await again.nextOf("pong")).message_type, "pong");
  await using wrong = await LegacySocket.open(port, "w_1?token=st_wrong");
  const refused = await wrong.next();
  assert.equal(refused["code"], "UNAUTHORIZED");
  assert.doesNotMatch(JSON.stringify(refused), /st_wrong/);
  assert.equal((await within(wrong.closed, 5000, "refused")).code, 4004);
});

Deno.test("watch_game: a legacy ui follows a game's public events, and the hub's phase_update and game_state reach it in the original shapes", async () => {
  await using server = startTestServer();
  const { port } = server.server;
  const gameId = await createGame(server.wsUrl, { players: 5, seed: 5 });
  await using ui = await LegacySocket.open(port, "ui_1?client_type=ui");
  const view = await ui.request({ message_type: "watch_game", gameId });
  assert.equal((view["result"] as { status: string }).status, "waiting");
  const bots = ["A", "B", "C", "D", "E"].map((name, i) =>
    runBot({ url: server.wsUrl, gameId, name, seed: i + 7 })
  );
  const over = await ui.until((m) =>
    m.message_type === "game_event" &&
    (m["event"] as LegacyEvent).type === "game_over"
  );
  await within(Promise.all(bots), 60_000, "the bots");
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

Deno.test("a replayed your_turn comes as your_turn only while the game still waits for it, else as a game_event", async () => {
  await using server = startTestServer();
  const { port } = server.server;
  const gameId = await createGame(server.wsUrl, { players: 5, seed: 2 });
  const seats: Awaited<ReturnType<typeof joinLegacy>>[] = [];
  for (const name of ["Ana", "Ben", "Cam", "Dan", "Eva"]) {
    seats.push(await joinLegacy(port, { gameId, name }));
  }
  const hasTurn = (socket: LegacySocket) =>
    socket.received.some((m) => m.message_type === "your_turn");
  await waitFor(() => seats.some((s) => hasTurn(s.socket)), "a night turn");
  const actor = seats.find((s) => hasTurn(s.socket))!;
  const turn = actor.socket.received.find((m) =>
    m.message_type === "your_turn"
  )!;
  for (const seat of seats) await seat.socket[Symbol.asyncDispose]();

  const auth = { authorization: `Bearer ${actor.seatToken}` };
  const reopen = () =>
    LegacySocket.open(port, `again_${actor.playerId}?client_type=agent`, auth);
  {
    await using back = await reopen(); // no last_event_id: the whole log
    const replayed = await back.nextOf("your_turn");
    assert.equal(replayed["seq"], turn["seq"]);
    const target = (turn["options"] as string[])[0];
    const done = await back.request({
      message_type: "act",
      action: { kind: turn["request"], target },
    });
    assert.equal(done.message_type, "result", JSON.stringify(done));
  }
  await using later = await reopen();
  const old = await later.until((m) =>
    m.message_type === "game_event" &&
    (m["event"] as LegacyEvent)["seq"] === turn["seq"]
  );
  assert.equal((old["event"] as LegacyEvent).type, "your_turn");
  assert.equal(
    later.received.filter((m) => m.message_type === "your_turn").length,
    0,
  );
});
