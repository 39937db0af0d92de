/**
 * upgradeTRPCWebSocket()'s createContext: the connectionParams, the
 * upgrade request's URL and headers, a failing createContext, and
 * malformed connectionParams refused.
 * @module
 */
import assert from "node:assert/strict";
import { RawSocket, within } from "./_helpers.ts";
import { serveTestRouter } from "./_test_router.ts";
import { call, client, errorOf } from "./_ws_adapter_helpers.ts";

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
