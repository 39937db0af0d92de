/**
 * `loupgarou_calls_total` beyond the tRPC WebSocket: calls over plain HTTP
 * (queries, batches, an SSE subscription, a refused token) and the
 * original protocol's messages that run a procedure, each counted under
 * the procedure it runs with its code, the labels bounded.
 * @module
 */
import assert from "node:assert/strict";
import { METRICS } from "../src/server/mod.ts";
import { startTestServer } from "./_helpers.ts";
import { scrape, valueOf } from "./_metrics.ts";
import { LegacySocket } from "./_legacy.ts";

const CALLS = METRICS.calls.name;
const SECONDS = METRICS.callSeconds.name;

Deno.test("loupgarou_calls_total counts plain HTTP calls (a query, each call of a batch, an SSE subscription, a context refused) by procedure and code", async () => {
  await using server = await startTestServer({ adminToken: "calls-admin" });
  const url = `${server.httpUrl}/trpc`;
  for (let i = 0; i < 2; i++) {
    const ping = await fetch(`${url}/system.ping`);
    assert.equal(ping.status, 200);
    await ping.body?.cancel();
  }
  const batch = await fetch(
    `${url}/system.ping,game.state,no.such?batch=1&input=${
      encodeURIComponent(JSON.stringify({ 1: { gameId: "g-none" } }))
    }`,
  );
  assert.equal(batch.status, 207);
  await batch.body?.cancel();
  const refused = await fetch(`${url}/system.health`, {
    headers: { authorization: "Bearer not-the-token" },
  });
  assert.equal(refused.status, 401);
  await refused.body?.cancel();
  const abort = new AbortController();
  const sse = await fetch(`${url}/hub.events`, {
    headers: { accept: "text/event-stream" },
    signal: abort.signal,
  });
  assert.equal(sse.headers.get("content-type"), "text/event-stream");
  abort.abort();
  await sse.body?.cancel().catch(() => {});

  const text = await scrape(server.httpUrl);
  const ping = { procedure: "system.ping" };
  assert.equal(valueOf(text, CALLS, { ...ping, code: "OK" }), 3);
  assert.equal(valueOf(text, `${SECONDS}_count`, ping), 3);
  assert.equal(
    valueOf(text, CALLS, { procedure: "game.state", code: "NOT_FOUND" }),
    1,
  );
  assert.equal(
    valueOf(text, CALLS, { procedure: "unknown", code: "NOT_FOUND" }),
    1,
  );
  assert.equal(
    valueOf(text, CALLS, { procedure: "system.health", code: "UNAUTHORIZED" }),
    1,
  );
  assert.equal(
    valueOf(text, CALLS, { procedure: "hub.events", code: "OK" }),
    1,
  );
  assert.doesNotMatch(text, /no\.such/);
});

Deno.test("loupgarou_calls_total counts the original protocol's messages under the procedure each runs, with its code; ping and pong are not calls", async () => {
  await using server = await startTestServer();
  {
    await using legacy = await LegacySocket.open(
      server.server.port,
      "metered?client_type=ui",
    );
    await legacy.next(); // the welcome
    const listed = await legacy.request({ message_type: "list_games" });
    assert.equal(listed.message_type, "result");
    const missing = await legacy.request({
      message_type: "get_state",
      gameId: "g-0000missing",
    });
    assert.equal(missing.message_type, "error");
    const unplaced = await legacy.request({ message_type: "vote", target: 1 });
    assert.equal(unplaced.message_type, "error");
    legacy.send({ message_type: "ping" });
    await legacy.nextOf("pong");
  }
  const text = await scrape(server.httpUrl);
  assert.equal(
    valueOf(text, CALLS, { procedure: "lobby.listGames", code: "OK" }),
    1,
  );
  assert.equal(
    valueOf(text, CALLS, { procedure: "game.state", code: "NOT_FOUND" }),
    1,
  );
  assert.equal(
    valueOf(text, CALLS, { procedure: "game.vote", code: "BAD_REQUEST" }),
    1,
  );
  assert.equal(valueOf(text, `${SECONDS}_count`), 3);
  assert.doesNotMatch(text, /procedure="ping"/);
});
