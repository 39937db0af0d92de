/**
 * The turn and vote policies through a real server: what the policies
 * hold (bids, parallel speeches, simultaneous votes) reaches no other seat
 * and no spectator before its reveal, on tRPC, HTTP and `/ws`, and the
 * reveals and the announced rules are public.
 * @module
 */
import assert from "node:assert/strict";
import type { GameEvent } from "../src/mod.ts";
import { startTestServer, type TestServer, waitFor } from "./_helpers.ts";
import {
  ADMIN,
  caughtUp,
  heldOf,
  jsonl,
  move,
  type Table,
  table,
} from "./_policy_table.ts";

/**
 * Checks that no viewer but the author got another's held event so far:
 * on the streams always, in the HTTP transcript while the game runs (after
 * the end it shows every event to everyone).
 */
async function checkHeld(
  server: TestServer,
  t: Table,
  running = true,
): Promise<number> {
  const url = `${server.httpUrl}/games/${t.gameId}/transcript.jsonl`;
  let checked = 0;
  for (const [key, got] of t.streams) {
    const me = key === "public" ? null : key;
    assert.deepEqual(got.items.filter((e) => heldOf(e, me)), [], key);
    checked += got.items.length;
  }
  const ws = t.watcher.received.filter((m) => m.message_type === "game_event")
    .map((m) => m["event"] as GameEvent);
  assert.deepEqual(ws.filter((e) => heldOf(e, null)), [], "/ws watcher");
  const mine = t.legacy.socket.received.flatMap((m) =>
    m.message_type === "game_event" ? [m["event"] as GameEvent] : []
  );
  assert.deepEqual(mine.filter((e) => heldOf(e, t.legacy.playerId)), []);
  if (!running) return checked;
  assert.deepEqual((await jsonl(url)).filter((e) => heldOf(e, null)), []);
  for (const [player, token] of t.tokens) {
    const view = await jsonl(url, token);
    assert.deepEqual(view.filter((e) => heldOf(e, player)), [], player);
  }
  return checked;
}

for (const turnPolicy of ["bidding", "parallel"] as const) {
  Deno.test(`${turnPolicy} with simultaneous votes: what is held reaches no other seat nor spectator before its reveal, on tRPC, HTTP and /ws`, async () => {
    await using server = await startTestServer({ adminToken: ADMIN });
    const t = await table(server, turnPolicy);
    try {
      const room = server.server.games.room(t.gameId);
      const held = { bids: 0, speeches: 0, votes: 0 };
      let looks = 0;
      for (let step = 0; step < 400 && room.state.phase !== "ended"; step++) {
        const p = room.state.pending[0]!;
        const before = room.log.length;
        await move(t, p);
        const made = room.log.slice(before);
        const hidden = made.some((e) => heldOf(e, null));
        held.bids += made.filter((e) =>
          e.type === "player_action" && e.action === "bid"
        ).length;
        held.speeches += made.filter((e) => e.type === "speech_held").length;
        held.votes += made.filter((e) =>
          e.type === "player_action" && e.action === "vote"
        ).length;
        // while a move is held and not yet revealed, look everywhere
        if (hidden && room.state.pending.length > 0 && looks < 8) {
          looks++;
          await caughtUp(t, room);
          await checkHeld(server, t);
        }
      }
      assert.equal(room.state.phase, "ended");
      assert.ok(held.votes > 0, "votes were held");
      if (turnPolicy === "bidding") assert.ok(held.bids > 0, "bids were held");
      else assert.ok(held.speeches > 0, "speeches were held");
      for (const got of t.streams.values()) {
        await waitFor(
          () => got.items.some((e) => e.type === "game_over"),
          "every stream to reach game_over",
        );
      }
      await checkHeld(server, t, false);
      // the reveals are public
      const seen = t.streams.get("public")!.items;
      const results = seen.filter((e) => e.type === "vote_result");
      assert.ok(results.length > 0 && results.every((r) => r.votes));
      if (turnPolicy === "bidding") {
        assert.ok(seen.some((e) => e.type === "bids_revealed"));
      } else {
        assert.ok(
          seen.some((e) =>
            e.type === "agent_message" && e.channel === "public"
          ),
        );
      }
      // after the end the transcript shows everything to everyone
      const transcript = await t.ui.trpc.game.transcript.query({
        gameId: t.gameId,
      });
      assert.ok(transcript.events.some((e) => heldOf(e, null)));
      const [created] = transcript.events;
      assert.equal(created?.type, "game_created");
      assert.ok(
        created?.type === "game_created" && created.rules?.turnPolicy ===
            turnPolicy &&
          created.rulesText?.includes("Talk:"),
        "the transcript announces the rules",
      );
    } finally {
      await t.close();
    }
  });
}
