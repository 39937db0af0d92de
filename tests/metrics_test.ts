/**
 * `GET /metrics` through real sockets: who may scrape it, and the
 * connection and call metrics moving with what the test does (official
 * `@trpc/client`, the original protocol's socket, an SSE stream).
 * @module
 */
import assert from "node:assert/strict";
import { TRPCClientError } from "@trpc/client";
import { createHttpHandler, METRICS, metricsTable } from "../src/server/mod.ts";
import { connectClient, startTestServer, within } from "./_helpers.ts";
import { M, metric, metricReaches, scrape, valueOf } from "./_metrics.ts";
import { LegacySocket } from "./_legacy.ts";

Deno.test("GET /metrics serves the Prometheus text: prom-client's default process metrics and every metric of the table, prefixed loupgarou_", async () => {
  await using server = await startTestServer();
  const response = await fetch(`${server.httpUrl}/metrics`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get("content-type") ?? "", /^text\/plain/);
  const text = await response.text();
  assert.match(text, /^loupgarou_process_cpu_seconds_total \d/m);
  assert.match(text, /^loupgarou_process_resident_memory_bytes \d/m);
  for (const spec of Object.values(METRICS)) {
    assert.match(text, new RegExp(`^# TYPE ${spec.name} ${spec.type}$`, "m"));
  }
  assert.equal(valueOf(text, M.hubHistory), server.server.hub.historySize);
  assert.ok(metricsTable().includes("`loupgarou_calls_total`"));
});

Deno.test("GET /metrics with METRICS_TOKEN: 401 with a sentence without the token or with a wrong one, 200 with it as Bearer", async () => {
  await using server = await startTestServer({ metricsToken: "scrape-secret" });
  const none = await fetch(`${server.httpUrl}/metrics`);
  assert.equal(none.status, 401);
  assert.match(await none.text(), /needs the METRICS_TOKEN.*Bearer/);
  assert.match(none.headers.get("www-authenticate") ?? "", /^Bearer/);
  const wrong = await fetch(`${server.httpUrl}/metrics`, {
    headers: { authorization: "Bearer scrape-secreT" },
  });
  assert.equal(wrong.status, 401);
  assert.match(await wrong.text(), /the token sent is not it/);
  const text = await scrape(server.httpUrl, {
    authorization: "Bearer scrape-secret",
  });
  assert.match(text, /^# TYPE loupgarou_calls_total counter$/m);
});

Deno.test("GET /metrics without METRICS_TOKEN answers loopback addresses and refuses any other with a 403 that says how to open it", async () => {
  const scraped = () => Promise.resolve("loupgarou_x 1\n");
  await using server = await startTestServer();
  const handler = createHttpHandler({
    hub: server.server.hub,
    createContext: () => {
      throw new Error("not reached");
    },
    ws: {},
    metrics: { token: undefined, scrape: scraped, contentType: "text/plain" },
  });
  const from = async (hostname: string) => {
    const info = {
      remoteAddr: { transport: "tcp", hostname, port: 40000 },
      completed: Promise.resolve(),
    } as Deno.ServeHandlerInfo<Deno.NetAddr>;
    return await handler(new Request("http://example.test/metrics"), info);
  };
  for (
    const loopback of ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"]
  ) {
    const response = await from(loopback);
    assert.equal(response.status, 200, loopback);
    assert.equal(await response.text(), "loupgarou_x 1\n");
  }
  for (const remote of ["203.0.113.7", "::ffff:10.0.0.1", "2001:db8::1"]) {
    const response = await from(remote);
    assert.equal(response.status, 403, remote);
    assert.match(await response.text(), /set METRICS_TOKEN.*Bearer/);
  }
  // and the real server, over a real socket from 127.0.0.1
  const real = await fetch(`${server.httpUrl}/metrics`);
  assert.equal(real.status, 200);
  await real.body?.cancel();
});

Deno.test("loupgarou_connections counts tRPC WebSockets by client type while open; opened, closed (by code) and the open wait count each socket once", async () => {
  await using server = await startTestServer();
  const url = server.httpUrl;
  const ws = { protocol: "trpc_ws" };
  {
    await using ui = connectClient(server.wsUrl, { clientType: "ui" });
    await using agent = connectClient(server.wsUrl, { clientType: "agent" });
    await ui.trpc.system.ping.query();
    await agent.trpc.system.ping.query();
    const text = await scrape(url);
    assert.equal(valueOf(text, M.connections, { ...ws, client_type: "ui" }), 1);
    assert.equal(
      valueOf(text, M.connections, { ...ws, client_type: "agent" }),
      1,
    );
    assert.equal(valueOf(text, M.opened, ws), 2);
    // each socket's wait from its upgrade to its open event, once
    assert.equal(valueOf(text, `${M.openWait}_count`, ws), 2);
    assert.ok(valueOf(text, `${M.openWait}_sum`, ws) >= 0);
    assert.equal(valueOf(text, M.closed, ws), 0);
  }
  await metricReaches(url, M.connections, ws, (n) => n === 0);
  await metricReaches(url, M.closed, ws, (n) => n === 2);
  const text = await scrape(url);
  assert.equal(valueOf(text, M.opened, ws), 2);
  const codes = text.split("\n").filter((l) => l.startsWith(`${M.closed}{`));
  assert.ok(codes.every((line) => /code="\d{4}"/.test(line)), codes.join());
});

Deno.test("loupgarou_connections counts the original protocol's sockets (legacy_ws) and SSE streams (trpc_sse) by client type", async () => {
  await using server = await startTestServer();
  const url = server.httpUrl;
  {
    await using legacy = await LegacySocket.open(
      server.server.port,
      "watcher?client_type=observer",
    );
    await legacy.next(); // the welcome
    await metricReaches(
      url,
      M.connections,
      { protocol: "legacy_ws", client_type: "observer" },
      (n) => n === 1,
    );
    assert.equal(await metric(url, M.opened, { protocol: "legacy_ws" }), 1);
    assert.equal(
      await metric(url, `${M.openWait}_count`, { protocol: "legacy_ws" }),
      1,
    );
    assert.ok(await metric(url, M.sentBytes, { protocol: "legacy_ws" }) > 0);
  }
  await metricReaches(
    url,
    M.connections,
    { protocol: "legacy_ws" },
    (n) => n === 0,
  );
  await metricReaches(url, M.closed, { protocol: "legacy_ws" }, (n) => n === 1);
  const abort = new AbortController();
  const params = encodeURIComponent(JSON.stringify({ clientType: "ui" }));
  const sse = await fetch(
    `${url}/trpc/hub.events?connectionParams=${params}`,
    { headers: { accept: "text/event-stream" }, signal: abort.signal },
  );
  assert.equal(sse.headers.get("content-type"), "text/event-stream");
  await metricReaches(
    url,
    M.connections,
    { protocol: "trpc_sse", client_type: "ui" },
    (n) => n === 1,
  );
  abort.abort();
  await sse.body?.cancel().catch(() => {});
  await metricReaches(
    url,
    M.connections,
    { protocol: "trpc_sse" },
    (n) => n === 0,
  );
});

Deno.test("loupgarou_calls_total and loupgarou_call_duration_seconds count each call by procedure and code; an unknown path is `unknown`", async () => {
  await using server = await startTestServer();
  await using ui = connectClient(server.wsUrl, { clientType: "ui" });
  for (let i = 0; i < 3; i++) await ui.trpc.system.ping.query();
  const missing = await ui.trpc.game.state.query({ gameId: "g-none" }).then(
    () => null,
    (error: unknown) => error,
  );
  assert.ok(missing instanceof TRPCClientError);
  const code = missing.data?.code as string;
  // a path the router lacks, sent as the client would
  const raw = new WebSocket(server.wsUrl);
  await within(
    new Promise((resolve) => (raw.onopen = resolve)),
    5000,
    "raw open",
  );
  const answered = new Promise((resolve) => (raw.onmessage = resolve));
  raw.send(
    JSON.stringify({
      id: 1,
      method: "query",
      params: { path: "no.such.path", input: { json: null } },
    }),
  );
  await within(answered, 5000, "the NOT_FOUND answer");
  const closed = new Promise((resolve) => (raw.onclose = resolve));
  raw.close();
  await closed;
  const text = await scrape(server.httpUrl);
  const ping = { procedure: "system.ping" };
  assert.equal(valueOf(text, M.calls, { ...ping, code: "OK" }), 3);
  assert.equal(valueOf(text, `${M.callSeconds}_count`, ping), 3);
  assert.ok(valueOf(text, `${M.callSeconds}_sum`, ping) > 0);
  const buckets = text.split("\n").filter((line) =>
    line.startsWith(`${M.callSeconds}_bucket{procedure="system.ping"`)
  ).map((line) => Number(line.split(" ").pop()));
  assert.equal(buckets.length, METRICS.callSeconds.buckets.length + 1); // and +Inf
  assert.deepEqual(buckets, [...buckets].sort((a, b) => a - b)); // cumulative
  assert.equal(buckets.at(-1), 3);
  assert.equal(
    valueOf(text, `${M.callSeconds}_bucket`, { ...ping, le: "+Inf" }),
    3,
  );
  assert.equal(
    valueOf(text, M.calls, { procedure: "game.state", code }),
    1,
    `game.state refused with ${code}`,
  );
  assert.equal(
    valueOf(text, M.calls, { procedure: "unknown", code: "NOT_FOUND" }),
    1,
  );
  assert.doesNotMatch(text, /no\.such\.path/);
});
