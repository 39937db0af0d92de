import assert from "node:assert/strict";
import type { GameEvent, PlayerId, Usage } from "../src/mod.ts";
import {
  Collector,
  connectClient,
  startTestServer,
  type TestClient,
  waitFor,
} from "./_helpers.ts";
import { joinLegacy, LegacySocket, type Message } from "./_legacy.ts";

const ADMIN = "admin-secret";

/** The reasoning each player attaches to its n-th move: unique, findable. */
function secretOf(player: string, n: number): string {
  return `secret of ${player} #${n}`;
}

function usageOf(player: string, n: number): Usage {
  return {
    model: `model-${player}`,
    promptTokens: 100 + n,
    completionTokens: 10 + n,
    latencyMs: 50 * n,
    costUsd: 0.5,
  };
}

/** The author of a speech or an action, else null. */
function authorOf(event: GameEvent): string | null {
  if (event.type === "agent_message") return event.agent_id;
  if (event.type === "player_action") return event.player_id;
  return null;
}

/** Events of `events` carrying records not authored by `me`. */
function othersRecords(events: readonly GameEvent[], me: string | null) {
  return events.filter((e) =>
    ("reasoning" in e || "usage" in e) && authorOf(e) !== me
  );
}

async function jsonl(url: string, token?: string): Promise<GameEvent[]> {
  const response = await fetch(url, {
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
  });
  assert.equal(response.status, 200);
  const text = await response.text();
  return text.trimEnd().split("\n").map((line) => JSON.parse(line));
}

Deno.test("reasoning and usage reach no other player or public viewer before game_over on tRPC, HTTP and /ws; the transcript has them after, with usage totals", async () => {
  await using server = await startTestServer({ adminToken: ADMIN });
  await using god = connectClient(server.wsUrl, {
    clientType: "ui",
    token: ADMIN,
  });
  const { gameId } = await god.trpc.lobby.createGame.mutate({
    players: 5,
    seed: 7,
    actionTimeoutMs: 60_000,
    discussionRounds: 1,
  });
  const streams = new Map<string, Collector<GameEvent>>();
  const subs: { unsubscribe(): void }[] = [];
  const follow = (client: TestClient, key: string) => {
    const got = new Collector<GameEvent>();
    streams.set(key, got);
    subs.push(client.trpc.game.events.subscribe({ gameId }, {
      onData: (tracked) => got.push(tracked.data),
    }));
  };
  follow(god, "god");
  await using ui = connectClient(server.wsUrl, { clientType: "ui" });
  follow(ui, "public");
  await using watcher = await LegacySocket.open(
    server.server.port,
    "records_watcher?client_type=ui",
  );
  await watcher.request({ message_type: "watch_game", gameId });
  const agents = new Map<string, TestClient>();
  const tokens = new Map<string, string>();
  const clients: TestClient[] = [];
  for (let i = 0; i < 4; i++) {
    const agent = connectClient(server.wsUrl, { clientType: "agent" });
    clients.push(agent);
    const seat = await agent.trpc.lobby.join.mutate({ gameId, name: `T${i}` });
    agents.set(seat.playerId, agent);
    tokens.set(seat.playerId, seat.seatToken);
    follow(agent, seat.playerId);
  }
  const legacy = await joinLegacy(server.server.port, {
    gameId,
    name: "Lea",
  });
  await using _legacySocket = legacy.socket;
  tokens.set(legacy.playerId, legacy.seatToken);
  const room = server.server.games.room(gameId);
  const sent = new Map<string, number>();
  const transcriptUrl = `${server.httpUrl}/games/${gameId}/transcript.jsonl`;

  /** Plays every awaited move, each with reasoning and usage. */
  async function playRound(): Promise<void> {
    for (const p of [...room.state.pending]) {
      if (room.state.phase === "ended") return;
      if (!room.state.pending.some((q) => q.player_id === p.player_id)) {
        continue;
      }
      const n = (sent.get(p.player_id) ?? 0) + 1;
      sent.set(p.player_id, n);
      const records = {
        reasoning: secretOf(p.player_id, n),
        usage: usageOf(p.player_id, n),
      };
      const first = p.options[0] as PlayerId | undefined;
      const move = p.request === "speak"
        ? { kind: "say", text: `hello from ${p.player_id}` }
        : p.request === "vote"
        ? { kind: "vote", target: first ?? null }
        : {
          kind: "act",
          action: p.request === "witch"
            ? { kind: "witch_pass" as const }
            : { kind: p.request, ...(first ? { target: first } : {}) },
        };
      const agent = agents.get(p.player_id);
      if (agent === undefined) {
        const { kind, ...fields } = move;
        const answer: Message = await legacy.socket.request({
          message_type: kind,
          ...fields,
          ...records,
        });
        assert.equal(answer.message_type, "result", JSON.stringify(answer));
      } else if (move.kind === "say") {
        await agent.trpc.game.say.mutate({
          gameId,
          text: move.text,
          ...records,
        });
      } else if (move.kind === "vote") {
        await agent.trpc.game.vote.mutate({
          gameId,
          target: move.target,
          ...records,
        });
      } else {
        await agent.trpc.game.act.mutate({
          gameId,
          action: move.action as never,
          ...records,
        });
      }
    }
  }

  const ended = (): boolean => room.state.phase === "ended";
  let checkedRunning = false;
  for (let round = 0; round < 100 && !ended(); round++) {
    await playRound();
    if (!checkedRunning && !ended() && round >= 2) {
      checkedRunning = true;
      // HTTP, running game: each seat sees its own records, no one else's
      const publicView = await jsonl(transcriptUrl);
      assert.deepEqual(othersRecords(publicView, null), []);
      for (const [player, token] of tokens) {
        const view = await jsonl(transcriptUrl, token);
        assert.deepEqual(othersRecords(view, player), [], player);
        if (
          (sent.get(player) ?? 0) > 0 &&
          room.state.players.some((s) => s.id === player)
        ) {
          assert.ok(
            view.some((e) =>
              "reasoning" in e && e.reasoning === secretOf(player, 1)
            ),
            `${player} sees its own first reasoning`,
          );
        }
      }
      const state = await ui.trpc.game.state.query({ gameId });
      assert.equal(JSON.stringify(state).includes("secret of"), false);
    }
  }
  assert.equal(room.state.phase, "ended", "the game ended");
  assert.ok(checkedRunning, "the running game was checked");
  for (const got of streams.values()) {
    await waitFor(
      () => got.items.some((e) => e.type === "game_over"),
      "every stream to reach game_over",
    );
  }
  await waitFor(
    () =>
      [watcher, legacy.socket].every((s) =>
        s.received.some((m) =>
          m.message_type === "game_event" &&
          (m["event"] as GameEvent).type === "game_over"
        )
      ),
    "the /ws streams to reach game_over",
  );
  for (const sub of subs) sub.unsubscribe();

  // tRPC streams: never another's records, even after the end
  for (const [key, got] of streams) {
    if (key === "god") continue;
    const me = key === "public" ? null : key;
    assert.deepEqual(othersRecords(got.items, me), [], key);
  }
  const godRecords = streams.get("god")!.items.filter((e) => "reasoning" in e);
  const total = [...sent.values()].reduce((a, b) => a + b, 0);
  assert.equal(godRecords.length, total, "the god view sees every record");
  for (const [player, got] of streams) {
    if (!tokens.has(player)) continue;
    assert.equal(
      got.items.filter((e) => "reasoning" in e).length,
      sent.get(player) ?? 0,
      `${player} sees each of its own records`,
    );
  }
  // /ws game_event: the legacy seat and the public watcher
  const wsEvents = (s: LegacySocket) =>
    s.received.filter((m) => m.message_type === "game_event")
      .map((m) => m["event"] as GameEvent);
  assert.deepEqual(othersRecords(wsEvents(watcher), null), []);
  assert.deepEqual(
    othersRecords(wsEvents(legacy.socket), legacy.playerId),
    [],
  );
  assert.equal(
    wsEvents(legacy.socket).filter((e) => "reasoning" in e).length,
    sent.get(legacy.playerId) ?? 0,
  );

  // After the end: the transcript has every record and the usage totals
  const transcript = await ui.trpc.game.transcript.query({ gameId });
  const reasons = transcript.events.flatMap((e) =>
    "reasoning" in e && e.reasoning !== undefined ? [e.reasoning] : []
  );
  assert.equal(reasons.length, total);
  const lines = await jsonl(transcriptUrl);
  assert.deepEqual(lines, transcript.events);
  for (const [player, count] of sent) {
    const moves = Array.from(
      { length: count },
      (_, i) => usageOf(player, i + 1),
    );
    assert.deepEqual(transcript.usage[player], {
      actions: count,
      promptTokens: moves.reduce((a, u) => a + u.promptTokens, 0),
      completionTokens: moves.reduce((a, u) => a + u.completionTokens, 0),
      latencyMs: moves.reduce((a, u) => a + u.latencyMs, 0),
      costUsd: moves.reduce((a, u) => a + (u.costUsd ?? 0), 0),
      models: [`model-${player}`],
    }, player);
  }
  for (const client of clients) await client[Symbol.asyncDispose]();
});
