/**
 * Helpers of the policy tests through a real server, with no test of its
 * own: a 5-seat table of typed agents, a legacy agent and watchers, and
 * one move by any seat through its own client.
 * @module
 */
import assert from "node:assert/strict";
import type { GameEvent, PlayerId, TurnPolicy } from "../src/mod.ts";
import type { Viewer } from "../src/engine/mod.ts";
import {
  Collector,
  connectClient,
  type TestClient,
  type TestServer,
  waitFor,
} from "./_helpers.ts";
import { joinLegacy, LegacySocket, type Message } from "./_legacy.ts";

/** The admin token of the test servers. */
export const ADMIN = "admin-secret";

/** Whether another seat's `event` is held until a reveal. */
export function heldOf(event: GameEvent, me: string | null): boolean {
  if (event.type === "speech_held") return event.player_id !== me;
  if (event.type !== "player_action" || event.player_id === me) return false;
  return event.action === "bid" || event.action === "vote";
}

/** The transcript's JSON Lines, for the caller of `token` (none: public). */
export async function jsonl(url: string, token?: string): Promise<GameEvent[]> {
  const response = await fetch(url, {
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
  });
  assert.equal(response.status, 200);
  const text = await response.text();
  return text.trimEnd().split("\n").map((line) => JSON.parse(line));
}

/** A 5-seat game: 4 typed agents, 1 legacy agent, a ui and a /ws watcher. */
export async function table(server: TestServer, turnPolicy: TurnPolicy) {
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

/** A table of {@linkcode table}. */
export type Table = Awaited<ReturnType<typeof table>>;

/** Plays one awaited move of `p` (bids: seat number mod 5), via its client. */
export async function move(
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
export async function caughtUp(
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
