/**
 * The operator's view beyond calls and sockets: an SSE stream listed (and
 * not closable), the slow consumer the server cut off listed with its
 * client, and the README's section holding the contract's limits.
 * @module
 */
import assert from "node:assert/strict";
import { CLOSE_OPERATOR } from "../src/hub/mod.ts";
import {
  cleanCloseReason,
  CLOSE_REASON_MAX,
  OVERVIEW_CLIENTS_MAX,
  RATE_BUCKET_S,
  RATE_BUCKETS,
  RECENT_SLOW_MAX,
} from "../src/mod.ts";
import { connectClient, startTestServer, waitFor } from "./_helpers.ts";
import { rawUpgrade } from "./_raw_http.ts";
import { codeOf } from "./_admin.ts";

Deno.test("admin.overview lists an SSE stream (trpc_sse, its subscription; not closable) and the slow consumer the server cut off, with its client, beside the metric's count", async () => {
  await using server = await startTestServer({
    maxBufferedBytes: 256 * 1024,
    slowConsumerMs: 300,
  });
  await using admin = connectClient(server.wsUrl, { clientType: "ui" });
  const abort = new AbortController();
  const params = encodeURIComponent(
    JSON.stringify({ clientId: "sse-watcher", clientType: "observer" }),
  );
  const sse = await fetch(
    `${server.httpUrl}/trpc/hub.events?connectionParams=${params}`,
    { headers: { accept: "text/event-stream" }, signal: abort.signal },
  );
  assert.equal(sse.headers.get("content-type"), "text/event-stream");
  const streamed = (await admin.trpc.admin.overview.query()).clients.list
    .find((c) => c.clientId === "sse-watcher");
  assert.equal(streamed?.protocol, "trpc_sse");
  assert.deepEqual(streamed?.subscriptions, ["hub.events"]);
  assert.equal(
    await codeOf(admin.trpc.admin.closeClient.mutate({
      clientId: "sse-watcher",
      reason: "x",
    })),
    "NOT_FOUND",
  );
  abort.abort();
  await sse.body?.cancel().catch(() => {});

  // a client that stops reading, as tests/metrics_test.ts makes one
  const { hub, sockets } = server.server;
  await using slow = await rawUpgrade(server.server.port, {
    path: "/ws/slow?client_type=ui",
  });
  assert.equal(slow.status, 101);
  await waitFor(() => hub.get("slow") !== undefined, "the slow client");
  const text = "x".repeat(3900);
  for (let routed = 0; routed < 50_000 && hub.get("slow"); routed++) {
    hub.route({
      message_type: "agent_message",
      client_id: "bot",
      timestamp: 1,
      agent_name: "Bot",
      message_text: text,
    }, { to_client: "slow" });
    if (routed % 64 === 0) await new Promise((r) => setTimeout(r, 0));
  }
  await waitFor(() => sockets.size === 1, "the slow client cut off", 20_000);
  const overview = await admin.trpc.admin.overview.query();
  assert.equal(overview.slowConsumers.total, 1);
  assert.deepEqual(
    overview.slowConsumers.recent.map((s) => [s.clientId, s.protocol]),
    [["slow", "legacy_ws"]],
  );
  assert.ok(overview.clients.list.every((c) => c.clientId !== "slow"));
});

Deno.test("the README's operator's view states the limits of src/contract/operator.ts and the close code", async () => {
  const readme =
    (await Deno.readTextFile(new URL("../README.md", import.meta.url)))
      .replace(/\s+/g, " ");
  for (
    const claim of [
      `buckets of ${RATE_BUCKET_S} s, the last ${RATE_BUCKETS}`,
      `the first ${OVERVIEW_CLIENTS_MAX} with the total`,
      `The last ${RECENT_SLOW_MAX} slow consumers the server cut off (4003`,
      `cut to ${CLOSE_REASON_MAX} characters`,
      `| ${CLOSE_OPERATOR} | Closed by an operator`,
    ]
  ) assert.ok(readme.includes(claim), claim);
});

Deno.test("cleanCloseReason: control characters and whitespace runs become one space, trimmed, cut to CLOSE_REASON_MAX characters; empty says an operator closed it", () => {
  assert.equal(cleanCloseReason(" a\u0000b\r\n\tc  "), "a b c");
  assert.equal(cleanCloseReason("é".repeat(300)).length, CLOSE_REASON_MAX);
  assert.equal(cleanCloseReason(" \u0007 "), "closed by an operator");
});
