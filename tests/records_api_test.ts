import assert from "node:assert/strict";
import type { GameEvent } from "../src/mod.ts";
import {
  connectClient,
  refusal,
  startTestServer,
  type TestClient,
} from "./_helpers.ts";
import { joinLegacy } from "./_legacy.ts";

/** A running 5-player game with four typed seats and one legacy seat. */
async function table(server: Awaited<ReturnType<typeof startTestServer>>) {
  await using host = connectClient(server.wsUrl, { clientType: "ui" });
  const { gameId } = await host.trpc.lobby.createGame.mutate({
    players: 5,
    seed: 7,
    actionTimeoutMs: 60_000,
    discussionRounds: 1,
  });
  const agents = new Map<string, TestClient>();
  for (let i = 0; i < 4; i++) {
    const agent = connectClient(server.wsUrl, { clientType: "agent" });
    const seat = await agent.trpc.lobby.join.mutate({ gameId, name: `A${i}` });
    agents.set(seat.playerId, agent);
  }
  const legacy = await joinLegacy(server.server.port, { gameId, name: "Lea" });
  return { gameId, agents, legacy, room: server.server.games.room(gameId) };
}

function last(events: readonly GameEvent[], player: string): GameEvent {
  return events.findLast((e) =>
    e.type === "player_action" && e.player_id === player
  )!;
}

Deno.test("game.act/vote with failed apply the default at once and record the cause; /ws too", async () => {
  await using server = await startTestServer();
  const { gameId, agents, legacy, room } = await table(server);
  await using _socket = legacy.socket;
  try {
    for (const p of [...room.state.pending]) {
      const agent = agents.get(p.player_id);
      if (agent !== undefined) {
        await agent.trpc.game.act.mutate({ gameId, failed: "model_error" });
      } else {
        const answer = await legacy.socket.request({
          message_type: "act",
          failed: "invalid_output",
          reasoning: "could not parse my own answer",
        });
        assert.equal(answer.message_type, "result", JSON.stringify(answer));
      }
      const event = last(room.log, p.player_id);
      assert.deepEqual(
        event.type === "player_action"
          ? [event.target, event.timed_out, event.default?.cause]
          : null,
        [
          null,
          false,
          agents.has(p.player_id) ? "model_error" : "invalid_output",
        ],
      );
    }
    assert.notEqual(room.state.phase, "night", "the night ended at once");
  } finally {
    for (const agent of agents.values()) await agent[Symbol.asyncDispose]();
  }
});

Deno.test("game.say/vote/act take either the move or failed, and bounded records", async () => {
  await using server = await startTestServer();
  const { gameId, agents, legacy } = await table(server);
  await using _socket = legacy.socket;
  try {
    const agent = [...agents.values()][0]!;
    const both = await refusal(
      agent.trpc.game.vote.mutate({
        gameId,
        target: null,
        failed: "model_error",
      }),
    );
    assert.equal(both.data?.code, "BAD_REQUEST");
    assert.match(both.message, /either target .* or failed/);
    const neither = await refusal(agent.trpc.game.say.mutate({ gameId }));
    assert.match(neither.message, /either text .* or failed/);
    const negative = await refusal(agent.trpc.game.vote.mutate({
      gameId,
      target: null,
      usage: {
        model: "m",
        promptTokens: -1,
        completionTokens: 0,
        latencyMs: 0,
      },
    }));
    assert.equal(negative.data?.code, "BAD_REQUEST");
    const unknown = await refusal(
      agent.trpc.game.act.mutate({ gameId, failed: "bored" as never }),
    );
    assert.equal(unknown.data?.code, "BAD_REQUEST");
    const wrongVia = await refusal(
      agent.trpc.game.vote.mutate({ gameId, failed: "model_error" }),
    );
    assert.equal(wrongVia.data?.code, "PRECONDITION_FAILED");
  } finally {
    for (const agent of agents.values()) await agent[Symbol.asyncDispose]();
  }
});
