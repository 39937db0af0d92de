import assert from "node:assert/strict";
import { TRPCClientError } from "@trpc/client";
import type { GameEvent } from "../src/mod.ts";
import { connectClient, startTestServer, within } from "./_helpers.ts";

Deno.test("lobby.createDemoGame in development mode: any client gets a full game of house bots that plays to its winner", async () => {
  await using server = await startTestServer();
  await using ui = connectClient(server.wsUrl, { clientType: "ui" });
  const who = await ui.trpc.system.whoami.query();
  assert.deepEqual(
    { devMode: who.devMode, admin: who.admin, godView: who.godView },
    { devMode: true, admin: true, godView: false },
  );
  const created = await ui.trpc.lobby.createDemoGame.mutate({
    players: 6,
    thinkMs: 0,
  });
  assert.deepEqual(created.players, ["p1", "p2", "p3", "p4", "p5", "p6"]);
  const winner = await within(
    new Promise<string>((resolve, reject) => {
      const sub = ui.trpc.game.events.subscribe({ gameId: created.gameId }, {
        onData: ({ data }: { data: GameEvent }) => {
          if (data.type !== "game_over") return;
          sub.unsubscribe();
          resolve(data.winner);
        },
        onError: reject,
      });
    }),
    20_000,
    "the demo game's end",
  );
  assert.match(winner, /^(village|werewolves)$/);
  const [row] = await ui.trpc.lobby.listGames.query({ status: "ended" });
  assert.equal(row?.gameId, created.gameId);
  assert.equal(row?.name, "Demo game");
});

Deno.test("lobby.createDemoGame with ADMIN_TOKEN set: refused (FORBIDDEN) without the admin token, and system.whoami says so", async () => {
  await using server = await startTestServer({
    adminToken: "demo-admin",
    spectatorToken: "demo-spectator",
  });
  await using ui = connectClient(server.wsUrl, { clientType: "observer" });
  await using spectator = connectClient(server.wsUrl, {
    clientType: "observer",
    token: "demo-spectator",
  });
  for (const client of [ui, spectator]) {
    const error = await client.trpc.lobby.createDemoGame.mutate({})
      .then(() => null, (cause: unknown) => cause);
    assert.ok(error instanceof TRPCClientError);
    assert.equal(error.data?.code, "FORBIDDEN");
    assert.match(error.message, /needs the admin token/);
  }
  assert.deepEqual(await ui.trpc.lobby.listGames.query(), []);
  const seen = await spectator.trpc.system.whoami.query();
  assert.equal(seen.clientType, "observer");
  assert.deepEqual(
    { devMode: seen.devMode, admin: seen.admin, godView: seen.godView },
    { devMode: false, admin: false, godView: true },
  );
});
