import assert from "node:assert/strict";
import { RawSocket, waitFor } from "./_helpers.ts";
import { serveTestRouter } from "./_test_router.ts";

Deno.test("upgradeTRPCWebSocket() tells a context made after its socket closed that it closed (socket.onClose), so nothing stays registered", async () => {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const heard: { code: number; reason: string }[] = [];
  await using server = serveTestRouter({
    createContext: async ({ socket }) => {
      await gate; // e.g. a token lookup, slower than the client
      socket.onClose((info) => heard.push(info));
      return { params: null, url: "", userAgent: null };
    },
  });
  const raw = await RawSocket.open(server.url);
  await raw[Symbol.asyncDispose]();
  await waitFor(() => server.sockets.size === 0, "the server to see the close");
  release();
  await waitFor(() => heard.length === 1, "the late listener to be called");
  assert.equal(typeof heard[0]?.code, "number");
});

Deno.test("upgradeTRPCWebSocket() gives createContext a signal that aborts when the socket closes, and an aborted one to a context that reads it after the close", async () => {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const signals: AbortSignal[] = [];
  await using server = serveTestRouter({
    createContext: async (opts) => {
      if (opts.connectionParams?.["late"] === "yes") {
        await gate; // reads its signal only after the close
      }
      signals.push(opts.signal);
      return { params: null, url: "", userAgent: null };
    },
  });
  const early = await RawSocket.open(server.url);
  await waitFor(() => signals.length === 1, "the first context");
  assert.equal(signals[0]!.aborted, false);
  await early[Symbol.asyncDispose]();
  await waitFor(() => signals[0]!.aborted, "the first signal to abort");
  const late = await RawSocket.open(`${server.url}?connectionParams=1`);
  late.send(JSON.stringify({
    method: "connectionParams",
    data: { late: "yes" },
  }));
  await waitFor(() => server.sockets.size === 1, "the late socket");
  await late[Symbol.asyncDispose]();
  await waitFor(() => server.sockets.size === 0, "the server to see the close");
  release();
  await waitFor(() => signals.length === 2, "the late context");
  assert.equal(signals[1]!.aborted, true);
});
