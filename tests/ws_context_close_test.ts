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
