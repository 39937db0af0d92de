import assert from "node:assert/strict";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "../src/mod.ts";
import { MAX_REFUSED_KEYS_PER_SEAT } from "../src/game/mod.ts";
import { DEFAULT_MAX_BATCH_SIZE } from "../src/ws/_message_limits.ts";
import { connectClient, startTestServer } from "./_helpers.ts";

/**
 * Twice a seat's refusal ring. The 20,000 votes of the original report run
 * at the room level (idempotency_test.ts): over HTTP, client and server in
 * one process, they took 17 s (tRPC errors built and parsed on both ends).
 */
const FLOOD = 2 * MAX_REFUSED_KEYS_PER_SEAT;
/** The largest batch the server takes over HTTP, as over WebSocket. */
const BATCH = DEFAULT_MAX_BATCH_SIZE;

Deno.test("game.say over WebSocket, resent after another seat floods refused game.vote over HTTP batches past its key ring, is applied once", async () => {
  await using test = await startTestServer({ httpRateLimitPerSecond: 0 });
  const games = test.server.games;
  const { gameId } = await games.create({
    players: 6,
    seed: 42,
    actionTimeoutMs: 600_000,
    discussionRounds: 1,
  });
  const seats = [];
  for (let i = 0; i < 6; i++) seats.push(await games.join(gameId, `Bot ${i}`));
  const room = games.room(gameId);
  assert.equal(room.state.phase, "night");
  const role = (id: string) => room.state.players.find((p) => p.id === id);
  const wolf = seats.find((s) => role(s.playerId)?.role === "werewolf");
  const other = seats.find((s) => role(s.playerId)?.role !== "werewolf");
  assert.ok(wolf !== undefined && other !== undefined);

  const input = { gameId, text: "hello over the wire", actionId: "say-1" };
  const hellos = () =>
    room.log.filter((e) =>
      e.type === "agent_message" && e.message_text === input.text
    ).length;
  let first: { seq: number };
  {
    await using socket = connectClient(test.wsUrl, {
      clientType: "agent",
      token: wolf.seatToken,
    });
    first = await socket.trpc.game.say.mutate(input);
  }
  assert.equal(hellos(), 1);

  const flooder = createTRPCClient<AppRouter>({
    links: [httpBatchLink({
      url: `${test.httpUrl}/trpc?client_type=agent`,
      transformer: superjson,
      maxItems: BATCH,
      headers: { authorization: `Bearer ${other.seatToken}` },
    })],
  });
  const codes = new Map<string, number>();
  for (let from = 0; from < FLOOD; from += BATCH) {
    const calls = [];
    for (let i = from; i < Math.min(from + BATCH, FLOOD); i++) {
      calls.push(
        flooder.game.vote.mutate({ gameId, target: null, actionId: `v${i}` })
          .then(() => "accepted", (error) => String(error.data?.code)),
      );
    }
    for (const code of await Promise.all(calls)) {
      codes.set(code, (codes.get(code) ?? 0) + 1);
    }
  }
  assert.deepEqual([...codes], [["PRECONDITION_FAILED", FLOOD]]);

  // The werewolf's socket dropped before the answer: it resends on a new one.
  await using again = connectClient(test.wsUrl, {
    clientType: "agent",
    token: wolf.seatToken,
  });
  assert.deepEqual(await again.trpc.game.say.mutate(input), first);
  assert.equal(hellos(), 1, "applied once");
});
