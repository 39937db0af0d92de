import assert from "node:assert/strict";
import { startTestServer, waitFor, within } from "./_helpers.ts";
import { LegacySocket } from "./_legacy.ts";
import { CLOSE_SLOW_CONSUMER } from "../src/hub/mod.ts";
import { rawUpgrade } from "./_raw_http.ts";
import {
  closeCodeAfterCut,
  FLOOD_MAX,
  floodUntilCut,
} from "./_slow_consumer.ts";

Deno.test("/ws/{client_id} limits: binary frames get an error, a frame over WS_MAX_MESSAGE_BYTES closes with 1009, messages over WS_RATE_LIMIT get TOO_MANY_REQUESTS", async () => {
  await using server = await startTestServer({
    maxMessageBytes: 1024,
    rateLimitPerSecond: 0.01, // one token per 100 s: no refill during the test
    rateBurst: 3,
  });
  const { port } = server.server;
  await using agent = await LegacySocket.open(port, "bot_1?client_type=agent");
  await agent.next();
  agent.ws.send(new Uint8Array([1, 2, 3]));
  assert.equal((await agent.next())["code"], "UNPROCESSABLE_CONTENT");
  for (let i = 0; i < 4; i++) agent.send({ message_type: "ping" });
  const answers = [];
  for (let i = 0; i < 4; i++) answers.push(await agent.next());
  const codes = answers.map((m) => m["code"] ?? m.message_type).sort();
  assert.deepEqual(codes, ["TOO_MANY_REQUESTS", "pong", "pong", "pong"]);
  assert.match(
    String(answers.find((m) => m["code"])?.["error"]),
    /0.01 messages per second on average and 3 at once; retry in \d+ ms/,
  );
  agent.send("x".repeat(2000));
  const tooBig = await agent.next();
  assert.equal(tooBig["code"], "PAYLOAD_TOO_LARGE");
  assert.equal((await within(agent.closed, 5000, "close")).code, 1009);
});

Deno.test("/ws/{client_id} closes a socket silent for WS_TIMEOUT with 4002", async () => {
  await using server = await startTestServer({ idleTimeoutS: 0.2 });
  await using quiet = await LegacySocket.open(
    server.server.port,
    "q_1?client_type=observer",
  );
  const closed = await within(quiet.closed, 5000, "idle close");
  assert.equal(closed.code, 4002);
  assert.match(closed.reason, /WS_TIMEOUT/);
});

Deno.test("/ws/{client_id} refuses an unknown client_type with an error and 4004, and a client id held with a token without it (CONFLICT)", async () => {
  await using server = await startTestServer();
  const { port } = server.server;
  await using bad = await LegacySocket.open(port, "x_1?client_type=robot");
  const error = await bad.next();
  assert.equal(error["code"], "BAD_REQUEST");
  assert.match(String(error["error"]), /allowed types are agent, ui, observer/);
  assert.equal((await within(bad.closed, 5000, "refused")).code, 4004);
  server.server.hub.connect(
    { client_id: "owned", client_type: "agent" },
    { close: () => {} },
    { owner: "seat:g-test/p1" },
  );
  await using thief = await LegacySocket.open(port, "owned?client_type=agent");
  const taken = await thief.next();
  assert.equal(taken["code"], "CONFLICT");
  assert.match(
    String(taken["error"]),
    /in use by a client that connected with a token/,
  );
  assert.equal((await within(thief.closed, 5000, "refused")).code, 4004);
});

Deno.test("/ws routing: a plain GET is 426, a path without a client id 404, a foreign browser Origin 403, over WS_MAX_CONNECTIONS_PER_IP 429", async () => {
  await using server = await startTestServer({ wsMaxConnectionsPerIp: 1 });
  const { port } = server.server;
  const plain = await fetch(`${server.httpUrl}/ws/ui_1`);
  assert.equal(plain.status, 426);
  assert.match((await plain.json()).error, /speaks WebSocket/);
  for (const path of ["/ws", "/ws/", "/ws/a/b"]) {
    const missing = await fetch(`${server.httpUrl}${path}`);
    assert.equal(missing.status, 404, path);
    await missing.body?.cancel();
  }
  {
    await using evil = await rawUpgrade(port, {
      path: "/ws/ui_1?client_type=ui",
      headers: { origin: "https://evil.example" },
    });
    assert.equal(evil.status, 403);
  }
  await using first = await LegacySocket.open(port, "ui_1?client_type=ui");
  await first.next();
  await using second = await rawUpgrade(port, { path: "/ws/ui_2" });
  assert.equal(second.status, 429);
  assert.match(second.body, /WS_MAX_CONNECTIONS_PER_IP/);
});

Deno.test("RunningServer.shutdown() closes legacy sockets with 1012", async () => {
  await using server = await startTestServer();
  const ui = await LegacySocket.open(server.server.port, "ui_1?client_type=ui");
  await ui.next();
  await server.server.shutdown();
  const closed: CloseEvent = await within(ui.closed, 5000, "restart close");
  assert.equal(closed.code, 1012);
});

Deno.test("/ws/{client_id} cuts off a client that stops reading (4003) and forgets it", async () => {
  await using server = await startTestServer({
    maxBufferedBytes: 256 * 1024,
    slowConsumerMs: 300,
  });
  const { hub, sockets } = server.server;
  await using slow = await rawUpgrade(server.server.port, {
    path: "/ws/slow?client_type=ui",
  });
  assert.equal(slow.status, 101);
  await waitFor(() => sockets.size === 1, "the legacy socket to open");
  const routed = await floodUntilCut(hub, "slow");
  await waitFor(
    () => hub.get("slow") === undefined && sockets.size === 0,
    "the slow client to be cut off",
    20_000,
  );
  assert.ok(routed < FLOOD_MAX);
  assert.equal(await closeCodeAfterCut(slow), CLOSE_SLOW_CONSUMER);
});
