import assert from "node:assert/strict";
import { createClient } from "redis";
import { type BotResult, runBot } from "../examples/bot_agent.ts";
import type { GameEvent } from "../src/mod.ts";
import { replay, visibleSeqs } from "../src/engine/mod.ts";
import { connectClient, type TestClient, within } from "./_helpers.ts";
import { createCrashGame } from "./_crash_game.ts";
import { REDIS_AVAILABLE } from "./_redis.ts";
import { ADMIN, replayed, startCluster, watch } from "./_cluster.ts";

const NAMES = ["Ana", "Ben", "Cem", "Dia", "Eli", "Fay", "Gus", "Hal"];
/** The owner is killed right after this many acknowledged game actions. */
const KILL_AFTER = 14;
const LEASE_MS = 1500;

interface Ack {
  name: string;
  path: string;
  input: unknown;
  output: unknown;
}

/** The instance holding `gameId`'s lease now, or null. */
async function leaseHolder(
  url: string,
  gameId: string,
): Promise<string | null> {
  const raw = createClient({ url });
  await raw.connect();
  try {
    const value = await raw.get(`lg:game:{${gameId}}:lease`);
    return value === null ? null : value.slice(0, value.lastIndexOf("/"));
  } finally {
    await raw.close();
  }
}

/** A client that reconnects to `url()` (another instance after a drop). */
function clientOn(url: () => string, token?: string): TestClient {
  return connectClient("ws://unused", {
    clientType: "ui",
    ...(token === undefined ? {} : { token }),
  }, { url });
}

Deno.test({
  name:
    "cluster failover: the owner killed with SIGKILL between two acknowledged actions, another instance claims the game when its lease expires and finishes it; every acknowledged action is in the log exactly once and every bot and spectator saw 1..n with no gap and no duplicate",
  ignore: !REDIS_AVAILABLE,
  async fn() {
    await using cluster = await startCluster(3, {
      GAME_LEASE_MS: String(LEASE_MS),
    });
    let killed = false;
    const alive = (i: number) => () => cluster.url(killed && i === 0 ? 1 : i);
    const gameId = await createCrashGame(cluster.url(0), ADMIN);
    const viewers = [0, 1, 2].flatMap((i) => [
      clientOn(alive(i)),
      clientOn(alive(i), ADMIN),
    ]);
    try {
      const watches = viewers.map((client) => watch(client, gameId));
      const acks: Ack[] = [];
      let dead: Promise<Deno.CommandStatus> | null = null;
      const onAck = (name: string) => (ack: Omit<Ack, "name">) => {
        acks.push({ ...ack, name });
        const played = acks.filter((a) => a.path.startsWith("game.")).length;
        if (!killed && played >= KILL_AFTER) {
          killed = true; // right after this acknowledgement, before the next
          dead = cluster.servers[0]!.stop("SIGKILL");
        }
      };
      const results: BotResult[] = await within(
        Promise.all(NAMES.map((name, i) =>
          runBot({
            url: alive(i % 3),
            gameId,
            name,
            seed: i + 1,
            onAck: onAck(name),
          })
        )),
        120_000,
        "the bots to finish the game after the owner's death",
      );
      assert.ok(killed, "the owner was killed mid-game");
      assert.equal((await dead!)?.signal, "SIGKILL");
      await Promise.all(
        watches.map((w) => within(w.over, 20_000, "game_over")),
      );
      assert.notEqual(await leaseHolder(cluster.redis.url, gameId), "c1");

      await using god = connectClient(cluster.url(1), {
        clientType: "ui",
        token: ADMIN,
      });
      const log = await replayed(god, gameId);
      const final = replay(log);
      assert.equal(final.phase, "ended");
      assert.ok(results.every((r) => r.winner === final.winner));
      for (const [i, w] of watches.entries()) {
        const seqs = w.events.map((item) => item.event.seq);
        assert.deepEqual(seqs, seqs.map((_, k) => k + 1), `viewer ${i}`);
        if (i % 2 === 1) {
          assert.deepEqual(w.events.map((item) => item.event), log);
        }
      }
      const tokens = new Map<string, string>();
      for (const ack of acks) {
        if (ack.path !== "lobby.join") continue;
        tokens.set(ack.name, (ack.output as { seatToken: string }).seatToken);
      }
      for (const [i, result] of results.entries()) {
        const seqs = result.events.map((e: GameEvent) => e.seq);
        assert.deepEqual(seqs, seqs.map((_, k) => k + 1), NAMES[i]);
        const mine = visibleSeqs(log, final, {
          kind: "player",
          player_id: result.playerId,
        });
        assert.equal(seqs.length, mine.length, `${NAMES[i]} saw all it may`);
      }
      // every acknowledged action, sent again with its actionId to a
      // surviving instance, answers alike and adds nothing to the log
      const played = acks.filter((a) => a.path.startsWith("game."));
      assert.ok(played.length > KILL_AFTER);
      for (const ack of played) {
        await using agent = connectClient(cluster.url(2), {
          clientType: "agent",
          token: tokens.get(ack.name)!,
        });
        const [, method] = ack.path.split(".") as [string, "say"];
        const again = await agent.trpc.game[method].mutate(
          ack.input as Parameters<typeof agent.trpc.game.say.mutate>[0],
        );
        assert.deepEqual(again, ack.output, `${ack.path} answered alike`);
      }
      assert.equal((await replayed(god, gameId)).length, log.length);
    } finally {
      for (const client of viewers) await client[Symbol.asyncDispose]();
    }
  },
});
