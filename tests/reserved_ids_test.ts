import assert from "node:assert/strict";
import {
  createTRPCClient,
  httpBatchLink,
  httpSubscriptionLink,
  splitLink,
  TRPCClientError,
} from "@trpc/client";
import superjson from "superjson";
import type { AppRouter, HubMessage } from "../src/mod.ts";
import {
  ConnectionParamsSchema,
  gameClientId,
  reservedClientIdIssue,
  SERVER_CLIENT_ID,
} from "../src/mod.ts";
import {
  Collector,
  connectClient,
  RawSocket,
  refusal,
  startTestServer,
  waitFor,
  within,
} from "./_helpers.ts";
import { LegacySocket } from "./_legacy.ts";

const ADMIN = "admin-secret";
type HubEvent = { id: string; data: HubMessage };

/** The ids the server signs with, and case variants of them. */
const RESERVED = [SERVER_CLIENT_ID, "Server", gameClientId("g-1"), "GAME:x"];

/** A client over HTTP: batched calls, and `hub.events` over SSE. */
function httpClient(
  httpUrl: string,
  params: { clientId?: string; clientType?: string; token?: string },
) {
  const url = `${httpUrl}/trpc`;
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: httpSubscriptionLink({
          url,
          transformer: superjson,
          connectionParams: params,
        }),
        false: httpBatchLink({
          url: params.clientId === undefined
            ? url
            : `${url}?client_id=${encodeURIComponent(params.clientId)}`,
          transformer: superjson,
          headers: params.token === undefined
            ? {}
            : { authorization: `Bearer ${params.token}` },
        }),
      }),
    ],
  });
}

/** The first error an SSE `hub.events` stream ends with. */
async function sseError(
  trpc: ReturnType<typeof httpClient>,
): Promise<TRPCClientError<AppRouter>> {
  let sub: { unsubscribe(): void } | undefined;
  const error = await within(
    new Promise<unknown>((resolve) => {
      sub = trpc.hub.events.subscribe(undefined, {
        onData: () => {},
        onError: resolve,
      });
    }),
    5000,
    "the SSE stream's error",
  ).finally(() => sub?.unsubscribe());
  assert.ok(error instanceof TRPCClientError, String(error));
  return error as TRPCClientError<AppRouter>;
}

async function seatToken(wsUrl: string, name: string): Promise<string> {
  await using admin = connectClient(wsUrl, { clientType: "ui", token: ADMIN });
  const { gameId } = await admin.trpc.lobby.createGame.mutate({
    players: 5,
    actionTimeoutMs: 60_000,
  });
  await using agent = connectClient(wsUrl, { clientType: "agent" });
  return (await agent.trpc.lobby.join.mutate({ gameId, name })).seatToken;
}

Deno.test("reservedClientIdIssue() reserves server and game:<id> in any case, and only them; ConnectionParamsSchema applies it", () => {
  for (const id of RESERVED) {
    assert.match(reservedClientIdIssue(id) ?? "", /is reserved/, id);
    assert.equal(
      ConnectionParamsSchema.safeParse({ clientId: id }).success,
      false,
    );
  }
  for (
    const id of ["servers", "server-1", "gamer", "game-1", "my-game:1", "ui"]
  ) {
    assert.equal(reservedClientIdIssue(id), null, id);
    assert.equal(
      ConnectionParamsSchema.safeParse({ clientId: id }).success,
      true,
    );
  }
});

Deno.test("connect refuses the server's reserved client ids (server, game:<id>, any case) over tRPC WebSocket with BAD_REQUEST and close 4004", async () => {
  await using server = await startTestServer();
  for (const clientId of RESERVED) {
    // The refusal's sentence, as the frame with id null carries it.
    await using raw = await RawSocket.open(
      `${server.wsUrl}?client_id=${encodeURIComponent(clientId)}`,
    );
    raw.send({ id: 1, method: "query", params: { path: "system.ping" } });
    const frame = await raw.nextJson();
    const error = superjson.deserialize(frame["error"] as never) as {
      message: string;
      data: { code: string };
    };
    assert.equal(error.data.code, "BAD_REQUEST", clientId);
    assert.match(error.message, /is reserved: the server signs/, clientId);
    assert.match(error.message, /choose another client id/);
    assert.equal((await within(raw.closed, 5000, "refused")).code, 4004);

    // The official client, with the id in connectionParams: closed with 4004
    // (and closed by the test at once, so that it does not reconnect).
    let closed: number | null = null;
    await using client = connectClient(server.wsUrl, {
      clientId,
      clientType: "ui",
    }, {
      onClose: (cause) => {
        closed ??= cause?.code ?? 0;
        void client.ws.close();
      },
    });
    client.trpc.system.ping.query().catch(() => {});
    await waitFor(() => closed !== null, `${clientId}'s socket to close`);
    assert.equal(closed, 4004, clientId);
  }
  assert.equal(server.server.hub.size, 0);
});

Deno.test("connect refuses the reserved client ids over HTTP (400 BAD_REQUEST) and over SSE hub.events, and registers nothing", async () => {
  await using server = await startTestServer();
  for (const clientId of RESERVED) {
    const trpc = httpClient(server.httpUrl, { clientId, clientType: "agent" });
    const published = await refusal(trpc.hub.publish.mutate({
      message: { message_type: "agent_message", message_text: "hi" },
    }));
    assert.equal(published.data?.code, "BAD_REQUEST", clientId);
    assert.equal(published.data?.httpStatus, 400, clientId);
    assert.match(published.message, /is reserved/, clientId);
    const streamed = await sseError(trpc);
    assert.equal(streamed.data?.code, "BAD_REQUEST", clientId);
    assert.match(streamed.message, /is reserved/, clientId);
  }
  assert.equal(server.server.hub.size, 0);
});

Deno.test("/ws/{client_id} refuses the reserved client ids with an error message (BAD_REQUEST), then close 4004", async () => {
  await using server = await startTestServer();
  const { port } = server.server;
  for (const clientId of RESERVED) {
    await using socket = await LegacySocket.open(
      port,
      `${encodeURIComponent(clientId)}?client_type=ui`,
    );
    const error = await socket.next();
    assert.equal(error.message_type, "error", clientId);
    assert.equal(error["code"], "BAD_REQUEST", clientId);
    assert.match(String(error["error"]), /is reserved/, clientId);
    assert.equal(error.client_id, SERVER_CLIENT_ID);
    const closed = await within(socket.closed, 5000, "the refused socket");
    assert.equal(closed.code, 4004, clientId);
  }
  assert.equal(server.server.hub.size, 0);
});

Deno.test("hub.publish refuses message.client_id naming the server or a game, even in development mode where callers may name another sender", async () => {
  await using server = await startTestServer(); // development mode: everyone is admin
  await using agent = connectClient(server.wsUrl, {
    clientId: "dev-agent",
    clientType: "agent",
  });
  for (const client_id of RESERVED) {
    const error = await refusal(agent.trpc.hub.publish.mutate({
      message: { message_type: "agent_message", client_id, message_text: "x" },
    }));
    assert.equal(error.data?.code, "FORBIDDEN", client_id);
    assert.match(error.message, /Only the ADMIN_TOKEN may sign/, client_id);
  }
});

Deno.test("hub.events over SSE on a client id held by a seat token answers CONFLICT, not INTERNAL_SERVER_ERROR", async () => {
  await using server = await startTestServer({ adminToken: ADMIN });
  const token = await seatToken(server.wsUrl, "Ana");
  await using owner = connectClient(server.wsUrl, {
    clientId: "bot-ana",
    clientType: "agent",
    token,
  });
  await owner.trpc.system.ping.query();
  const thief = httpClient(server.httpUrl, {
    clientId: "bot-ana",
    clientType: "agent",
  });
  const error = await sseError(thief);
  assert.equal(error.data?.code, "CONFLICT");
  assert.match(error.message, /in use by a client that connected with a token/);
  assert.equal(
    server.server.hub.get("bot-ana")?.owner?.startsWith("seat:"),
    true,
  );
  await owner.trpc.system.ping.query(); // the owner's socket stayed
});

Deno.test("an SSE hub.events stream opened with a seat token owns its client id: an anonymous WebSocket or SSE client with that id gets CONFLICT and the stream goes on", async () => {
  await using server = await startTestServer({ adminToken: ADMIN });
  const token = await seatToken(server.wsUrl, "Ana");
  const streamer = httpClient(server.httpUrl, {
    clientId: "sse-ana",
    clientType: "agent",
    token,
  });
  const events = new Collector<HubEvent>();
  const errors: unknown[] = [];
  const sub = streamer.hub.events.subscribe(undefined, {
    onData: events.push,
    onError: (error) => errors.push(error),
  });
  try {
    const [welcome] = await events.until(1);
    assert.equal(welcome?.data.client_id, "sse-ana");
    assert.equal(
      server.server.hub.get("sse-ana")?.owner?.startsWith("seat:"),
      true,
    );

    await using thief = await RawSocket.open(
      `${server.wsUrl}?client_id=sse-ana&client_type=agent`,
    );
    thief.send({ id: 1, method: "query", params: { path: "system.ping" } });
    const frame = await thief.nextJson();
    const taken = superjson.deserialize(frame["error"] as never) as {
      data: { code: string };
    };
    assert.equal(taken.data.code, "CONFLICT");
    assert.equal((await within(thief.closed, 5000, "refused")).code, 4004);
    const sse = await sseError(
      httpClient(server.httpUrl, { clientId: "sse-ana", clientType: "agent" }),
    );
    assert.equal(sse.data?.code, "CONFLICT");

    // The stream is still the connection of sse-ana: a message reaches it.
    await using admin = connectClient(server.wsUrl, {
      clientType: "ui",
      token: ADMIN,
    });
    const receipt = await admin.trpc.hub.publish.mutate({
      message: { message_type: "agent_message", message_text: "still here?" },
      to_client: "sse-ana",
    });
    assert.equal(receipt.delivered, 1);
    await waitFor(
      () => events.items.some((e) => e.id === receipt.eventId),
      "the message on the SSE stream",
    );
    assert.deepEqual(errors, []);
  } finally {
    sub.unsubscribe();
  }
  await waitFor(() => server.server.hub.size === 0, "the stream to leave");
});
