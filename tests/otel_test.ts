/**
 * Tracing with Deno's built-in OpenTelemetry: `main.ts` runs as a child
 * with `OTEL_DENO=true` and `OTEL_EXPORTER_OTLP_PROTOCOL=http/json`
 * (Deno supports it, as well as the default http/protobuf) pointing at an
 * OTLP/HTTP receiver of the test's own on loopback; a short game of house
 * bots is played, and the spans of the server's calls and commands arrive
 * with their names and attributes.
 * @module
 */
import assert from "node:assert/strict";
import { connectClient, within } from "./_helpers.ts";
import { startMain } from "./_main_process.ts";

/** A span as OTLP/JSON has it, the attributes flattened. */
interface ReceivedSpan {
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  attributes: Record<string, string | number | boolean>;
}

type OtlpValue = {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
  doubleValue?: number;
};

/** An OTLP/HTTP receiver of JSON traces on 127.0.0.1; it answers everything else with 200 too. */
function startReceiver(): AsyncDisposable & {
  url: string;
  spans: ReceivedSpan[];
} {
  const spans: ReceivedSpan[] = [];
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    async (req) => {
      const body = await req.text();
      if (new URL(req.url).pathname === "/v1/traces") {
        assert.equal(req.headers.get("content-type"), "application/json");
        const data = JSON.parse(body) as {
          resourceSpans: {
            scopeSpans: {
              spans: (Omit<ReceivedSpan, "attributes"> & {
                attributes?: { key: string; value: OtlpValue }[];
              })[];
            }[];
          }[];
        };
        for (const resource of data.resourceSpans) {
          for (const scope of resource.scopeSpans) {
            for (const span of scope.spans) {
              const attributes: ReceivedSpan["attributes"] = {};
              for (const { key, value } of span.attributes ?? []) {
                attributes[key] = value.stringValue ?? value.boolValue ??
                  value.doubleValue ?? Number(value.intValue);
              }
              spans.push({ ...span, attributes });
            }
          }
        }
      }
      return new Response("{}", {
        headers: { "content-type": "application/json" },
      });
    },
  );
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    spans,
    [Symbol.asyncDispose]: () => server.shutdown(),
  };
}

Deno.test("OTEL_DENO=true: main.ts exports over OTLP/HTTP JSON a span per WebSocket call and per game command, with decide, commit and fan-out children", async () => {
  await using receiver = startReceiver();
  await using main = await startMain({
    WS_HOST: "127.0.0.1",
    WS_PORT: "0",
    DATA_DIR: ":memory:",
    OTEL_DENO: "true",
    OTEL_SERVICE_NAME: "loup-garou-test",
    OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
  });
  const url = `ws://127.0.0.1:${main.port}/trpc`;
  let gameId: string;
  {
    await using ui = connectClient(url, { clientType: "ui" });
    const created = await ui.trpc.lobby.createGame.mutate({
      players: 5,
      houseBots: 5,
      houseBotThinkMs: 0,
      discussionRounds: 1,
      seed: 4,
    });
    gameId = created.gameId;
    for (let i = 0; i < 500; i++) {
      const state = await ui.trpc.game.state.query({ gameId });
      if (state.phase === "ended") break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const health = await fetch(`http://127.0.0.1:${main.port}/health`);
    assert.equal(health.status, 200);
    await health.body?.cancel();
  }
  // SIGTERM: the server shuts down and Deno flushes what it has not sent
  const status = await within(main.stop("SIGTERM"), 20_000, "main.ts to stop");
  assert.equal(status.code, 0);
  const { spans } = receiver;
  const named = (name: string) => spans.filter((span) => span.name === name);

  const createCall = named("trpc lobby.createGame");
  assert.equal(createCall.length, 1, spans.map((s) => s.name).join());
  assert.deepEqual(
    {
      system: createCall[0]!.attributes["rpc.system"],
      method: createCall[0]!.attributes["rpc.method"],
      type: createCall[0]!.attributes["trpc.type"],
      code: createCall[0]!.attributes["trpc.code"],
    },
    {
      system: "trpc",
      method: "lobby.createGame",
      type: "mutation",
      code: "OK",
    },
  );
  assert.ok(named("trpc game.state").length >= 1);

  const commands = named("game.command").filter((span) =>
    span.attributes["game.id"] === gameId
  );
  const kinds = new Set(
    commands.map((span) => span.attributes["game.command"]),
  );
  // the call's procedure runs in its span: the command it makes is a child
  const create = commands.find((span) =>
    span.attributes["game.command"] === "create"
  );
  assert.equal(create?.traceId, createCall[0]!.traceId);
  assert.equal(create?.parentSpanId, createCall[0]!.spanId);
  // the house bots' votes come after the call ended: traces of their own
  const votes = commands.filter((span) =>
    span.attributes["game.command"] === "vote"
  );
  assert.ok(votes.every((span) => !span.parentSpanId), "votes have no parent");
  for (const kind of ["create", "join", "vote"]) {
    assert.ok(kinds.has(kind), `a ${kind} command span (have ${[...kinds]})`);
  }
  assert.ok(
    commands.every((span) =>
      typeof span.attributes["game.outcome"] === "string"
    ),
  );
  const join = commands.find((span) =>
    span.attributes["game.command"] === "join" &&
    span.attributes["game.outcome"] === "applied"
  )!;
  const steps = spans.filter((span) =>
    span.traceId === join.traceId && span.parentSpanId === join.spanId
  ).map((span) => span.name);
  assert.deepEqual(steps.sort(), [
    "game.commit",
    "game.decide",
    "game.fan_out",
  ]);
  // Deno's own HTTP server span, for GET /health
  assert.ok(
    spans.some((span) => span.attributes["http.request.method"] === "GET"),
    "Deno's HTTP span",
  );
});
