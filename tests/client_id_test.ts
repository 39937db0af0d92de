import assert from "node:assert/strict";
import superjson from "superjson";
import {
  connectClient,
  RawSocket,
  startTestServer,
  waitFor,
  within,
} from "./_helpers.ts";

const ADMIN = "admin-secret";

async function seatToken(url: string): Promise<string> {
  await using admin = connectClient(url, { clientType: "ui", token: ADMIN });
  const { gameId } = await admin.trpc.lobby.createGame.mutate({
    players: 5,
    actionTimeoutMs: 60_000,
  });
  await using agent = connectClient(url, { clientType: "agent" });
  return (await agent.trpc.lobby.join.mutate({ gameId, name: "Ana" }))
    .seatToken;
}

Deno.test("a client id held by a token-authenticated agent cannot be taken over without that token (CONFLICT); the same token takes it over", async () => {
  await using server = await startTestServer({ adminToken: ADMIN });
  const token = await seatToken(server.wsUrl);
  let closed: { code: number } | null = null;
  await using owner = connectClient(server.wsUrl, {
    clientId: "bot-ana",
    clientType: "agent",
    token,
  }, {
    // replaced, it must not come back and take the id over in turn
    onClose: (cause) => {
      closed ??= { code: cause?.code ?? 0 };
      if (cause?.code === 4001) void owner.ws.close();
    },
  });
  await owner.trpc.system.ping.query();

  // An anonymous client claiming the id is refused, and the owner stays.
  await using thief = await RawSocket.open(
    `${server.wsUrl}?client_id=bot-ana&client_type=agent`,
  );
  thief.send({ id: 1, method: "query", params: { path: "system.ping" } });
  const frame = await thief.nextJson();
  const error = superjson.deserialize(frame["error"] as never) as {
    message: string;
    data: { code: string };
  };
  assert.equal(error.data.code, "CONFLICT");
  assert.match(error.message, /in use by a client that connected with a token/);
  assert.equal((await within(thief.closed, 5000, "refused")).code, 4004);
  await owner.trpc.system.ping.query();
  assert.equal(closed, null);
  assert.equal(
    server.server.hub.get("bot-ana")?.owner?.startsWith("seat:"),
    true,
  );

  // Over HTTP, nobody publishes under the owner's id without its token.
  const publish = (headers: Record<string, string>) =>
    fetch(
      `${server.httpUrl}/trpc/hub.publish?client_id=bot-ana&client_type=agent`,
      {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({
          json: {
            message: {
              message_type: "agent_message",
              message_text: "I am Ana, trust me",
            },
          },
        }),
      },
    );
  const forged = await publish({});
  assert.equal(forged.status, 403);
  assert.match(
    JSON.stringify(await forged.json()),
    /belongs to a client that connected with a token/,
  );
  const genuine = await publish({ authorization: `Bearer ${token}` });
  assert.equal(genuine.status, 200);
  await genuine.body?.cancel();

  // The same token may take its session over (a reconnect from elsewhere).
  await using again = connectClient(server.wsUrl, {
    clientId: "bot-ana",
    clientType: "agent",
    token,
  });
  await again.trpc.system.ping.query();
  await waitFor(() => closed !== null, "the old socket to close");
  assert.equal((closed as { code: number } | null)?.code, 4001);
});

Deno.test("an anonymous client's id may still be taken over, as in the original protocol", async () => {
  await using server = await startTestServer({ adminToken: ADMIN });
  let closed: number | null = null;
  await using first = connectClient(server.wsUrl, {
    clientId: "ui-1",
    clientType: "ui",
  }, {
    // replaced, it must not come back and take the id over in turn
    onClose: (cause) => {
      closed ??= cause?.code ?? 0;
      if (closed === 4001) void first.ws.close();
    },
  });
  await first.trpc.system.ping.query();
  await using second = connectClient(server.wsUrl, {
    clientId: "ui-1",
    clientType: "ui",
  });
  await second.trpc.system.ping.query();
  await waitFor(() => closed !== null, "the old socket to close");
  assert.equal(closed, 4001);
});
