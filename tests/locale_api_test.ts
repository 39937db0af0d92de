/**
 * A game's `locale` through every surface that creates one:
 * `lobby.createGame`, `lobby.createDemoGame` and the original protocol's
 * `create_game` pass it to the engine, which announces it and narrates in
 * it; a locale the server does not speak is refused with a sentence.
 * @module
 */
import assert from "node:assert/strict";
import { TRPCClientError } from "@trpc/client";
import type { GameEvent, GameEventOf } from "../src/mod.ts";
import {
  connectClient,
  startTestServer,
  type TestClient,
  within,
} from "./_helpers.ts";
import { LegacySocket } from "./_legacy.ts";

/** The first events of `gameId` up to its first `phase_update`. */
function firstEvents(client: TestClient, gameId: string): Promise<GameEvent[]> {
  return within(
    new Promise<GameEvent[]>((resolve, reject) => {
      const seen: GameEvent[] = [];
      const sub = client.trpc.game.events.subscribe({ gameId }, {
        onData: ({ data }: { data: GameEvent }) => {
          seen.push(data);
          if (data.type !== "phase_update") return;
          sub.unsubscribe();
          resolve(seen);
        },
        onError: reject,
      });
    }),
    20_000,
    `the first phase of ${gameId}`,
  );
}

/** Seats five agents in `gameId` (one connection each), which starts it. */
async function seatFive(url: string, gameId: string): Promise<TestClient[]> {
  const agents: TestClient[] = [];
  for (const name of ["Ann", "Bob", "Cat", "Dan", "Eve"]) {
    const agent = connectClient(url, { clientType: "agent" });
    agents.push(agent);
    await agent.trpc.lobby.join.mutate({ gameId, name });
  }
  return agents;
}

async function closeAll(clients: readonly TestClient[]): Promise<void> {
  for (const client of clients) await client[Symbol.asyncDispose]();
}

function created(events: readonly GameEvent[]): GameEventOf<"game_created"> {
  const event = events.find((e) => e.type === "game_created");
  assert.ok(event?.type === "game_created");
  return event;
}

Deno.test("lobby.createGame({ locale }): game_created announces it, rulesText and the narrator speak it; the default is en", async () => {
  await using server = await startTestServer();
  await using ui = connectClient(server.wsUrl, { clientType: "ui" });
  const games = {
    fr: await ui.trpc.lobby.createGame.mutate({ players: 5, locale: "fr" }),
    en: await ui.trpc.lobby.createGame.mutate({ players: 5 }),
  };
  for (const [locale, { gameId }] of Object.entries(games)) {
    const agents = await seatFive(server.wsUrl, gameId);
    const events = await firstEvents(ui, gameId).finally(() =>
      closeAll(agents)
    );
    const game = created(events);
    assert.equal(game.locale, locale);
    const night = events.at(-1) as GameEventOf<"phase_update">;
    if (locale === "fr") {
      assert.match(game.rulesText ?? "", /^Rôles pour 5 joueurs : /);
      assert.equal(
        night.description,
        "Nuit 1 : le village s'endort, les loups-garous se réveillent.",
      );
    } else {
      assert.match(game.rulesText ?? "", /^Roles for 5 players: /);
      assert.equal(
        night.description,
        "Night 1: the village falls asleep and the werewolves wake.",
      );
    }
  }
});

Deno.test("lobby.createGame refuses a locale it does not speak (BAD_REQUEST naming the allowed ones)", async () => {
  await using server = await startTestServer();
  await using ui = connectClient(server.wsUrl, { clientType: "ui" });
  const error = await ui.trpc.lobby.createGame
    .mutate({ players: 5, locale: "de" as "en" })
    .then(() => null, (cause: unknown) => cause);
  assert.ok(error instanceof TRPCClientError);
  assert.equal(error.data?.code, "BAD_REQUEST");
  assert.match(error.message, /locale/);
  assert.match(error.message, /"en"/);
  assert.match(error.message, /"fr"/);
});

Deno.test("lobby.createDemoGame({ locale: fr }): the house bots' game is narrated in French", async () => {
  await using server = await startTestServer();
  await using ui = connectClient(server.wsUrl, { clientType: "ui" });
  const demo = await ui.trpc.lobby.createDemoGame.mutate({
    players: 5,
    thinkMs: 0,
    locale: "fr",
  });
  const events = await firstEvents(ui, demo.gameId);
  assert.equal(created(events).locale, "fr");
  assert.match(
    (events.at(-1) as GameEventOf<"phase_update">).description,
    /^Nuit 1 : /,
  );
});

Deno.test("/ws create_game passes locale through like the other settings (and refuses a bad one like lobby.createGame)", async () => {
  await using server = await startTestServer();
  const { port } = server.server;
  await using legacy = await LegacySocket.open(port, "ui_l?client_type=ui");
  await legacy.next();
  const answer = await legacy.request({
    message_type: "create_game",
    players: 5,
    locale: "fr",
  });
  const { gameId } = answer["result"] as { gameId: string };
  await using ui = connectClient(server.wsUrl, { clientType: "ui" });
  const agents = await seatFive(server.wsUrl, gameId);
  const events = await firstEvents(ui, gameId).finally(() => closeAll(agents));
  assert.equal(created(events).locale, "fr");
  assert.match(
    (events.at(-1) as GameEventOf<"phase_update">).description,
    /^Nuit 1 : /,
  );
  const refused = await legacy.request({
    message_type: "create_game",
    players: 5,
    locale: "de",
  });
  assert.equal(refused.message_type, "error");
  assert.equal(refused["code"], "BAD_REQUEST");
  assert.match(String(refused["error"]), /locale/);
});
