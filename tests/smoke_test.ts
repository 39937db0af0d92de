import assert from "node:assert/strict";
import { connectClient, startTestServer } from "./_helpers.ts";

Deno.test("system.ping returns the server time as a Date over WebSocket", async () => {
  await using server = await startTestServer();
  await using client = connectClient(server.wsUrl, { clientType: "ui" });
  const { serverTime } = await client.trpc.system.ping.query();
  assert.ok(serverTime instanceof Date);
  assert.ok(Math.abs(serverTime.getTime() - Date.now()) < 5000);
});
