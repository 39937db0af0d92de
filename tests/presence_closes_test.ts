/**
 * How the server closes a socket: an unknown client type and a wrong token
 * (4004 after an error frame), WS_TIMEOUT on a silent socket (4002) but not
 * one that sends PING, and error shapes without a stack trace.
 * @module
 */
import assert from "node:assert/strict";
import superjson from "superjson";
import {
  connectClient,
  RawSocket,
  startTestServer,
  waitFor,
  within,
} from "./_helpers.ts";
import { errorOf, stats } from "./_presence.ts";

Deno.test("an unknown client type gets an error frame, then close 4004; others keep working", async () => {
  await using server = await startTestServer();
  await using other = connectClient(server.wsUrl, {
    clientId: "other",
    clientType: "ui",
  });
  await other.trpc.system.ping.query();

  await using robot = await RawSocket.open(`${server.wsUrl}?client_type=robot`);
  const frame = await robot.nextJson();
  assert.equal(frame["id"], null);
  const error = errorOf(frame);
  assert.match(error.message, /robot/);
  assert.match(error.message, /agent, ui, observer/);
  assert.equal(error.data.code, "BAD_REQUEST");
  const closed = await within(robot.closed, 5000, "robot closed");
  assert.equal(closed.code, 4004);

  const { serverTime } = await other.trpc.system.ping.query();
  assert.ok(serverTime instanceof Date);
  assert.deepEqual(
    (await stats(server.httpUrl)).clients.map((c) => c.client_id),
    ["other"],
  );
});

Deno.test("WS_TIMEOUT closes a silent socket with 4002 and drops it from /stats", async () => {
  await using server = await startTestServer({ idleTimeoutS: 0.3 });
  await using silent = await RawSocket.open(`${server.wsUrl}?client_type=ui`);
  await waitFor(() => server.server.hub.size === 1, "the silent client");
  const [listed] = (await stats(server.httpUrl)).clients;
  assert.ok(listed !== undefined);
  assert.equal(listed.type, "ui");
  assert.match(listed.client_id, /^ui-/);

  const closed = await within(silent.closed, 3000, "idle close");
  assert.equal(closed.code, 4002);
  assert.match(closed.reason, /idle/);
  await waitFor(() => server.server.hub.size === 0, "the hub to drop it");
  const after = await stats(server.httpUrl);
  assert.equal(after.total_clients, 0);
  assert.deepEqual(after.clients, []);
});

Deno.test("WS_TIMEOUT close reason states a sub-second timeout as set", async () => {
  await using server = await startTestServer({ idleTimeoutS: 0.3 });
  await using silent = await RawSocket.open(`${server.wsUrl}?client_type=ui`);
  const closed = await within(silent.closed, 3000, "idle close");
  assert.equal(closed.code, 4002);
  assert.match(closed.reason, /0\.3 s/);
});

Deno.test("WS_TIMEOUT spares a socket that keeps sending PING, and it gets PONG", async () => {
  await using server = await startTestServer({ idleTimeoutS: 0.3 });
  await using chatty = await RawSocket.open(`${server.wsUrl}?client_type=ui`);
  for (let i = 0; i < 6; i++) {
    chatty.send("PING");
    assert.equal(await chatty.next(1000), "PONG");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // 600 ms and more passed: twice the timeout, and it is still open.
  assert.equal(chatty.ws.readyState, WebSocket.OPEN);
  assert.equal(server.server.hub.size, 1);
  assert.equal((await stats(server.httpUrl)).total_clients, 1);
});

Deno.test("connectionParams with a wrong token is refused: UNAUTHORIZED, then close 4004", async () => {
  await using server = await startTestServer({ adminToken: "s3cret" });
  await using socket = await RawSocket.open(
    `${server.wsUrl}?connectionParams=1`,
  );
  socket.send({ method: "connectionParams", data: { token: "nope" } });
  const frame = await socket.nextJson();
  assert.equal(frame["id"], null);
  const error = errorOf(frame);
  assert.equal(error.data.code, "UNAUTHORIZED");
  assert.match(error.message, /token is not valid/);
  const closed = await within(socket.closed, 5000, "refused socket closed");
  assert.equal(closed.code, 4004);
  assert.equal(server.server.hub.size, 0);
});

Deno.test("error shapes carry no server stack trace", async () => {
  await using server = await startTestServer();
  await using raw = await RawSocket.open(
    `${server.wsUrl}?client_type=observer`,
  );
  raw.send({
    id: 1,
    method: "query",
    params: { path: "nowhere", input: superjson.serialize(null) },
  });
  const reply = await raw.nextJson();
  const error = superjson.deserialize(reply.error as never) as {
    data: Record<string, unknown>;
  };
  assert.equal(error.data["code"], "NOT_FOUND");
  assert.equal("stack" in error.data, false);
});
