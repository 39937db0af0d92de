import assert from "node:assert/strict";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "../src/mod.ts";
import { connectClient, startTestServer, waitFor, within } from "./_helpers.ts";
import { rawUpgrade } from "./_raw_http.ts";

/** An SSE subscription over plain HTTP, read by hand; `await using` ends it as a vanishing client would. */
interface SseStream extends AsyncDisposable {
  /** The first event after tRPC's `connected`: `message` (the subscription runs) or `serialized-error`. */
  first: { event: string; data: string };
}

/** Opens `GET /trpc/{path}` as tRPC's httpSubscriptionLink does and reads its first event. */
async function openSse(
  httpUrl: string,
  path: string,
  opts: { input?: unknown; params?: Record<string, string> } = {},
): Promise<SseStream> {
  const query = new URLSearchParams();
  if (opts.input !== undefined) {
    query.set("input", JSON.stringify(superjson.serialize(opts.input)));
  }
  if (opts.params !== undefined) {
    query.set("connectionParams", JSON.stringify(opts.params));
  }
  const abort = new AbortController();
  const response = await fetch(`${httpUrl}/trpc/${path}?${query}`, {
    headers: { accept: "text/event-stream" },
    signal: abort.signal,
  });
  assert.equal(response.headers.get("content-type"), "text/event-stream");
  const reader = response.body!.pipeThrough(new TextDecoderStream())
    .getReader();
  let text = "";
  const first = await within(
    (async () => {
      for (let reads = 0; reads < 100; reads++) {
        // an event is a block of lines ending with a blank line; skip comments
        for (const block of text.split("\n\n").slice(0, -1)) {
          const lines = block.split("\n");
          const data = lines.find((l) => l.startsWith("data:"));
          if (data === undefined) continue;
          const event = lines.find((l) => l.startsWith("event:"))?.slice(6)
            .trim() ?? "message";
          if (event === "connected") continue; // tRPC's opening event
          return { event, data: data.slice(5).trim() };
        }
        const { done, value } = await reader.read();
        if (done) break;
        text += value;
      }
      throw new Error(`no event in ${JSON.stringify(text)}`);
    })(),
    5000,
    `the first event of ${path}`,
  );
  return {
    first,
    [Symbol.asyncDispose]: async () => {
      abort.abort();
      await reader.cancel().catch(() => {});
    },
  };
}

Deno.test("createHttpHandler() counts SSE streams with the WebSockets of an address and frees the slot when the client goes", async () => {
  await using server = await startTestServer({ wsMaxConnectionsPerIp: 2 });
  const { guard, port } = server.server;
  await using ws = connectClient(server.wsUrl, { clientType: "agent" });
  await ws.trpc.system.ping.query();
  {
    await using sse = await openSse(server.httpUrl, "hub.events", {
      params: { clientId: "sse-1", clientType: "ui" },
    });
    assert.equal(sse.first.event, "message");
    assert.equal(guard.openSockets("127.0.0.1"), 2);
    // one more stream, or one more WebSocket, is over the address's 2
    await using refused = await openSse(server.httpUrl, "hub.events", {
      params: { clientId: "sse-2", clientType: "ui" },
    });
    assert.equal(refused.first.event, "serialized-error");
    const error = superjson.deserialize<
      { message: string; data: { code: string } }
    >(
      JSON.parse(refused.first.data),
    );
    assert.equal(error.data.code, "TOO_MANY_REQUESTS");
    assert.match(
      error.message,
      /Too many WebSockets and SSE streams from 127\.0\.0\.1: .* 2 at once \(WS_MAX_CONNECTIONS_PER_IP\)/,
    );
    await using upgrade = await rawUpgrade(port);
    assert.equal(upgrade.status, 429);
    assert.equal(
      server.server.hub.size,
      2,
      "the refused stream never joined the hub",
    );
  }
  // the first stream's client went away: its slot is free again
  await waitFor(
    () => guard.openSockets("127.0.0.1") === 1,
    "the SSE slot to be freed",
  );
  await using again = await openSse(server.httpUrl, "hub.events", {
    params: { clientId: "sse-3", clientType: "ui" },
  });
  assert.equal(again.first.event, "message");
});

Deno.test("createHttpHandler() bounds the SSE subscriptions of one client to WS_MAX_SUBSCRIPTIONS", async () => {
  await using server = await startTestServer({ maxSubscriptions: 2 });
  const trpc = createTRPCClient<AppRouter>({
    links: [httpBatchLink({
      url: `${server.httpUrl}/trpc`,
      transformer: superjson,
    })],
  });
  const { gameId } = await trpc.lobby.createGame.mutate({ players: 5 });
  const watch = (clientId: string) =>
    openSse(server.httpUrl, "game.events", {
      input: { gameId },
      params: { clientId, clientType: "ui" },
    });
  await using a1 = await watch("sse-a");
  {
    await using a2 = await watch("sse-a");
    assert.deepEqual([a1.first.event, a2.first.event], ["message", "message"]);
    await using a3 = await watch("sse-a");
    assert.equal(a3.first.event, "serialized-error");
    const error = superjson.deserialize<
      { message: string; data: { code: string } }
    >(
      JSON.parse(a3.first.data),
    );
    assert.equal(error.data.code, "TOO_MANY_REQUESTS");
    assert.match(
      error.message,
      /The SSE client sse-a already holds 2 subscriptions, the most allowed \(WS_MAX_SUBSCRIPTIONS\)/,
    );
    await using b = await watch("sse-b");
    assert.equal(b.first.event, "message", "another client has its own");
    assert.equal(
      server.server.guard.openSockets(),
      3,
      "a refusal holds no slot",
    );
  }
  await waitFor(
    () => server.server.guard.openSockets() === 1,
    "a2 and b to end",
  );
  await using a4 = await watch("sse-a");
  assert.equal(
    a4.first.event,
    "message",
    "a freed subscription can be taken again",
  );
});
