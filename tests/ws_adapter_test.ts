import assert from "node:assert/strict";
import {
  createTRPCClient,
  createWSClient,
  TRPCClientError,
  wsLink,
} from "@trpc/client";
import superjson from "superjson";
import { Collector, RawSocket, waitFor, within } from "./_helpers.ts";
import { serveTestRouter, type TestRouter } from "./_test_router.ts";

function client(
  url: string,
  options: Partial<Parameters<typeof createWSClient>[0]> = {},
) {
  const ws = createWSClient({ url, retryDelayMs: () => 20, ...options });
  const trpc = createTRPCClient<TestRouter>({
    links: [wsLink({ client: ws, transformer: superjson })],
  });
  return { trpc, ws, [Symbol.asyncDispose]: () => ws.close() };
}

/** A raw reply's error, decoded as the client would (superjson). */
function errorOf(
  reply: Record<string, unknown>,
): { message: string; data: { code: string } } {
  return superjson.deserialize(reply.error as never);
}

const call = (
  id: number | string,
  method: string,
  path: string,
  input?: unknown,
) => ({
  id,
  method,
  params: { path, input: superjson.serialize(input) },
});

Deno.test("upgradeTRPCWebSocket() serves queries and mutations to the official client, Dates intact", async () => {
  await using server = serveTestRouter();
  await using c = client(server.url);
  const at = new Date("2026-01-30T12:00:00Z");
  const echoed = await c.trpc.echo.query({ text: "bonjour", at });
  assert.equal(echoed.text, "bonjour");
  assert.ok(echoed.at instanceof Date);
  assert.equal(echoed.at.getTime(), at.getTime());
  assert.equal(await c.trpc.add.mutate({ a: 2, b: 3 }), 5);
});

Deno.test("upgradeTRPCWebSocket() answers errors in tRPC's shape with the right code", async () => {
  await using server = serveTestRouter();
  await using c = client(server.url);
  const error = await c.trpc.fail.query().catch((e) => e);
  assert.ok(error instanceof TRPCClientError);
  assert.equal(error.message, "nope: this is forbidden");
  assert.equal(error.data?.code, "FORBIDDEN");
  assert.equal(error.data?.httpStatus, 403);
  const bad = await c.trpc.add.mutate({ a: 1, b: "2" as unknown as number })
    .catch((e) => e);
  assert.equal(bad.data?.code, "BAD_REQUEST");
});

Deno.test("upgradeTRPCWebSocket() delivers tracked ids and resumes with lastEventId after a forced reconnect", async () => {
  await using server = serveTestRouter();
  await using c = client(server.url);
  const got = new Collector<{ id: string; data: number }>();
  const sub = c.trpc.feed.subscribe(undefined, { onData: got.push });
  await waitFor(() => server.feed.inputs.length === 1, "the subscription");
  await c.trpc.publish.mutate(3);
  await got.until(3);
  assert.deepEqual(got.items.map((item) => item.id), ["1", "2", "3"]);

  const reopened = new Promise<void>((resolve) => {
    let opens = 0;
    c.ws.connectionState.subscribe({
      next: (state) => {
        if (state.state === "pending" && ++opens === 1) resolve();
      },
    });
  });
  server.sockets.closeAll(4000, "forced reconnect");
  server.feed.publish(2); // published while the client is away
  await within(reopened, 5000, "reconnect");
  await got.until(5);
  assert.deepEqual(got.items.map((item) => item.data), [1, 2, 3, 4, 5]);
  await waitFor(() => server.feed.inputs.length === 2, "the resubscribe");
  assert.deepEqual(server.feed.inputs[1], { lastEventId: "3" });
  sub.unsubscribe();
  await waitFor(() => server.feed.finished === 2, "both generators to finish");
});

Deno.test("upgradeTRPCWebSocket() stops a subscription on subscription.stop and answers stopped", async () => {
  await using server = serveTestRouter();
  await using raw = await RawSocket.open(server.url);
  raw.send(call(1, "subscription", "feed", undefined));
  assert.deepEqual(await raw.nextJson(), {
    id: 1,
    result: { type: "started" },
  });
  raw.send({ id: 1, method: "subscription.stop" });
  assert.deepEqual(await raw.nextJson(), {
    id: 1,
    result: { type: "stopped" },
  });
  await waitFor(() => server.feed.finished === 1, "the generator's finally");
  // the id is free again
  raw.send(call(1, "subscription", "feed", undefined));
  assert.deepEqual(await raw.nextJson(), {
    id: 1,
    result: { type: "started" },
  });
});

Deno.test("upgradeTRPCWebSocket() answers every call of a batched array", async () => {
  await using server = serveTestRouter();
  await using raw = await RawSocket.open(server.url);
  raw.send([
    call(1, "mutation", "add", { a: 1, b: 1 }),
    call("two", "query", "echo", { text: "x" }),
  ]);
  const replies = [await raw.nextJson(), await raw.nextJson()];
  const byId = new Map(replies.map((reply) => [reply.id, reply]));
  assert.deepEqual(
    superjson.deserialize((byId.get(1)?.result as { data: never }).data),
    2,
  );
  assert.equal(
    (superjson.deserialize(
      (byId.get("two")?.result as { data: never }).data,
    ) as { text: string }).text,
    "x",
  );
});

Deno.test("upgradeTRPCWebSocket() refuses a duplicate subscription id", async () => {
  await using server = serveTestRouter();
  await using raw = await RawSocket.open(server.url);
  raw.send(call(7, "subscription", "feed", undefined));
  assert.deepEqual(await raw.nextJson(), {
    id: 7,
    result: { type: "started" },
  });
  raw.send(call(7, "subscription", "feed", undefined));
  const reply = await raw.nextJson();
  const replyError = errorOf(reply);
  assert.equal(reply.id, 7);
  assert.equal(replyError.data.code, "BAD_REQUEST");
  assert.match(replyError.message, /Duplicate id 7/);
});

Deno.test("upgradeTRPCWebSocket() passes connectionParams and the Request to createContext", async () => {
  await using server = serveTestRouter();
  await using c = client(`${server.url}/trpc?room=42`, {
    connectionParams: () => Promise.resolve({ clientId: "alice", token: "t" }),
  });
  const ctx = await c.trpc.whoami.query();
  assert.deepEqual(ctx.params, { clientId: "alice", token: "t" });
  assert.match(ctx.url, /\/trpc\?room=42&connectionParams=1$/);
  assert.equal(server.contexts.length, 1);
  assert.ok(server.contexts[0]?.req instanceof Request);
  assert.equal(server.contexts[0]?.signal.aborted, false);
});

Deno.test("upgradeTRPCWebSocket() gives createContext the upgrade request's URL and headers, readable after the upgrade, as `req` and as `url` and `header`", async () => {
  type Seen = { url: string; header: string | null; agent: string | null };
  const seen: Seen[] = [];
  const read: (Seen & { none: string | null })[] = [];
  let made = 0;
  await using server = serveTestRouter({
    createContext: async ({ req, url, header, connectionParams }) => {
      made++;
      // Deno closed the original request by now: the snapshot answers
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (connectionParams?.["read"] === "yes") {
        read.push({
          url,
          header: header("x-table"),
          agent: header("x-seat"),
          none: header("x-none"),
        });
        seen.push({
          url: req.url,
          header: req.headers.get("x-table"),
          agent: req.headers.get("x-seat"),
        });
      }
      return { params: connectionParams, url: "", userAgent: null };
    },
  });
  const open = async (read: string) => {
    const ws = new WebSocket(`${server.url}/trpc?connectionParams=1&t=7`, {
      headers: { "x-table": "la table 3", "x-seat": "4" },
    } as unknown as string[]);
    await new Promise((resolve) => (ws.onopen = resolve));
    ws.send(JSON.stringify({ method: "connectionParams", data: { read } }));
    ws.send(JSON.stringify(call(1, "query", "whoami", undefined)));
    await new Promise((resolve) => (ws.onmessage = resolve));
    const closed = new Promise((resolve) => (ws.onclose = resolve));
    ws.close();
    await closed;
  };
  await open("no");
  await open("yes");
  assert.equal(made, 2);
  const expected = {
    url: `${server.url.replace("ws:", "http:")}/trpc?connectionParams=1&t=7`,
    header: "la table 3",
    agent: "4",
  };
  assert.deepEqual(seen, [expected]);
  assert.deepEqual(read, [{ ...expected, none: null }]);
});

Deno.test("upgradeTRPCWebSocket() answers a failing createContext with an error, closes, and calls it once", async () => {
  let calls = 0;
  await using server = serveTestRouter({
    createContext: () => {
      calls++;
      throw new Error("database unavailable");
    },
  });
  await using raw = await RawSocket.open(server.url);
  const reply = await raw.nextJson();
  const replyError = errorOf(reply);
  assert.equal(reply.id, null);
  assert.equal(replyError.data.code, "INTERNAL_SERVER_ERROR");
  const closed = await within(raw.closed, 5000, "close");
  assert.equal(closed.code, 4004);
  assert.equal(calls, 1);
});

Deno.test("upgradeTRPCWebSocket() refuses malformed connectionParams and closes", async () => {
  await using server = serveTestRouter();
  await using raw = await RawSocket.open(`${server.url}?connectionParams=1`);
  raw.send({ method: "connectionParams", data: { clientId: 42 } });
  const reply = await raw.nextJson();
  const replyError = errorOf(reply);
  assert.equal(reply.id, null);
  assert.equal(replyError.data.code, "PARSE_ERROR");
  assert.match(replyError.message, /string values.*clientId: number/);
  assert.equal((await within(raw.closed, 5000, "close")).code, 4004);
});

Deno.test("upgradeTRPCWebSocket() answers PING with PONG", async () => {
  await using server = serveTestRouter();
  await using raw = await RawSocket.open(server.url);
  raw.send("PING");
  assert.equal(await raw.next(), "PONG");
});

Deno.test("upgradeTRPCWebSocket() pings quiet clients and closes those that never answer", async () => {
  await using server = serveTestRouter({
    keepAlive: { enabled: true, pingMs: 50, pongWaitMs: 100 },
  });
  await using answering = await RawSocket.open(server.url);
  await using silent = await RawSocket.open(server.url);
  for (let i = 0; i < 3; i++) {
    assert.equal(await answering.next(), "PING");
    answering.send("PONG");
  }
  assert.equal(answering.ws.readyState, WebSocket.OPEN);
  assert.equal(await silent.next(), "PING");
  assert.equal((await within(silent.closed, 5000, "close")).code, 4005);
});

Deno.test("upgradeTRPCWebSocket() keeps the official client alive with server pings", async () => {
  await using server = serveTestRouter({
    keepAlive: { enabled: true, pingMs: 30, pongWaitMs: 200 },
  });
  await using c = client(server.url);
  await c.trpc.add.mutate({ a: 1, b: 1 });
  await new Promise((resolve) => setTimeout(resolve, 400)); // several ping rounds
  assert.equal(await c.trpc.add.mutate({ a: 2, b: 2 }), 4);
  assert.equal(server.contexts.length, 1, "the same socket served both calls");
});

Deno.test("upgradeTRPCWebSocket() answers each call of an oversize frame with PAYLOAD_TOO_LARGE under its id and keeps serving; one whose calls cannot be read gets an error and close code 1009, others unaffected", async () => {
  await using server = serveTestRouter({ maxMessageBytes: 1024 });
  await using other = client(server.url);
  await using raw = await RawSocket.open(server.url);
  const big = { text: "é".repeat(1000) }; // > 1024 bytes in UTF-8
  raw.send([call(1, "query", "echo", big), call("b", "query", "echo", big)]);
  for (const id of [1, "b"]) {
    const reply = await raw.nextJson();
    assert.equal(reply.id, id);
    const replyError = errorOf(reply);
    assert.equal(replyError.data.code, "PAYLOAD_TOO_LARGE");
    assert.match(replyError.message, /limit is 1024 bytes per frame/);
  }
  raw.send(call(2, "mutation", "add", { a: 1, b: 1 }));
  assert.equal((await raw.nextJson()).id, 2, "still serving");

  // the official client sees a TRPCClientError with the code, not a close
  await using official = client(server.url);
  const refused = await official.trpc.echo.query(big).catch((e) => e);
  assert.ok(refused instanceof TRPCClientError);
  assert.equal(refused.data?.code, "PAYLOAD_TOO_LARGE");
  assert.equal(await official.trpc.add.mutate({ a: 2, b: 2 }), 4);

  raw.send(JSON.stringify({ calls: "x".repeat(2000) })); // no call to answer
  const reply = await raw.nextJson();
  assert.equal(reply.id, null);
  assert.equal(errorOf(reply).data.code, "PAYLOAD_TOO_LARGE");
  assert.equal((await within(raw.closed, 5000, "close")).code, 1009);
  assert.equal(await other.trpc.add.mutate({ a: 20, b: 22 }), 42);
});

Deno.test("upgradeTRPCWebSocket() answers non-JSON, binary and unknown-method frames with tRPC's codes (PARSE_ERROR) and keeps serving", async () => {
  await using server = serveTestRouter();
  await using raw = await RawSocket.open(server.url);
  raw.send("this is not json");
  const notJson = await raw.nextJson();
  const notJsonError = errorOf(notJson);
  assert.equal(notJson.id, null);
  assert.equal(notJsonError.data.code, "PARSE_ERROR");
  assert.match(notJsonError.message, /not JSON/);

  raw.ws.send(new Uint8Array([1, 2, 3]));
  const binary = await raw.nextJson();
  const binaryError = errorOf(binary);
  assert.equal(binaryError.data.code, "PARSE_ERROR");
  assert.match(binaryError.message, /experimental_encoder/);

  raw.send({ id: 5, method: "teleport", params: { path: "add", input: null } });
  const unknown = await raw.nextJson();
  const unknownError = errorOf(unknown);
  assert.equal(unknown.id, 5);
  assert.equal(unknownError.data.code, "PARSE_ERROR");
  assert.match(unknownError.message, /Malformed tRPC message/);

  raw.send(call(6, "query", "nowhere", null));
  const missing = await raw.nextJson();
  const missingError = errorOf(missing);
  assert.equal(missingError.data.code, "NOT_FOUND");

  raw.send(call(7, "mutation", "add", { a: 1, b: 2 }));
  const ok = await raw.nextJson() as { id: number; result: { data: never } };
  assert.equal(ok.id, 7);
  assert.equal(superjson.deserialize(ok.result.data), 3);
});

Deno.test("upgradeTRPCWebSocket() keeps deliveries flowing to every socket while a backlog drains", async () => {
  await using server = serveTestRouter();
  await using a = await RawSocket.open(server.url);
  await using b = await RawSocket.open(server.url);
  const n = 20_000;
  const order: string[] = [];
  const count = { a: 0, b: 0 };
  const done = Promise.all(
    (["a", "b"] as const).map(async (name) => {
      const socket = name === "a" ? a : b;
      socket.send(call(1, "subscription", "burst", n));
      while (true) {
        const frame = await socket.nextJson(10_000) as {
          result?: { type: string };
        };
        if (frame.result?.type === "stopped") break;
        if (frame.result?.type === "data") {
          if (++count[name] === 1 || count[name] === n) {
            order.push(`${name}${count[name]}`);
          }
        }
      }
    }),
  );
  await within(done, 30_000, "both bursts");
  assert.equal(count.a, n);
  assert.equal(count.b, n);
  // both sockets got their first delivery before either got its last
  assert.deepEqual(order.slice(0, 2).sort(), ["a1", "b1"]);
});
