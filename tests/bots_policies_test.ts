/**
 * Every bot plays every turn policy: the server's house bots and the
 * scripted agents over real sockets play whole games to the end without a
 * deadline passing (the LLM agent's bids: tests/agents_bid_test.ts and
 * tests/agents_llm_bid_test.ts).
 * @module
 */
import assert from "node:assert/strict";
import { botStrategy, runBot, type TurnContext } from "../agents/mod.ts";
import {
  type GameEvent,
  TURN_POLICIES,
  type TurnPolicy,
  type VotePolicy,
} from "../src/mod.ts";
import { GameService, seatHouseBots } from "../src/game/mod.ts";
import { connectClient, startTestServer, within } from "./_helpers.ts";

/** What each policy's game must hold beyond speech. */
const MARK: Record<TurnPolicy, GameEvent["type"] | null> = {
  round_robin: null,
  random_order: "speaking_order",
  bidding: "bids_revealed",
  parallel: "speech_held",
};

const talk = (turnPolicy: TurnPolicy) =>
  turnPolicy === "bidding"
    ? { turnPolicy }
    : { turnPolicy, discussionRounds: 1 };

for (const [i, turnPolicy] of TURN_POLICIES.entries()) {
  const votePolicy: VotePolicy = i % 2 === 0 ? "simultaneous" : "sequential";
  Deno.test(`house bots play a ${turnPolicy}/${votePolicy} game to the end, answering every request in time`, async () => {
    const games = new GameService();
    try {
      const { gameId } = await games.create({
        players: 7,
        seed: 5 + i,
        actionTimeoutMs: 10_000,
        votePolicy,
        ...talk(turnPolicy),
      });
      const bots = await seatHouseBots(games, gameId, {
        count: 7,
        thinkMs: 0,
        seed: 2,
      });
      await within(bots.finished, 20_000, "the game ends");
      const log = games.room(gameId).log;
      assert.equal(log.at(-1)?.type, "game_over");
      const mark = MARK[turnPolicy];
      if (mark !== null) assert.ok(log.some((e) => e.type === mark), mark);
      const late = log.filter((e) => e.type === "player_action" && e.timed_out);
      assert.deepEqual(late, [], "a bot let a deadline pass");
      if (turnPolicy === "bidding") {
        const bids = log.flatMap((e) =>
          e.type === "bids_revealed" ? Object.values(e.bids) : []
        );
        assert.ok(bids.some((b) => b > 0), "the bots bid for the floor");
      }
    } finally {
      games.close();
    }
  });
}

Deno.test("scripted agents (runBot over tRPC sockets) play a bidding game with simultaneous votes to the end, answering every request in time", async () => {
  await using server = await startTestServer({ adminToken: "admin" });
  await using admin = connectClient(server.wsUrl, {
    clientType: "ui",
    token: "admin",
  });
  const { gameId } = await admin.trpc.lobby.createGame.mutate({
    players: 6,
    seed: 3,
    actionTimeoutMs: 10_000,
    turnPolicy: "bidding",
    votePolicy: "simultaneous",
  });
  const names = ["Ann", "Ben", "Cid", "Dee", "Eve", "Fay"];
  const results = await within(
    Promise.all(
      names.map((name, seed) =>
        runBot({ url: server.wsUrl, gameId, name, seed: seed + 1 })
      ),
    ),
    30_000,
    "the game ends",
  );
  assert.ok(results.every((r) => r.winner === results[0]!.winner));
  const log = server.server.games.room(gameId).log;
  assert.ok(log.some((e) => e.type === "bids_revealed"));
  const late = log.filter((e) => e.type === "player_action" && e.timed_out);
  assert.deepEqual(late, [], "a bot let a deadline pass");
});

Deno.test("botStrategy bids the top amount after a speech naming its seat", async () => {
  const strategy = botStrategy(1);
  const turn = {
    type: "your_turn" as const,
    seq: 3,
    at: 1,
    player_id: "p2",
    request: "bid" as const,
    options: [],
    amounts: [0, 1, 2, 3, 4],
    deadline: 1000,
  };
  const said: GameEvent = {
    type: "agent_message",
    seq: 2,
    at: 1,
    agent_id: "p1",
    agent_name: "Ann",
    message_text: "I suspect p2.",
    phase: "discussion",
    channel: "public",
  };
  const context: TurnContext = {
    turn,
    me: "p2",
    events: [said, turn],
    refusals: [],
  };
  assert.deepEqual((await strategy.answer(context)).moves, [
    { kind: "bid", amount: 4 },
  ]);
  assert.deepEqual(strategy.fallback(context), [{ kind: "bid", amount: 0 }]);
});
