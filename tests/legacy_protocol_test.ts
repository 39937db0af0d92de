import assert from "node:assert/strict";
import { TRPCClientError } from "@trpc/client";
import type { HubMessage } from "../src/mod.ts";
import {
  Collector,
  connectClient,
  startTestServer,
  waitFor,
} from "./_helpers.ts";
import { LegacySocket } from "./_legacy.ts";

type HubEvent = { id: string; data: HubMessage };

Deno.test("/ws/{client_id} welcomes with the original connection message and answers ping with pong", async () => {
  await using server = await startTestServer();
  const { port } = server.server;
  await using ui = await LegacySocket.open(port, "ui_1?client_type=ui");
  const welcome = await ui.next();
  assert.equal(welcome.message_type, "connection");
  assert.equal(welcome.client_id, "ui_1");
  assert.equal(typeof welcome.timestamp, "number");
  assert.deepEqual(
    { ...welcome.data, connected_at: 0 },
    { client_type: "ui", connected_at: 0, reconnected: false },
  );
  assert.match(welcome.event_id, /^[A-Za-z0-9]+-\d+$/);
  ui.send({ message_type: "ping", client_id: "ui_1", timestamp: 1234.5 });
  const pong = await ui.next();
  assert.equal(pong.message_type, "pong");
  assert.equal(pong.client_id, "server");
  assert.deepEqual(pong.data, { ping_timestamp: 1234.5 });
  assert.deepEqual(server.server.hub.stats().by_type, {
    agent: 0,
    ui: 1,
    observer: 0,
  });
});

Deno.test("/ws/{client_id} answers malformed JSON, unknown types and wrong fields with an error message and keeps serving", async () => {
  await using server = await startTestServer();
  const { port } = server.server;
  await using agent = await LegacySocket.open(port, "bot_1?client_type=agent");
  await agent.next();
  const cases: [unknown, string, RegExp][] = [
    ["{not json", "PARSE_ERROR", /not valid JSON/],
    [
      "[1, 2]",
      "BAD_REQUEST",
      /JSON object with a "message_type", not an array/,
    ],
    [{ client_id: "bot_1" }, "BAD_REQUEST", /"message_type" is missing/],
    [{ message_type: 7 }, "BAD_REQUEST", /"message_type" is not a string/],
    [
      { message_type: "dance" },
      "BAD_REQUEST",
      /Unknown message_type "dance": clients send ping, pong, agent_message/,
    ],
    [
      { message_type: "connection" },
      "BAD_REQUEST",
      /is sent by the server, not by clients/,
    ],
    [{ message_type: "ping", timestamp: "noon" }, "BAD_REQUEST", /"timestamp"/],
    [
      { message_type: "agent_message", agent_name: "Ana" },
      "BAD_REQUEST",
      /"message_text"/,
    ],
    [
      { message_type: "player_action", action_type: 3 },
      "BAD_REQUEST",
      /"action_type"/,
    ],
    [
      { message_type: "vote", gameId: "nope", target: null },
      "BAD_REQUEST",
      /"gameId": a game id is g- and 4 to 32 lowercase letters or digits/,
    ],
    [
      { message_type: "vote", target: "p1" },
      "BAD_REQUEST",
      /^vote needs a game and this connection has none yet: send join_game \(or watch_game\) first, or give "gameId" in the message\.$/,
    ],
    [
      { message_type: "say", text: "hello" },
      "BAD_REQUEST",
      /^say needs a game .* send join_game/,
    ],
    [
      { message_type: "ping", client_id: "someone_else" },
      "FORBIDDEN",
      /only as yourself/,
    ],
  ];
  for (const [message, code, text] of cases) {
    agent.send(message);
    const error = await agent.next();
    assert.equal(error.message_type, "error", JSON.stringify(message));
    assert.equal(error["code"], code, JSON.stringify(error));
    assert.match(String(error["error"]), text);
    agent.send({ message_type: "ping" }); // still serving
    assert.equal((await agent.next()).message_type, "pong");
  }
  agent.send({ message_type: "dance", request_id: "r-1" });
  const tagged = await agent.next();
  assert.equal(tagged["request_id"], "r-1");
  assert.equal(tagged["request"], "dance");
  agent.send({ message_type: "agent_message", agent_name: 1, request_id: 2 });
  const wrong = await agent.next();
  assert.deepEqual(
    (wrong.data["issues"] as { path: string }[]).map((i) => i.path),
    ["agent_name", "message_text"],
  );
  assert.equal(agent.ws.readyState, WebSocket.OPEN);
});

Deno.test("agent_message from a legacy agent reaches legacy ui and observer clients and typed hub.events subscribers, not agents", async () => {
  await using server = await startTestServer();
  const { port } = server.server;
  await using ui = await LegacySocket.open(port, "ui_1?client_type=ui");
  await using observer = await LegacySocket.open(
    port,
    "obs_1?client_type=observer",
  );
  await using other = await LegacySocket.open(port, "bot_2?client_type=agent");
  await using typed = connectClient(server.wsUrl, {
    clientId: "ui_t",
    clientType: "ui",
  });
  const events = new Collector<HubEvent>();
  const sub = typed.trpc.hub.events.subscribe(undefined, {
    onData: events.push,
  });
  await events.until(1);
  await using alice = await LegacySocket.open(
    port,
    "agent_alice?client_type=agent",
  );
  await alice.next();
  const said = {
    message_type: "agent_message",
    client_id: "agent_alice",
    timestamp: 1706580000.0,
    agent_id: "agent_alice", // without a seat, an agent names itself by its id
    agent_name: "agent_alice",
    message_text: "Je pense que Bob est le loup-garou!",
    phase: "discussion",
  };
  alice.send(said);
  alice.send({
    message_type: "player_action",
    action_type: "vote",
    target_id: "p2",
  });
  for (const socket of [ui, observer]) {
    const got = await socket.nextOf("agent_message");
    assert.deepEqual({ ...got, event_id: "", timestamp: 0 }, {
      ...said,
      data: {},
      event_id: "",
      timestamp: 0,
    });
    assert.ok(got.timestamp > said.timestamp, "the server's clock, not 2024's");
    const action = await socket.nextOf("player_action");
    assert.equal(action.client_id, "agent_alice");
    assert.equal(action["target_id"], "p2");
  }
  // presence (coalesced per HUB_PRESENCE_MS) may come before or after
  const talk = () =>
    events.items.map((e) => e.data).filter((m) =>
      m.message_type === "agent_message" || m.message_type === "player_action"
    );
  await waitFor(() => talk().length === 2, "the typed ui to get both");
  const [message, action] = talk();
  assert.equal(message?.message_type, "agent_message");
  assert.equal(action?.message_type, "player_action");
  other.send({ message_type: "ping" }); // the other agent got neither
  const seen = await other.until((m) => m.message_type === "pong");
  assert.ok(
    other.received.every((m) => m.message_type !== "agent_message"),
    JSON.stringify(seen),
  );
  sub.unsubscribe();
});

Deno.test("a typed client's hub.publish reaches legacy ui clients, and a publish with request_id is answered with its receipt", async () => {
  await using server = await startTestServer();
  const { port } = server.server;
  await using ui = await LegacySocket.open(port, "ui_1?client_type=ui");
  await ui.next();
  await using typed = connectClient(server.wsUrl, {
    clientId: "bot_t",
    clientType: "agent",
  });
  await typed.trpc.hub.publish.mutate({
    message: {
      message_type: "agent_message",
      message_text: "hello legacy",
    },
  });
  const got = await ui.nextOf("agent_message");
  assert.equal(got.client_id, "bot_t");
  assert.equal(got["message_text"], "hello legacy");
  const receipt = await ui.request({
    message_type: "agent_message",
    message_text: "echo",
  }, "p-1");
  assert.equal(receipt.message_type, "result");
  assert.equal((receipt["result"] as { delivered: number }).delivered, 1);
});

Deno.test("legacy refusals carry the same sentence as the typed procedure's error (observer publishing, game_state without admin)", async () => {
  await using server = await startTestServer({ adminToken: "admin-secret" });
  const { port } = server.server;
  const cases: [string, Record<string, unknown>][] = [
    ["observer", {
      message_type: "agent_message",
      agent_name: "O",
      message_text: "hi",
    }],
    ["ui", {
      message_type: "game_state",
      phase: "day",
      players: [],
      current_turn: 1,
      alive_count: 0,
      dead_count: 0,
    }],
    ["agent", { message_type: "create_game", players: 5 }],
  ];
  for (const [type, message] of cases) {
    await using legacy = await LegacySocket.open(
      port,
      `l_${type}?client_type=${type}`,
    );
    await legacy.next();
    const refused = await legacy.request(message);
    await using typed = connectClient(server.wsUrl, {
      clientId: `t_${type}`,
      clientType: type,
    });
    const { message_type, ...input } = message;
    const call = message_type === "create_game"
      ? typed.trpc.lobby.createGame.mutate(input as { players: number })
      : typed.trpc.hub.publish.mutate({ message: message as never });
    const error = await call.then(() => null, (e: unknown) => e);
    assert.ok(error instanceof TRPCClientError);
    assert.equal(refused["code"], error.data?.code);
    assert.equal(refused["error"], error.message);
  }
});

Deno.test("a disconnection message goes to the others when a legacy client leaves", async () => {
  await using server = await startTestServer();
  const { port } = server.server;
  await using ui = await LegacySocket.open(port, "ui_1?client_type=ui");
  await ui.next();
  const leaving = await LegacySocket.open(port, "bot_1?client_type=agent");
  assert.equal((await ui.next()).message_type, "connection");
  await leaving[Symbol.asyncDispose]();
  const gone = await ui.nextOf("disconnection");
  assert.equal(gone.client_id, "bot_1");
  assert.equal(gone.data["client_type"], "agent");
  assert.match(String(gone.data["reason"]), /code 1000|1005/);
});
