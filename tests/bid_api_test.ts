/**
 * `game.bid` and the `/ws` `bid` through a real server: the allowed
 * amounts in `your_turn` and `game.state`, the bidder's seq, idempotency
 * under `actionId`, a wrong amount refused, and `failed`.
 * @module
 */
import assert from "node:assert/strict";
import { TRPCClientError } from "@trpc/client";
import type { PlayerId } from "../src/mod.ts";
import type { Viewer } from "../src/engine/mod.ts";
import { startTestServer, waitFor } from "./_helpers.ts";
import { ADMIN, move, table } from "./_policy_table.ts";

Deno.test("game.bid: your_turn and game.state give the amounts; a bid answers the bidder's seq, is idempotent under actionId, refuses a wrong amount; /ws bid and failed too", async () => {
  await using server = await startTestServer({ adminToken: ADMIN });
  const t = await table(server, "bidding");
  try {
    const room = server.server.games.room(t.gameId);
    for (let i = 0; i < 40 && room.state.phase !== "discussion"; i++) {
      await move(t, room.state.pending[0]!);
    }
    assert.equal(room.state.phase, "discussion");
    const bidders = room.state.pending.map((p) => p.player_id);
    const typed = bidders.find((id) => t.agents.has(id))!;
    const agent = t.agents.get(typed)!;
    const gameId = t.gameId;
    const view = await agent.trpc.game.state.query({ gameId });
    assert.deepEqual(view.waitingFor?.request, "bid");
    assert.deepEqual(view.waitingFor?.amounts, [0, 1, 2, 3, 4]);
    await waitFor(
      () =>
        t.streams.get(typed)!.items.some((e) =>
          e.type === "your_turn" && e.request === "bid"
        ),
      "the bid request",
    );
    const turn = t.streams.get(typed)!.items.findLast((e) =>
      e.type === "your_turn"
    );
    assert.deepEqual(
      turn?.type === "your_turn" ? turn.amounts : null,
      [0, 1, 2, 3, 4],
    );
    const wrong = await agent.trpc.game.bid.mutate({ gameId, amount: 5 })
      .then(() => null, (e: unknown) => e);
    assert.ok(wrong instanceof TRPCClientError);
    assert.equal(wrong.data?.code, "BAD_REQUEST");
    const once = await agent.trpc.game.bid.mutate({
      gameId,
      amount: 3,
      actionId: "bid-1",
    });
    const again = await agent.trpc.game.bid.mutate({
      gameId,
      amount: 3,
      actionId: "bid-1",
    });
    assert.deepEqual(again, once);
    assert.equal(
      room.log.filter((e) =>
        e.type === "player_action" && e.action === "bid" &&
        e.player_id === typed
      ).length,
      1,
    );
    const mine = room.log.findLast((e) =>
      e.type === "player_action" && e.player_id === typed
    )!;
    const me: Viewer = { kind: "player", player_id: typed as PlayerId };
    assert.equal(once.seq, room.viewerSeq(me, mine.seq));
    // the legacy seat: its your_turn message carries the amounts
    assert.ok(bidders.includes(t.legacy.playerId), "the legacy seat bids");
    const legacyTurn = await t.legacy.socket.until((m) =>
      m.message_type === "your_turn" && m["request"] === "bid"
    );
    assert.deepEqual(legacyTurn["amounts"], [0, 1, 2, 3, 4]);
    const bad = await t.legacy.socket.request({
      message_type: "bid",
      amount: 9,
    });
    assert.equal(bad.message_type, "error");
    assert.equal(bad["code"], "BAD_REQUEST");
    const failed = await t.legacy.socket.request({
      message_type: "bid",
      failed: "model_error",
    });
    assert.equal(failed.message_type, "result", JSON.stringify(failed));
    const declared = room.log.findLast((e) =>
      e.type === "player_action" && e.player_id === t.legacy.playerId
    );
    assert.deepEqual(
      declared?.type === "player_action"
        ? [declared.action, declared.amount, declared.default]
        : null,
      ["bid", 0, { cause: "model_error" }],
    );
  } finally {
    await t.close();
  }
});
