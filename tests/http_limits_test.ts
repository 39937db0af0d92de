import assert from "node:assert/strict";
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter, HubMessage } from "../src/mod.ts";
import { AccessGuard } from "../src/server/access_guard.ts";
import { DEFAULT_MAX_BATCH_SIZE } from "../src/ws/_message_limits.ts";
import { boundBody } from "../src/server/_http_limits.ts";
import {
  Collector,
  connectClient,
  startTestServer,
  within,
} from "./_helpers.ts";

type HubEvent = { id: string; data: HubMessage };

function httpClient(httpUrl: string, clientId?: string) {
  const query = clientId === undefined ? "" : `?client_id=${clientId}`;
  return createTRPCClient<AppRouter>({
    links: [httpBatchLink({
      url: `${httpUrl}/trpc${query}`,
      transformer: superjson,
    })],
  });
}

/** A `/trpc` batch URL of `calls` pings. */
function pingBatch(httpUrl: string, calls: number): string {
  const paths = Array.from({ length: calls }, () => "system.ping").join(",");
  return `${httpUrl}/trpc/${paths}?batch=1&input={}`;
}

Deno.test("AccessGuard.takeHttp() counts a batch of N as N and refuses one over the burst without a wait", () => {
  let now = 0;
  const guard = new AccessGuard({
    httpRateLimitPerSecond: 10,
    httpRateBurst: 4,
    now: () => now,
  });
  assert.equal(guard.takeHttp("a", 3), null, "3 of the 4 tokens");
  const short = guard.takeHttp("a", 2);
  assert.equal(short?.status, 429);
  assert.equal(short?.retryAfterMs, 100, "one token short at 10 a second");
  assert.equal(guard.takeHttp("a", 1), null, "a refusal spends nothing");
  const never = guard.takeHttp("b", 5);
  assert.equal(never?.status, 429);
  assert.equal(never?.retryAfterMs, undefined, "waiting would not help");
  assert.match(
    never?.message ?? "",
    /a batch of 5 calls counts as 5 requests, .* 4 at once \(HTTP_RATE_BURST\); send batches of 4 calls or fewer/,
  );
  now += 1000;
  assert.equal(guard.takeHttp("b", 4), null, "a batch of the burst passes");
});

Deno.test("createHttpHandler() refuses an HTTP batch over maxBatchSize with the WebSocket's sentence", async () => {
  await using server = await startTestServer({ httpRateBurst: 1000 });
  const over = DEFAULT_MAX_BATCH_SIZE + 1;
  const response = await fetch(pingBatch(server.httpUrl, over));
  assert.equal(response.status, 400);
  const body = await response.json();
  assert.equal(body.length, over, "one error per call");
  assert.equal(body[0].error.json.data.code, "BAD_REQUEST");
  assert.equal(
    body[0].error.json.message,
    `A batch holds 1 to ${DEFAULT_MAX_BATCH_SIZE} calls; this one has ${over}.`,
  );
  // the official client sees the same sentence; a full batch passes
  const trpc = httpClient(server.httpUrl);
  const refused = await Promise.all(
    Array.from({ length: over }, () => trpc.system.ping.query()),
  ).catch((error: unknown) => error);
  assert.ok(refused instanceof TRPCClientError, String(refused));
  assert.match(
    refused.message,
    /A batch holds 1 to 100 calls; this one has 101/,
  );
  const full = await fetch(pingBatch(server.httpUrl, DEFAULT_MAX_BATCH_SIZE));
  assert.equal(full.status, 200);
  assert.equal((await full.json()).length, DEFAULT_MAX_BATCH_SIZE);
});

Deno.test("createHttpHandler() counts each call of an HTTP batch: a flood of batched publishes cannot push others out of HUB_HISTORY", async () => {
  // scaled down: the history holds 30 messages, an address may make 10 calls at once
  await using server = await startTestServer({
    hubHistory: 30,
    httpRateLimitPerSecond: 1,
    httpRateBurst: 10,
  });
  const events = new Collector<HubEvent>();
  let lastEventId: string | undefined;
  {
    await using watcher = connectClient(server.wsUrl, {
      clientId: "watcher",
      clientType: "ui",
    });
    const sub = watcher.trpc.hub.events.subscribe(undefined, {
      onData: (event) => {
        lastEventId = event.id;
      },
    });
    await within(
      (async () => {
        while (lastEventId === undefined) {
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      })(),
      5000,
      "the welcome",
    );
    sub.unsubscribe();
  }
  // six POSTs of 10 publishes each: only the first fits the burst
  const publish = {
    message: {
      message_type: "agent_message",
      message_text: "x",
    },
  };
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) {
    const inputs = Object.fromEntries(
      Array.from({ length: 10 }, (_, k) => [k, { json: publish }]),
    );
    const paths = Array.from({ length: 10 }, () => "hub.publish").join(",");
    const response = await fetch(
      `${server.httpUrl}/trpc/${paths}?batch=1&client_id=flood`,
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(inputs),
      },
    );
    statuses.push(response.status);
    if (response.status === 429) {
      assert.match(response.headers.get("retry-after") ?? "", /^[1-9]\d*$/);
    }
    await response.body?.cancel();
  }
  assert.equal(statuses[0], 200);
  assert.deepEqual(statuses.slice(1), [429, 429, 429, 429, 429]);
  // the watcher resumes: what it missed is still there, no EVENTS_LOST
  await using back = connectClient(server.wsUrl, {
    clientId: "watcher",
    clientType: "ui",
  });
  const sub = back.trpc.hub.events.subscribe({ lastEventId }, {
    onData: events.push,
  });
  try {
    const flood = (e: HubEvent) => e.data.message_type === "agent_message";
    for (let i = 0; i < 50 && events.items.filter(flood).length < 10; i++) {
      await events.until(events.items.length + 1);
    }
    assert.equal(events.items.filter(flood).length, 10);
    assert.ok(
      !events.items.some((e) => e.data.message_type === "error"),
      JSON.stringify(events.items.map((e) => e.data.message_type)),
    );
  } finally {
    sub.unsubscribe();
  }
});

Deno.test("createHttpHandler() answers 413 to a declared body over WS_MAX_MESSAGE_BYTES, and to a URL over it", async () => {
  await using server = await startTestServer({ maxMessageBytes: 1024 });
  const { gameId } = await httpClient(server.httpUrl).lobby.createGame.mutate({
    players: 5,
  });
  const big = JSON.stringify({
    0: { json: { gameId, text: "x".repeat(2000) } },
  });
  const declared = await fetch(`${server.httpUrl}/trpc/game.say?batch=1`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: big,
  });
  assert.equal(declared.status, 413);
  const [answer] = await declared.json();
  assert.equal(answer.error.json.data.code, "PAYLOAD_TOO_LARGE");
  assert.match(
    answer.error.json.message,
    /body has \d+ bytes; the most accepted is 1024 \(WS_MAX_MESSAGE_BYTES\)/,
  );
  const input = encodeURIComponent(
    JSON.stringify({ 0: { json: { gameId, pad: "y".repeat(1100) } } }),
  );
  const long = await fetch(
    `${server.httpUrl}/trpc/game.state?batch=1&input=${input}`,
  );
  assert.equal(long.status, 413);
  const [url] = await long.json();
  assert.match(
    url.error.json.message,
    /URL has \d+ bytes; the most accepted is 1024/,
  );
  // under the cap, the same calls reach their procedures
  const small = await fetch(
    `${server.httpUrl}/trpc/game.state?batch=1&input=${
      encodeURIComponent(JSON.stringify({ 0: { json: { gameId } } }))
    }`,
  );
  assert.equal(small.status, 200);
  await small.body?.cancel();
});

Deno.test("boundBody() reads a chunked body that never ends only up to the cap, then cancels it and refuses 413", async () => {
  const chunk = new Uint8Array(1000);
  let pulled = 0;
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= 10_000) return controller.close(); // bounded, far past the cap
      pulled++;
      controller.enqueue(chunk);
    },
    cancel() {
      cancelled = true;
    },
  }, { highWaterMark: 0 });
  const req = new Request("http://x/trpc/hub.publish", {
    method: "POST",
    body,
  });
  const refused = await boundBody(req, 4096);
  assert.ok(!(refused instanceof Request));
  assert.equal(refused.status, 413);
  assert.match(refused.message, /passed 4096 bytes; the most accepted is 4096/);
  assert.ok(cancelled, "the body stream is cancelled");
  assert.equal(
    pulled,
    5,
    "read up to the first chunk past the cap, no further",
  );
  // under the cap, the body is kept whole in a copy of the request
  const fits = await boundBody(
    new Request("http://x/trpc", {
      method: "POST",
      body: ReadableStream.from([new Uint8Array([123]), new Uint8Array([125])]),
    }),
    4096,
  );
  assert.ok(fits instanceof Request);
  assert.equal(await fits.text(), "{}");
});

Deno.test("createHttpHandler() answers 413 to a chunked body that never ends before it ends", async () => {
  await using server = await startTestServer({ maxMessageBytes: 4096 });
  const chunk = new TextEncoder().encode(`{"0":{"json":"${"z".repeat(1000)}`);
  let sent = 0;
  let answered = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      // bounded: 10,000 chunks is far past the cap; the answer comes long before
      if (sent >= 10_000 || answered) return controller.close();
      sent++;
      controller.enqueue(chunk);
      await new Promise((resolve) => setTimeout(resolve, 1));
    },
  });
  const response = await within(
    fetch(`${server.httpUrl}/trpc/hub.publish?batch=1`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    }),
    5000,
    "the 413",
  );
  const sentAtAnswer = sent;
  answered = true; // the client stops sending (Deno's fetch would go on)
  assert.equal(response.status, 413);
  const [answer] = await response.json();
  assert.equal(answer.error.json.data.code, "PAYLOAD_TOO_LARGE");
  assert.match(answer.error.json.message, /body passed 4096 bytes/);
  assert.ok(sentAtAnswer < 10_000, "the answer came before the body ended");
});
