import assert from "node:assert/strict";
import { type BotResult, runBot } from "../examples/bot_agent.ts";
import { type GameEvent, PLAYER_NAMES, type PlayerId } from "../src/mod.ts";
import {
  awaiting,
  nextDeadline,
  redact,
  visibleSeqs,
} from "../src/engine/mod.ts";
import {
  Collector,
  connectClient,
  startTestServer,
  waitFor,
  within,
} from "./_helpers.ts";

const ADMIN = "admin-secret";
const NAMES = PLAYER_NAMES.slice(0, 8);

/** Creates an 8-player game as the admin. */
async function createGame(
  url: string,
  settings: { seed: number; actionTimeoutMs?: number },
) {
  await using admin = connectClient(url, { clientType: "ui", token: ADMIN });
  return await admin.trpc.lobby.createGame.mutate({
    players: 8,
    seed: settings.seed,
    actionTimeoutMs: settings.actionTimeoutMs ?? 500,
    discussionRounds: 1,
  });
}

/** Secrets a viewer must not receive before the game is over. */
function leaks(
  events: readonly GameEvent[],
  me: string | null,
  role: string | null,
): string[] {
  const found: string[] = [];
  const wolf = role === "werewolf";
  for (const event of events) {
    if (event.type === "game_over") break;
    if (
      event.type === "agent_message" && event.channel === "werewolves" && !wolf
    ) {
      found.push(`werewolves channel #${event.seq}`);
    }
    if (event.type === "role_assigned" && event.player_id !== me) {
      found.push(`role of ${event.player_id} #${event.seq}`);
    }
    if ((event.type === "your_turn") && event.player_id !== me) {
      found.push(`another's turn #${event.seq}`);
    }
    if (event.type === "seer_result" && event.seer_id !== me) {
      found.push(`seer result #${event.seq}`);
    }
    if (event.type === "witch_info" && event.witch_id !== me) {
      found.push(`witch info #${event.seq}`);
    }
    if (
      event.type === "player_action" && event.player_id !== me &&
      !["vote", "pass", "hunter_shoot"].includes(event.action) &&
      !(wolf && event.action === "wolf_kill")
    ) {
      found.push(`${event.player_id}'s ${event.action} #${event.seq}`);
    }
    if (event.type === "game_state") {
      const dead = new Set(
        events.filter((e) => e.type === "player_died" && e.seq < event.seq)
          .map((e) => e.type === "player_died" ? e.player_id : ""),
      );
      for (const p of event.players) {
        if (p.role !== undefined && p.id !== me && !dead.has(p.id) && !wolf) {
          found.push(`role of ${p.id} in game_state`);
        }
      }
    }
    if (event.type === "game_created" && event.seed !== undefined) {
      found.push("the seed");
    }
  }
  return found;
}

Deno.test("8 bot clients finish a game over real sockets, and no client receives a secret", async () => {
  await using server = await startTestServer({ adminToken: ADMIN });
  const { gameId } = await createGame(server.wsUrl, { seed: 7 });
  await using ui = connectClient(server.wsUrl, { clientType: "ui" });
  await using observer = connectClient(server.wsUrl, {
    clientType: "observer",
  });
  const uiEvents = new Collector<{ id: string; data: GameEvent }>();
  const obsEvents = new Collector<{ id: string; data: GameEvent }>();
  const subs = [
    ui.trpc.game.events.subscribe({ gameId }, { onData: uiEvents.push }),
    observer.trpc.game.events.subscribe({ gameId }, { onData: obsEvents.push }),
  ];
  const results: BotResult[] = await within(
    Promise.all(
      NAMES.map((name, i) =>
        runBot({ url: server.wsUrl, gameId, name, seed: i + 1 })
      ),
    ),
    60_000,
    "the game to finish",
  );
  const winners = new Set(results.map((r) => r.winner));
  assert.equal(winners.size, 1);
  assert.equal(
    new Set(results.map((r) => r.playerId)).size,
    8,
    "8 distinct seats",
  );
  assert.deepEqual(
    results.map((r) => r.role).sort(),
    [
      "hunter",
      "seer",
      "villager",
      "villager",
      "villager",
      "werewolf",
      "werewolf",
      "witch",
    ],
  );
  const room0 = server.server.games.room(gameId);
  const acted = room0.log.filter((e) =>
    e.type === "player_action" && !e.timed_out
  );
  assert.ok(
    acted.length >= 8,
    "the bots acted themselves, not only through timeouts",
  );
  const room = server.server.games.room(gameId);
  assert.equal(room.state.phase, "ended");
  for (const result of results) {
    assert.deepEqual(
      leaks(result.events, result.playerId, result.role),
      [],
      `${result.playerId} (${result.role})`,
    );
  }
  await waitFor(
    () => uiEvents.items.some((e) => e.data.type === "game_over"),
    "ui game_over",
  );
  await waitFor(
    () => obsEvents.items.some((e) => e.data.type === "game_over"),
    "observer game_over",
  );
  for (const events of [uiEvents, obsEvents]) {
    assert.deepEqual(leaks(events.items.map((e) => e.data), null, null), []);
  }
  for (const sub of subs) sub.unsubscribe();
});

Deno.test("a bot whose socket is cut mid-game resumes with no event missing or repeated", async () => {
  await using server = await startTestServer({ adminToken: ADMIN });
  const { gameId } = await createGame(server.wsUrl, { seed: 11 });
  const clients: {
    name: string;
    ws: { connection: { ws?: WebSocket | null } | null };
  }[] = [];
  let cuts = 0;
  const results = await within(
    Promise.all(
      NAMES.map((name, i) =>
        runBot({
          url: server.wsUrl,
          gameId,
          name,
          seed: 100 + i,
          onClient: (ws) => clients.push({ name, ws: ws as never }),
        })
      ).concat([(async () => {
        // cut Alice's socket twice while the game runs
        const room = server.server.games.room(gameId);
        for (const threshold of [30, 80]) {
          await waitFor(
            () => room.log.length >= threshold || room.state.phase === "ended",
            "progress",
            30_000,
          );
          const alice = clients.find((c) => c.name === "Alice");
          const socket = alice?.ws.connection?.ws;
          if (socket && socket.readyState === WebSocket.OPEN) {
            socket.close();
            cuts++;
          }
        }
        return null as unknown as BotResult;
      })()]),
    ),
    60_000,
    "the game to finish",
  );
  assert.ok(cuts >= 1, "the socket was cut at least once");
  const room = server.server.games.room(gameId);
  const alice = results.find((r) =>
    r?.events?.some((e) => e.type === "player_joined" && e.name === "Alice") &&
    r.playerId
  );
  // what each player may see (the running game's visibility, kept after
  // game_over), in its own numbering: its k-th event is mine[k - 1]
  for (const result of results.filter((r) => r !== null)) {
    const viewer = { kind: "player" as const, player_id: result.playerId };
    const mine = visibleSeqs(room.log, room.state, viewer);
    // the bot subscribes from the start: each of its events once, in order,
    // numbered 1..n with no gap, and after the cuts nothing is missing,
    // repeated, or revealed at game_over that was hidden before
    assert.deepEqual(
      result.events.map((e) => e.seq),
      mine.map((_, i) => i + 1),
      `${result.playerId}'s events are 1..n, each once`,
    );
    assert.deepEqual(
      result.events,
      mine.map((seq, i) => ({
        ...redact(room.state, room.log[seq - 1]!, viewer),
        seq: i + 1,
      })),
      `${result.playerId} got exactly what it may see`,
    );
  }
  assert.ok(alice);
});

Deno.test("game.vote retried with the same actionId is applied once and answered alike", async () => {
  await using server = await startTestServer({ adminToken: ADMIN });
  const { gameId } = await createGame(server.wsUrl, {
    seed: 3,
    actionTimeoutMs: 60_000,
  });
  const players = NAMES.map((name) => ({
    name,
    client: connectClient(server.wsUrl, { clientType: "agent" }),
  }));
  try {
    const seats = [];
    for (const { name, client } of players) {
      seats.push(await client.trpc.lobby.join.mutate({ gameId, name }));
    }
    const room = server.server.games.room(gameId);
    // skip to the vote: time every step out until the vote is open
    await waitFor(() => room.state.phase !== "lobby", "the start");
    for (
      let i = 0;
      i < 50 && room.state.phase !== "vote" && room.state.phase !== "ended";
      i++
    ) {
      await room.submit({
        type: "timeout",
        at: nextDeadline(room.state) ?? Date.now(),
      });
    }
    if (room.state.phase === "ended") return; // the night ended it (no vote to test)
    const voterIndex = seats.findIndex((seat) =>
      awaiting(room.state, seat.playerId as PlayerId)?.request === "vote"
    );
    assert.notEqual(voterIndex, -1, "someone is asked to vote");
    const voter = players[voterIndex]!;
    const seat = seats[voterIndex]!;
    const before = room.log.length;
    const first = await voter.client.trpc.game.vote.mutate({
      gameId,
      target: null,
      actionId: "vote-1",
    });
    const again = await voter.client.trpc.game.vote.mutate({
      gameId,
      target: null,
      actionId: "vote-1",
    });
    assert.deepEqual(again, first);
    const votes = room.log.slice(before).filter((e) =>
      e.type === "player_action" && e.action === "vote" &&
      e.player_id === seat.playerId
    );
    assert.equal(votes.length, 1);
    const other = await voter.client.trpc.game.vote.mutate({
      gameId,
      target: null,
      actionId: "vote-2",
    })
      .catch((e) => e);
    assert.equal(other.data?.code, "PRECONDITION_FAILED");
  } finally {
    for (const { client } of players) await client.ws.close();
  }
});
