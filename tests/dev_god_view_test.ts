/**
 * The god view of development mode: a ui or observer client that asks
 * (`connectionParams.view = "god"`, as the page does) sees every secret
 * when `ADMIN_TOKEN` is unset, and never once it is set; agents and seats
 * never get it by asking.
 * @module
 */
import assert from "node:assert/strict";
import { TRPCClientError } from "@trpc/client";
import type { GameEvent } from "../src/mod.ts";
import { Collector, connectClient, startTestServer } from "./_helpers.ts";

const ADMIN = "god-admin";

/** A demo game whose bots wait: its roles are dealt and nothing moves. */
async function dealtGame(
  test: Awaited<ReturnType<typeof startTestServer>>,
  token?: string,
): Promise<string> {
  await using admin = connectClient(test.wsUrl, {
    ...(token === undefined ? {} : { token }),
  });
  const { gameId } = await admin.trpc.lobby.createDemoGame.mutate({
    players: 6,
    thinkMs: 10_000,
    actionTimeoutMs: 600_000,
  });
  return gameId;
}

/** How many `role_assigned` events `params`' client gets from the game. */
async function rolesSeen(
  test: Awaited<ReturnType<typeof startTestServer>>,
  gameId: string,
  params: { clientType?: string; view?: string; token?: string },
): Promise<{ godView: boolean; roles: number }> {
  await using client = connectClient(
    test.wsUrl,
    params as Record<string, string>,
  );
  const { godView } = await client.trpc.system.whoami.query();
  const room = test.server.games.room(gameId);
  const got = new Collector<{ data: GameEvent }>();
  const sub = client.trpc.game.events.subscribe({ gameId }, {
    onData: got.push,
  });
  // the viewer's whole backlog: up to the game_started (public) or beyond
  const { transcript } = client.trpc.game;
  const expected = (await transcript.query({ gameId })).events.length;
  await got.until(expected);
  sub.unsubscribe();
  assert.ok(room.state.phase !== "ended");
  const roles = got.items.filter((item) => item.data.type === "role_assigned");
  return { godView, roles: roles.length };
}

Deno.test('development mode: a ui or observer client asking view "god" gets the god view (whoami says so, game.events carries every role); without asking, as an agent or with a seat, it does not', async () => {
  await using test = await startTestServer();
  const gameId = await dealtGame(test);
  for (const clientType of ["observer", "ui"]) {
    assert.deepEqual(
      await rolesSeen(test, gameId, { clientType, view: "god" }),
      { godView: true, roles: 6 },
      clientType,
    );
    assert.deepEqual(
      await rolesSeen(test, gameId, { clientType }),
      { godView: false, roles: 0 },
      clientType,
    );
  }
  assert.deepEqual(
    await rolesSeen(test, gameId, { clientType: "agent", view: "god" }),
    { godView: false, roles: 0 },
  );
  // a seat: its own role only, and no god view elsewhere either
  await using ui = connectClient(test.wsUrl, { clientType: "ui" });
  const { gameId: open } = await ui.trpc.lobby.createGame.mutate({
    players: 5,
    actionTimeoutMs: 600_000,
  });
  await using agent = connectClient(test.wsUrl, { clientType: "agent" });
  const { seatToken } = await agent.trpc.lobby.join.mutate({
    gameId: open,
    name: "Seated",
  });
  const seated = await rolesSeen(test, gameId, {
    token: seatToken,
    view: "god",
    clientType: "observer",
  });
  assert.deepEqual(seated, { godView: false, roles: 0 });
});

Deno.test('with ADMIN_TOKEN set, view "god" alone gives nothing: the public view, as whoami says; the admin token still gives the god view', async () => {
  await using test = await startTestServer({ adminToken: ADMIN });
  const gameId = await dealtGame(test, ADMIN);
  for (const clientType of ["observer", "ui"]) {
    assert.deepEqual(
      await rolesSeen(test, gameId, { clientType, view: "god" }),
      { godView: false, roles: 0 },
      clientType,
    );
  }
  assert.deepEqual(
    await rolesSeen(test, gameId, { token: ADMIN, view: "god" }),
    { godView: true, roles: 6 },
  );
});

Deno.test('connectionParams.view accepts only "god": another value is refused with a sentence', async () => {
  await using test = await startTestServer();
  const response = await fetch(
    `${test.httpUrl}/trpc/system.whoami?view=public`,
  );
  const body = await response.json();
  assert.equal(response.status, 400);
  assert.match(
    JSON.stringify(body),
    /view is \\"god\\" \(the god view, granted in development mode only\) or absent/,
  );
  await using client = connectClient(test.wsUrl, { view: "god" } as never);
  const who = await client.trpc.system.whoami.query().catch((e) => e);
  assert.ok(!(who instanceof TRPCClientError), String(who));
  assert.equal(who.godView, true);
});
