import assert from "node:assert/strict";
import type { GameEvent } from "../src/mod.ts";
import { eventProblems, stateProblems } from "./_auth_views.ts";
import { ADMIN, setupWorld, SPECTATOR, type World } from "./_auth_world.ts";

/** What a plain HTTP tRPC call answered. */
interface Answer {
  status: number;
  code?: string;
  message?: string;
  // deno-lint-ignore no-explicit-any
  data?: any;
}

/** Calls `/trpc/<path>` with a Bearer token (superjson on the wire). */
async function call(
  world: World,
  path: string,
  options: {
    input: unknown;
    token?: string;
    mutation?: boolean;
    clientId?: string;
  },
): Promise<Answer> {
  const query = new URLSearchParams();
  if (!options.mutation) {
    query.set("input", JSON.stringify({ json: options.input }));
  }
  if (options.clientId !== undefined) query.set("client_id", options.clientId);
  const headers: Record<string, string> = {
    "content-type": "application/json",
  };
  if (options.token !== undefined) {
    headers["authorization"] = `Bearer ${options.token}`;
  }
  const response = await fetch(
    `${world.test.httpUrl}/trpc/${path}?${query}`,
    options.mutation
      ? {
        method: "POST",
        headers,
        body: JSON.stringify({ json: options.input }),
      }
      : { headers },
  );
  const body = await response.json();
  if (body.error !== undefined) {
    const { message, data } = body.error.json;
    return { status: response.status, code: data.code, message };
  }
  return { status: response.status, data: body.result.data.json };
}

async function transcript(world: World, token?: string): Promise<GameEvent[]> {
  const response = await fetch(
    `${world.test.httpUrl}/games/${world.gameA}/transcript.jsonl`,
    token === undefined
      ? {}
      : { headers: { authorization: `Bearer ${token}` } },
  );
  assert.equal(response.status, 200);
  const text = await response.text();
  return text.trimEnd().split("\n").map((line) => JSON.parse(line));
}

Deno.test("over HTTP a Bearer token makes the same caller as over WebSocket: queries and mutations allowed and refused alike", async () => {
  await using world = await setupWorld();
  const { room, gameA, tokens, ids } = world;
  const view = (token?: string) =>
    call(world, "game.state", {
      input: { gameId: gameA },
      ...(token === undefined ? {} : { token }),
    });
  const spectator = await view(SPECTATOR);
  assert.equal(spectator.status, 200);
  assert.deepEqual(
    stateProblems(room.state, spectator.data, { kind: "god" }),
    [],
  );
  const dead = await view(tokens.dead);
  assert.equal(dead.data.you.player_id, ids.dead);
  assert.deepEqual(
    stateProblems(room.state, dead.data, {
      kind: "player",
      player_id: ids.dead,
    }),
    [],
  );
  const anonymous = await view();
  assert.deepEqual(
    stateProblems(room.state, anonymous.data, { kind: "public" }),
    [],
  );
  const badToken = await view("not-a-token");
  assert.equal(badToken.status, 401);
  assert.equal(badToken.code, "UNAUTHORIZED");
  assert.match(
    badToken.message ?? "",
    /The token is not valid: send a seat token/,
  );

  const refusals: [string, Answer, number, RegExp][] = [
    [
      "createGame as spectator",
      await call(world, "lobby.createGame", {
        input: { players: 5 },
        token: SPECTATOR,
        mutation: true,
      }),
      403,
      /Creating a game needs the admin token/,
    ],
    [
      "say as the dead agent",
      await call(world, "game.say", {
        input: { gameId: gameA, text: "I was the seer!" },
        token: tokens.dead,
        mutation: true,
      }),
      403,
      /is dead: the dead neither speak, vote nor act/,
    ],
    [
      "vote with no token",
      await call(world, "game.vote", {
        input: { gameId: gameA, target: null },
        mutation: true,
      }),
      403,
      /ui clients watch games but do not play/,
    ],
    [
      "say with another game's seat token",
      await call(world, "game.say", {
        input: { gameId: gameA, text: "hello" },
        token: tokens.other,
        mutation: true,
      }),
      401,
      /no seat in g-\w+: join it with lobby\.join/,
    ],
    [
      "publish as spectator",
      await call(world, "hub.publish", {
        input: {
          message: {
            message_type: "agent_message",
            message_text: "p1 is the werewolf",
          },
        },
        token: SPECTATOR,
        clientId: "spy",
        mutation: true,
      }),
      403,
      /SPECTATOR_TOKEN is read-only/,
    ],
  ];
  for (const [what, answer, status, says] of refusals) {
    assert.equal(answer.status, status, `${what}: ${answer.message}`);
    assert.equal(answer.code, status === 401 ? "UNAUTHORIZED" : "FORBIDDEN");
    assert.match(answer.message ?? "", says, what);
  }
  const created = await call(world, "lobby.createGame", {
    input: { players: 5 },
    token: ADMIN,
    mutation: true,
  });
  assert.equal(created.status, 200);
  assert.match(created.data.gameId, /^g-/);
  const published = await call(world, "hub.publish", {
    input: {
      message: {
        message_type: "agent_message",
        message_text: "over http",
      },
    },
    token: tokens.live,
    clientId: "agent-http",
    mutation: true,
  });
  assert.equal(published.status, 200);
  assert.ok(published.data.delivered >= 1, "the listener got it");
});

Deno.test("GET /games/{id}/transcript.jsonl of a running game: the spectator sees every role_assigned, anonymous none, a seat its own", async () => {
  await using world = await setupWorld();
  const { room, tokens, ids } = world;
  const god = await transcript(world, SPECTATOR);
  assert.deepEqual(god, room.log);
  assert.equal(
    god.filter((e) => e.type === "role_assigned").length,
    room.state.players.length,
  );
  const anonymous = await transcript(world);
  assert.ok(!anonymous.some((e) => e.type === "role_assigned"));
  assert.deepEqual(
    eventProblems(room.state, room.log, anonymous, { kind: "public" }),
    [],
  );
  const dead = await transcript(world, tokens.dead);
  assert.deepEqual(
    dead.filter((e) => e.type === "role_assigned").map((e) => e.player_id),
    [ids.dead],
  );
  assert.deepEqual(
    eventProblems(room.state, room.log, dead, {
      kind: "player",
      player_id: ids.dead,
    }),
    [],
  );
});
