/**
 * The turn and vote policies through a real server: typed agents with
 * `@trpc/client` and a legacy agent on `/ws`, `game.bid` and the `/ws`
 * `bid`, the allowed amounts in `your_turn` and `game.state`, and what the
 * policies hold (bids, parallel speeches, simultaneous votes) reaching no
 * other seat and no spectator before its reveal, on tRPC, HTTP and `/ws`.
 * @module
 */
import assert from "node:assert/strict";
import { TRPCClientError } from "@trpc/client";
import type { GameEvent, PlayerId, TurnPolicy } from "../src/mod.ts";
import type { Viewer } from "../src/engine/mod.ts";
import {
  Collector,
  connectClient,
  startTestServer,
  type TestClient,
  type TestServer,
  waitFor,
} from "./_helpers.ts";
import { joinLegacy, LegacySocket, type Message } from "./_legacy.ts";

const ADMIN = "admin-secret";

/** Whether another seat's `event` is held until a reveal. */
function heldOf(event: GameEvent, me: string | null): boolean {
  if (event.type === "speech_held") return event.player_id !== me;
  if (event.type !== "player_action" || event.player_id === me) return false;
  return event.action === "bid" || event.action === "vote";
}

async function jsonl(url: string, token?: string): Promise<GameEvent[]> {
  const response = await fetch(url, {
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
  });
  assert.equal(response.status, 200);
  const text = await response.text();
  return text.trimEnd().split("\n").map((line) => JSON.parse(line));
}

/** A 5-seat game: 4 typed agents, 1 legacy agent, a ui and a /ws watcher. */
async function table(server: TestServer, turnPolicy: TurnPolicy) {
  const god = connectClient(server.wsUrl, { clientType: "ui", token: ADMIN });
  const { gameId } = await god.trpc.lobby.createGame.mutate({
    players: 5,
    seed: 11,
    actionTimeoutMs: 60_000,
    turnPolicy,
    votePolicy: "simultaneous",
    ...(turnPolicy === "bidding" ? { maxTurns: 3 } : { discussionRounds: 1 }),
  });
  const ui = connectClient(server.wsUrl, { clientType: "ui" });
  const streams = new Map<string, Collector<GameEvent>>();
  const follow = (client: TestClient, key: string) => {
    const got = new Collector<GameEvent>();
    streams.set(key, got);
    return client.trpc.game.events.subscribe({ gameId }, {
      onData: (tracked) => got.push(tracked.data),
    });
  };
  const subs = [follow(ui, "public")];
  const watcher = await LegacySocket.open(
    server.server.port,
    `watch_${turnPolicy}?client_type=ui`,
  );
  await watcher.request({ message_type: "watch_game", gameId });
  const agents = new Map<string, TestClient>();
  const tokens = new Map<string, string>();
  for (let i = 0; i < 4; i++) {
    const agent = connectClient(server.wsUrl, { clientType: "agent" });
    const seat = await agent.trpc.lobby.join.mutate({ gameId, name: `T${i}` });
    agents.set(seat.playerId, agent);
    tokens.set(seat.playerId, seat.seatToken);
    subs.push(follow(agent, seat.playerId));
  }
  const legacy = await joinLegacy(server.server.port, { gameId, name: "Lea" });
  tokens.set(legacy.playerId, legacy.seatToken);
  const close = async () => {
    for (const sub of subs) sub.unsubscribe();
    for (const client of [god, ui, ...agents.values()]) {
      await client[Symbol.asyncDispose]();
    }
    await watcher[Symbol.asyncDispose]();
    await legacy.socket[Symbol.asyncDispose]();
  };
  return { gameId, god, ui, streams, watcher, agents, tokens, legacy, close };
}

type Table = Awaited<ReturnType<typeof table>>;

/** Plays one awaited move of `p` (bids: seat number mod 5), via its client. */
async function move(
  t: Table,
  p: { player_id: string; request: string; options: string[] },
): Promise<void> {
  const first = p.options[0] as PlayerId | undefined;
  const amount = Number(p.player_id.slice(1)) % 5;
  const fields = p.request === "speak"
    ? { message_type: "say", text: `hello from ${p.player_id}` }
    : p.request === "bid"
    ? { message_type: "bid", amount }
    : p.request === "vote"
    ? { message_type: "vote", target: first ?? null }
    : {
      message_type: "act",
      action: p.request === "witch"
        ? { kind: "witch_pass" }
        : { kind: p.request, ...(first ? { target: first } : {}) },
    };
  const agent = t.agents.get(p.player_id);
  if (agent === undefined) {
    const answer: Message = await t.legacy.socket.request(fields);
    assert.equal(answer.message_type, "result", JSON.stringify(answer));
    return;
  }
  const { message_type, ...input } = fields as Record<string, unknown>;
  const gameId = t.gameId;
  if (message_type === "say") {
    await agent.trpc.game.say.mutate({ gameId, text: String(input["text"]) });
  } else if (message_type === "bid") {
    await agent.trpc.game.bid.mutate({ gameId, amount });
  } else if (message_type === "vote") {
    await agent.trpc.game.vote.mutate({ gameId, target: first ?? null });
  } else {
    await agent.trpc.game.act.mutate({
      gameId,
      action: input["action"] as never,
    });
  }
}

/** Waits until every tRPC stream has every event of the log it may see. */
async function caughtUp(
  t: Table,
  room: {
    log: readonly GameEvent[];
    viewerSeq(v: Viewer, seq: number): number;
  },
): Promise<void> {
  const last = room.log.at(-1)!.seq;
  for (const [key, got] of t.streams) {
    const viewer: Viewer = key === "public"
      ? { kind: "public" }
      : { kind: "player", player_id: key as PlayerId };
    const want = room.viewerSeq(viewer, last);
    await waitFor(() => got.items.length >= want, `${key}'s stream`);
  }
}

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
    await using server = startTestServer({ adminToken: ADMIN });
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

Deno.test("game.bid: your_turn and game.state give the amounts; a bid answers the bidder's seq, is idempotent under actionId, refuses a wrong amount; /ws bid and failed too", async () => {
  await using server = startTestServer({ adminToken: ADMIN });
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
