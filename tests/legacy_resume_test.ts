import assert from "node:assert/strict";
import { connectClient, startTestServer, waitFor, within } from "./_helpers.ts";
import {
  createGame,
  joinLegacy,
  type LegacyEvent,
  LegacySocket,
} from "./_legacy.ts";

Deno.test("a legacy agent reconnecting with its seat token and last_event_id resumes its seat and exactly what it missed", async () => {
  await using server = await startTestServer();
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

  // an agent takes presence only when it asks (presence=1)
  const path = (query: string) =>
    `legacy_Lea?client_type=agent&presence=1&${query}`;
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
  // the hub's presence missed while away (Tia) is resumed too
  const isTia = (m: { message_type: string }) =>
    m.message_type === "connection" && m !== welcome;
  const tia = back.received.find(isTia) ?? await back.until(isTia);
  assert.equal(tia.data["client_type"], "agent");
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

Deno.test("a your_turn still awaited comes again on a resume after it; replayed, it is a your_turn only while awaited, else a game_event", async () => {
  await using server = await startTestServer();
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
  const reopen = (query = "") =>
    LegacySocket.open(
      port,
      `again_${actor.playerId}?client_type=agent${query}`,
      auth,
    );
  {
    // resumed after the turn it did not answer: the turn comes again first
    const last = actor.socket.received.at(-1)!.event_id;
    await using resumed = await reopen(
      `&last_event_id=${encodeURIComponent(last)}`,
    );
    const again = await resumed.until((m) =>
      m.message_type === "your_turn" || m.message_type === "game_event"
    );
    assert.equal(again.message_type, "your_turn");
    assert.equal(again["seq"], turn["seq"]);
    assert.equal(again.event_id.split(":").at(-1), last.split(":").at(-1));
  }
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

Deno.test("a last_event_id that is not an event_id of /ws gets an EVENTS_LOST error after the welcome, then live messages", async () => {
  await using server = await startTestServer();
  const { port } = server.server;
  for (const id of ["not an id", "zz-1", "a:b:c:d"]) {
    await using ui = await LegacySocket.open(
      port,
      `ui_1?client_type=ui&last_event_id=${encodeURIComponent(id)}`,
    );
    assert.equal((await ui.next()).message_type, "connection");
    const notice = await ui.next();
    assert.equal(notice.message_type, "error", id);
    assert.equal(notice["code"], "EVENTS_LOST");
    ui.send({ message_type: "ping" });
    assert.equal((await ui.next()).message_type, "pong");
  }
});

Deno.test("a connection playing in a game follows it to its end: watching or joining another is CONFLICT", async () => {
  await using server = await startTestServer();
  const { port } = server.server;
  const gameId = await createGame(server.wsUrl, { players: 5, seed: 1 });
  const other = await createGame(server.wsUrl, { players: 5, seed: 2 });
  const { socket } = await joinLegacy(port, { gameId, name: "Lea" });
  await using _socket = socket;
  for (const message_type of ["watch_game", "join_game"]) {
    const refused = await socket.request({
      message_type,
      gameId: other,
      name: "Lea",
    });
    assert.equal(refused["code"], "CONFLICT");
    assert.match(String(refused["error"]), /follows it until its game_over/);
  }
  // two joins sent at once: one seat, the other is refused
  const third = await createGame(server.wsUrl, { players: 5, seed: 3 });
  await using racer = await LegacySocket.open(port, "racer?client_type=agent");
  racer.send({
    message_type: "join_game",
    gameId: other,
    name: "R1",
    request_id: 1,
  });
  racer.send({
    message_type: "join_game",
    gameId: third,
    name: "R2",
    request_id: 2,
  });
  const answers = [await racer.nextOf("result"), await racer.nextOf("error")];
  assert.deepEqual(answers.map((m) => m["request_id"]), [1, 2]);
  assert.equal(answers[1]?.["code"], "CONFLICT");
  await using ui = await LegacySocket.open(port, "ui_1?client_type=ui");
  for (const id of [gameId, other]) {
    const view = await ui.request({ message_type: "watch_game", gameId: id });
    assert.equal((view["result"] as { gameId: string }).gameId, id);
  }
  const created = await ui.until((m) =>
    m.message_type === "game_event" && m["game_id"] === other
  );
  assert.equal((created["event"] as LegacyEvent).type, "game_created");
});
