import assert from "node:assert/strict";
import { type BotResult, runBot } from "../examples/bot_agent.ts";
import type { GameEvent } from "../src/mod.ts";
import { replay, visibleSeqs } from "../src/engine/mod.ts";
import { connectClient, within } from "./_helpers.ts";
import { createCrashGame } from "./_crash_game.ts";
import { freePort, type MainProcess, startMain } from "./_main_process.ts";
import { REDIS_AVAILABLE, startRedis } from "./_redis.ts";

const ADMIN = "admin-secret";
const NAMES = ["Ana", "Ben", "Cem", "Dia", "Eli", "Fay", "Gus", "Hal"];
/** The server is killed right after this many acknowledged game actions. */
const KILL_AFTER = 14;

interface Ack {
  name: string;
  path: string;
  input: unknown;
  output: unknown;
  beforeKill: boolean;
}

async function transcript(port: number): Promise<GameEvent[]> {
  const games = await fetch(`http://127.0.0.1:${port}/trpc/lobby.listGames`, {
    headers: { authorization: `Bearer ${ADMIN}` },
  });
  const [row] = (await games.json()).result.data.json;
  const response = await fetch(
    `http://127.0.0.1:${port}/games/${row.gameId}/transcript.jsonl`,
    { headers: { authorization: `Bearer ${ADMIN}` } },
  );
  const text = await response.text();
  return text.trimEnd().split("\n").map((line) => JSON.parse(line));
}

/**
 * Plays a game of 8 bots on `main.ts`, SIGKILLs it right after the
 * KILL_AFTER-th acknowledged action, starts it again with the same
 * environment (`store`: where the games are kept) and checks the bots
 * finish with every acknowledged action in the log exactly once.
 */
async function crashAndResume(
  store: Record<string, string>,
  keptIn: RegExp,
): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "lg-crash-" });
  const port = freePort();
  const env = {
    WS_HOST: "127.0.0.1",
    WS_PORT: String(port),
    DATA_DIR: dir,
    ADMIN_TOKEN: ADMIN,
    WS_RATE_LIMIT: "0",
    ...store,
  };
  const url = `ws://127.0.0.1:${port}/trpc`;
  let server: MainProcess = await startMain(env);
  const restart: { done: Promise<void> | null } = { done: null };
  try {
    const gameId = await createCrashGame(url, ADMIN);
    const acks: Ack[] = [];
    let killed = false;
    const onAck = (name: string) => (ack: Omit<Ack, "name" | "beforeKill">) => {
      acks.push({ ...ack, name, beforeKill: !killed });
      const played = acks.filter((a) => a.path.startsWith("game.")).length;
      if (!killed && played >= KILL_AFTER) {
        killed = true; // right after this acknowledgement, before the next
        const dying = server;
        restart.done = dying.stop("SIGKILL").then(async (status) => {
          assert.equal(status.signal, "SIGKILL");
          server = await startMain(env);
        });
      }
    };
    const results: BotResult[] = await within(
      Promise.all(
        NAMES.map((name, i) =>
          runBot({ url, gameId, name, seed: i + 1, onAck: onAck(name) })
        ),
      ),
      90_000,
      "the bots to finish across the restart",
    );
    await restart.done;
    assert.ok(killed, "the server was killed mid-game");
    assert.match(
      server.output(),
      /resumed 1 game still running when the server last stopped/,
    );
    assert.match(server.output(), keptIn);

    const log = await transcript(server.port);
    const final = replay(log);
    assert.equal(final.phase, "ended");
    const winner = results[0]?.winner;
    assert.ok(results.every((r) => r.winner === winner));
    assert.equal(final.winner, winner);
    assert.equal(log.at(-1)?.type, "game_over");
    // What every bot saw, before and after the crash, is the final log
    // in the bot's own numbering: 1..n, nothing missing or repeated.
    const visible = (playerId: string): number[] =>
      visibleSeqs(log, final, { kind: "player", player_id: playerId });
    for (const result of results) {
      const seqs = result.events.map((e) => e.seq);
      assert.deepEqual(seqs, seqs.map((_, i) => i + 1));
      const mine = visible(result.playerId);
      assert.equal(seqs.length, mine.length, "the bot saw all it may see");
      for (const event of result.events) {
        const global = mine[event.seq - 1] as number;
        assert.equal(log[global - 1]?.type, event.type);
      }
    }
    // Every acknowledged action: in the log, and applied once: sent again
    // with its actionId after the restart, it answers alike.
    const played = acks.filter((a) => a.path.startsWith("game."));
    assert.ok(played.some((a) => a.beforeKill));
    assert.ok(played.some((a) => !a.beforeKill));
    const byName = new Map(
      results.map((r, i) => [NAMES[i] as string, r.playerId]),
    );
    const tokens = new Map<string, string>();
    for (const ack of acks) {
      if (ack.path === "lobby.join") {
        const { seatToken } = ack.output as { seatToken: string };
        tokens.set(ack.name, seatToken);
      }
    }
    for (const ack of played) {
      const { seq } = ack.output as { seq: number };
      const playerId = byName.get(ack.name) as string;
      const global = visible(playerId)[seq - 1] as number;
      const mine = log.slice(0, global).filter((e) =>
        (e.type === "player_action" && e.player_id === playerId) ||
        (e.type === "agent_message" && e.agent_id === playerId)
      );
      assert.ok(mine.length > 0, `${ack.path} of ${playerId} is logged`);
      await using agent = connectClient(url, {
        clientType: "agent",
        token: tokens.get(ack.name) as string,
      });
      const [, method] = ack.path.split(".") as [string, "say"];
      const again = await agent.trpc.game[method].mutate(
        ack.input as Parameters<typeof agent.trpc.game.say.mutate>[0],
      );
      assert.deepEqual(again, ack.output, `${ack.path} answered alike`);
    }
    assert.equal((await transcript(server.port)).length, log.length);
  } finally {
    await restart.done?.catch(() => {});
    await server.stop("SIGTERM");
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test(
  "main.ts killed with SIGKILL between two acknowledged actions resumes from DATA_DIR; the bots finish and every acknowledged action is in the log exactly once",
  () => crashAndResume({}, /games kept in .*loup-garou\.db \(DATA_DIR=/),
);

Deno.test({
  name:
    "main.ts on Redis (REDIS_URL) killed with SIGKILL between two acknowledged actions resumes from Redis with the same INSTANCE_ID; the bots finish and every acknowledged action is in the log exactly once",
  ignore: !REDIS_AVAILABLE,
  async fn() {
    await using redis = await startRedis();
    await crashAndResume(
      { REDIS_URL: redis.url, INSTANCE_ID: "crash-1" },
      /games kept in Redis redis:\/\/127\.0\.0\.1:\d+ \(instance crash-1, REDIS_URL; games and tournaments\)/,
    );
  },
});
