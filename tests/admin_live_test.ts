/**
 * The operator's view beyond calls and sockets: an SSE client's streams
 * listed and ended (official `httpSubscriptionLink`), the slow consumer the
 * server cut off listed with its client, and the README's section holding
 * the contract's limits.
 * @module
 */
import assert from "node:assert/strict";
import {
  createTRPCClient,
  httpSubscriptionLink,
  TRPCClientError,
} from "@trpc/client";
import superjson from "superjson";
import { CLOSE_OPERATOR, CLOSE_SLOW_CONSUMER } from "../src/hub/mod.ts";
import {
  type AppRouter,
  cleanCloseReason,
  CLOSE_REASON_MAX,
  OPERATOR_SSE_CODE,
  OVERVIEW_CLIENTS_MAX,
  RATE_BUCKET_S,
  RATE_BUCKETS,
  RECENT_SLOW_MAX,
} from "../src/mod.ts";
import {
  Collector,
  connectClient,
  startTestServer,
  waitFor,
} from "./_helpers.ts";
import { rawUpgrade } from "./_raw_http.ts";
import { closeCodeAfterCut, floodUntilCut } from "./_slow_consumer.ts";
import { codeOf } from "./_admin.ts";

Deno.test("admin.closeClient ends an SSE client's streams (hub.events, game.events) with the subscription's error OPERATOR_SSE_CODE and the reason, after admin.overview listed them with what they follow", async () => {
  await using server = await startTestServer();
  await using admin = connectClient(server.wsUrl, { clientType: "ui" });
  const { gameId } = await admin.trpc.lobby.createGame.mutate({
    players: 5,
    autoStart: false,
  });
  const url = `${server.httpUrl}/trpc`;
  const sse = createTRPCClient<AppRouter>({
    links: [httpSubscriptionLink({
      url,
      transformer: superjson,
      connectionParams: { clientId: "sse-watcher", clientType: "observer" },
    })],
  });
  const hubEvents = new Collector<unknown>();
  const gameEvents = new Collector<unknown>();
  const errors: { stream: string; error: unknown }[] = [];
  const onError = (stream: string) => (error: unknown) =>
    errors.push({ stream, error });
  const subs = [
    sse.hub.events.subscribe(undefined, {
      onData: hubEvents.push,
      onError: onError("hub.events"),
    }),
    sse.game.events.subscribe({ gameId }, {
      onData: gameEvents.push,
      onError: onError("game.events"),
    }),
  ];
  try {
    await hubEvents.until(1); // the welcome
    await gameEvents.until(1); // the lobby's first event
    const listed = (await admin.trpc.admin.overview.query()).clients.list
      .filter((c) => c.clientId === "sse-watcher")
      .sort((a, b) => a.subscriptions[0]!.localeCompare(b.subscriptions[0]!));
    assert.deepEqual(
      listed.map((c) => [c.protocol, c.subscriptions, c.lastCall?.procedure]),
      [
        ["trpc_sse", ["game.events"], "game.events"],
        ["trpc_sse", ["hub.events"], "hub.events"],
      ],
    );
    assert.deepEqual(listed[0]?.games, [{ gameId, seat: null }]);

    const result = await admin.trpc.admin.closeClient.mutate({
      clientId: "sse-watcher",
      reason: "too\nchatty ",
    });
    assert.deepEqual(result, { closed: 2, reason: "too chatty" });
    await waitFor(() => errors.length === 2, "both streams' errors");
    for (const { stream, error } of errors) {
      assert.ok(error instanceof TRPCClientError, stream);
      assert.equal(error.data?.code, OPERATOR_SSE_CODE, stream);
      assert.match(error.message, /An operator closed this stream/, stream);
      assert.match(error.message, /too chatty/, stream);
    }
    // a stream leaves the registry as its error is sent
    const after = await admin.trpc.admin.overview.query();
    assert.ok(after.clients.list.every((c) => c.clientId !== "sse-watcher"));
    assert.equal(server.server.hub.get("sse-watcher"), undefined);
    assert.equal(
      await codeOf(admin.trpc.admin.closeClient.mutate({
        clientId: "sse-watcher",
        reason: "x",
      })),
      "NOT_FOUND",
    );
  } finally {
    for (const sub of subs) sub.unsubscribe();
  }
});

Deno.test("admin.overview lists the slow consumer the server cut off, with its client, beside the metric's count", async () => {
  await using server = await startTestServer({
    maxBufferedBytes: 256 * 1024,
    slowConsumerMs: 300,
  });
  await using admin = connectClient(server.wsUrl, { clientType: "ui" });
  // a client that stops reading (tests/_slow_consumer.ts)
  const { hub, sockets } = server.server;
  await using slow = await rawUpgrade(server.server.port, {
    path: "/ws/slow?client_type=ui",
  });
  assert.equal(slow.status, 101);
  await waitFor(() => hub.get("slow") !== undefined, "the slow client");
  await floodUntilCut(hub, "slow");
  await waitFor(() => sockets.size === 1, "the slow client cut off", 20_000);
  const overview = await admin.trpc.admin.overview.query();
  assert.equal(overview.slowConsumers.total, 1);
  assert.deepEqual(
    overview.slowConsumers.recent.map((s) => [s.clientId, s.protocol]),
    [["slow", "legacy_ws"]],
  );
  assert.ok(overview.clients.list.every((c) => c.clientId !== "slow"));
  assert.equal(await closeCodeAfterCut(slow), CLOSE_SLOW_CONSUMER);
});

Deno.test("the README's operator's view states the limits of src/contract/operator.ts, the close code and the SSE streams' error code", async () => {
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
      `code ${OPERATOR_SSE_CODE} (\`OPERATOR_SSE_CODE\``,
    ]
  ) assert.ok(readme.includes(claim), claim);
});

Deno.test("cleanCloseReason: control characters and whitespace runs become one space, trimmed, cut to CLOSE_REASON_MAX characters; empty says an operator closed it", () => {
  assert.equal(cleanCloseReason(" a\u0000b\r\n\tc  "), "a b c");
  assert.equal(cleanCloseReason("é".repeat(300)).length, CLOSE_REASON_MAX);
  assert.equal(cleanCloseReason(" \u0007 "), "closed by an operator");
});
