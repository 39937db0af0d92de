/**
 * The authorization matrix's rows once game A runs, in the order they run:
 * game.state, game.transcript, game.events, game.say, game.vote, game.act,
 * bids, lobby.createDemoGame and lobby.deleteGame.
 * @module
 */
import { redact } from "../src/engine/mod.ts";
import type { GameEvent } from "../src/mod.ts";
import { cells, collect, ok, type Row } from "./_auth_matrix.ts";
import { waitFor } from "./_helpers.ts";
import {
  ADMIN_CREATE,
  ADMIN_DELETE,
  gameA,
  logged,
  NO_BIDDING,
  NOT_TURN,
  NOT_WOLF,
  playing,
  problems,
} from "./_auth_cells.ts";
import { eventProblems, stateProblems } from "./_auth_views.ts";
import { drive } from "./_auth_world.ts";

/** The rows from game A's start on, in order (they move game A on). */
export const PLAY_ROWS: Row[] = [
  {
    name: "game.state",
    call: (c, w) => c.client.trpc.game.state.query(gameA(w)),
    cells: cells(
      ok((view, c, w) => problems(stateProblems(w.room.state, view, c.viewer))),
    ),
  },
  {
    name: "game.transcript",
    call: (c, w) => c.client.trpc.game.transcript.query(gameA(w)),
    cells: cells(ok((t, c, w) =>
      problems([
        ...(t.status === "running" ? [] : [`status ${t.status}`]),
        ...eventProblems(w.room.state, w.room.log, t.events, c.viewer),
      ])
    )),
  },
  {
    name: "game.events",
    call: async (c, w) => {
      const visible = w.room.log.filter((e) =>
        redact(w.room.state, e, c.viewer) !== null
      );
      const items = await collect<{ id: string; data: GameEvent }>(
        (h) => c.client.trpc.game.events.subscribe(gameA(w), h),
        (got) => got.length >= visible.length,
      );
      return items;
    },
    cells: cells(ok((items, c, w) =>
      problems([
        ...items.filter((i: { id: string; data: GameEvent }) =>
          i.id !== String(i.data.seq)
        )
          .map((i: { id: string }) => `id ${i.id} is not the seq`),
        ...eventProblems(
          w.room.state,
          w.room.log,
          items.map((i: { data: GameEvent }) => i.data),
          c.viewer,
        ),
      ])
    )),
  },
  {
    name: "game.say",
    prepare: (w) =>
      drive(w, {
        until: (s) =>
          s.pending.some((p) =>
            p.player_id === w.ids.live && p.request === "speak"
          ),
        skip: [w.ids.live],
      }),
    call: (c, w) =>
      c.client.trpc.game.say.mutate({
        ...gameA(w),
        text: "I am a simple villager.",
      }),
    cells: playing(
      ok(
        logged((e, me) =>
          e.type === "agent_message" && e.agent_id === me &&
          e.channel === "public"
        ),
      ),
      { peer: NOT_TURN },
    ),
  },
  {
    name: "game.vote",
    prepare: (w) => drive(w, { until: (s) => s.phase === "vote" }),
    call: (c, w) =>
      c.client.trpc.game.vote.mutate({ ...gameA(w), target: null }),
    cells: (() => {
      const voted = ok(
        logged((e, me) =>
          e.type === "player_action" && e.action === "vote" &&
          e.player_id === me
        ),
      );
      return playing(voted, { peer: voted });
    })(),
  },
  {
    name: "game.act",
    prepare: (w) =>
      drive(w, {
        until: (s) =>
          s.pending.some((p) =>
            p.player_id === w.ids.live && p.request === "wolf_kill"
          ),
        skip: [w.ids.live],
      }),
    call: (c, w) =>
      c.client.trpc.game.act.mutate({
        ...gameA(w),
        action: {
          kind: "wolf_kill",
          target: w.room.state.players.find((p) =>
            p.alive && p.id !== w.ids.live
          )?.id ?? "p1",
        },
      }),
    cells: playing(
      ok(
        logged((e, me) =>
          e.type === "player_action" && e.action === "wolf_kill" &&
          e.player_id === me
        ),
      ),
      { peer: NOT_WOLF, deadAgent: NOT_WOLF },
    ),
  },
  {
    // game A talks round robin: a seat's bid is refused with its policy
    name: "game.bid",
    call: (c, w) => c.client.trpc.game.bid.mutate({ ...gameA(w), amount: 2 }),
    cells: playing(NO_BIDDING, { peer: NO_BIDDING }),
  },
  {
    name: "lobby.createDemoGame",
    call: (c) =>
      c.client.trpc.lobby.createDemoGame.mutate({
        players: 5,
        thinkMs: 10_000, // the bots wait: nothing moves while the matrix runs
        actionTimeoutMs: 600_000,
      }),
    cells: cells(ADMIN_CREATE, {
      admin: ok((a, _c, w) =>
        w.games.room(a.gameId).state.players.length === 5 &&
          a.players.join() === "p1,p2,p3,p4,p5"
          ? null
          : JSON.stringify(a)
      ),
    }),
  },
  {
    name: "lobby.deleteGame",
    prepare: async (w) => {
      const { gameId } = await w.callers.admin.client.trpc.lobby
        .createDemoGame.mutate({ players: 5, thinkMs: 0, actionTimeoutMs: 50 });
      await waitFor(
        () => w.games.room(gameId).state.phase === "ended",
        "the demo game's end",
        30_000,
      );
      w.scratch.endedGameId = gameId;
    },
    call: (c, w) =>
      c.client.trpc.lobby.deleteGame.mutate({ gameId: w.scratch.endedGameId! }),
    cells: cells(ADMIN_DELETE, {
      admin: ok(async (a, _c, w) =>
        a.deleted === w.scratch.endedGameId &&
          !(await w.games.list()).some((row) => row.gameId === a.deleted)
          ? null
          : `still listed: ${JSON.stringify(a)}`
      ),
    }),
  },
];
