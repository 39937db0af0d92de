import assert from "node:assert/strict";
import { redact } from "../src/engine/mod.ts";
import type { GameEvent, HubMessage } from "../src/mod.ts";
import { cells, collect, ok, type Row, runMatrix } from "./_auth_matrix.ts";
import { waitFor } from "./_helpers.ts";
import {
  ADMIN_CREATE,
  ADMIN_DELETE,
  ADMIN_ROUTE,
  ADMIN_START,
  ADMIN_TYPE,
  adminOnly,
  AGENTS_ONLY,
  gameA,
  logged,
  NO_BIDDING,
  NOT_TURN,
  NOT_WOLF,
  NOT_YOU,
  OBSERVER_RO,
  playing,
  problems,
  publishRow,
  SPECTATOR_RO,
  talk,
} from "./_auth_cells.ts";
import { eventProblems, stateProblems } from "./_auth_views.ts";
import { CALLERS, drive, setupWorld } from "./_auth_world.ts";

/**
 * The matrix: one row per procedure (and per hub routing option), one cell
 * per caller: `ok(check)` or the refusal expected. Rows run in order and
 * their `prepare` moves game A on (the say row waits for the werewolf's
 * speaking turn, the vote row for the vote, the act row for the next night).
 */
const ROWS: Row[] = [
  {
    name: "system.ping",
    call: (c) => c.client.trpc.system.ping.query(),
    cells: cells(ok((a) => a.serverTime instanceof Date ? null : "no Date")),
  },
  {
    name: "system.health",
    call: (c) => c.client.trpc.system.health.query(),
    cells: cells(
      ok((a) =>
        a.status === "ok" && a.total_clients > CALLERS.length
          ? null
          : JSON.stringify(a)
      ),
    ),
  },
  {
    name: "system.stats",
    call: (c) => c.client.trpc.system.stats.query(),
    cells: cells(
      ok((a, c) =>
        a.clients.some((x: { client_id: string }) => x.client_id === c.clientId)
          ? null
          : "the caller is not listed"
      ),
    ),
  },
  {
    name: "hub.events",
    call: (c) =>
      collect<{ data: HubMessage }>(
        (h) => c.client.trpc.hub.events.subscribe(undefined, h),
        (items) => items.length >= 1,
      ),
    cells: cells(ok(([first], c) =>
      first.data.message_type === "connection" &&
        first.data.client_id === c.clientId
        ? null
        : `the first message is ${JSON.stringify(first.data)}`
    )),
  },
  publishRow(
    "hub.publish agent_message",
    (m) => ({ message: talk(m) }),
    (arrives) =>
      cells(arrives, { observer: OBSERVER_RO, spectator: SPECTATOR_RO }),
  ),
  publishRow(
    "hub.publish target_type",
    (m) => ({ message: talk(m), target_type: "observer" }),
    adminOnly(ADMIN_ROUTE),
  ),
  publishRow(
    "hub.publish exclude_client",
    (m) => ({ message: talk(m), exclude_client: "ui-1" }),
    adminOnly(ADMIN_ROUTE),
  ),
  publishRow(
    "hub.publish to_client",
    (m) => ({ message: talk(m), to_client: "listener" }),
    adminOnly(ADMIN_ROUTE),
  ),
  publishRow("hub.publish phase_update", (m) => ({
    message: {
      message_type: "phase_update",
      old_phase: null,
      new_phase: "day",
      description: m,
    },
  }), adminOnly(ADMIN_TYPE)),
  publishRow(
    "hub.publish forged client_id",
    (m) => ({ message: { ...talk(m), client_id: "forged-id" } }),
    adminOnly(NOT_YOU),
    () => "forged-id",
  ),
  {
    name: "system.whoami",
    call: (c) => c.client.trpc.system.whoami.query(),
    cells: cells(ok((a, c) => {
      const god = c.name === "admin" || c.name === "spectator";
      const expected = {
        clientId: c.clientId,
        devMode: false,
        admin: c.name === "admin",
        godView: god,
      };
      const { clientType: _type, ...got } = a;
      return JSON.stringify(got) === JSON.stringify(expected)
        ? null
        : JSON.stringify(a);
    })),
  },
  {
    name: "lobby.createGame",
    call: (c) =>
      c.client.trpc.lobby.createGame.mutate({
        players: 5,
        actionTimeoutMs: 600_000,
      }),
    cells: cells(ADMIN_CREATE, {
      admin: ok((a) => /^g-[a-z0-9]+$/.test(a.gameId) ? null : a.gameId),
    }),
  },
  {
    name: "lobby.listGames",
    call: (c) => c.client.trpc.lobby.listGames.query(),
    cells: cells(
      ok((rows, _c, w) =>
        rows.some((r: { gameId: string; status: string }) =>
            r.gameId === w.gameA && r.status === "running"
          )
          ? null
          : "game A is not listed as running"
      ),
    ),
  },
  {
    name: "lobby.join",
    call: (c, w) =>
      c.client.trpc.lobby.join.mutate({ gameId: w.gameW, name: c.name }),
    cells: (() => {
      const seated = ok((a, c, w) =>
        typeof a.seatToken === "string" && a.seatToken.length >= 16 &&
          w.games.room(w.gameW).state.players.some((p) =>
            p.id === a.playerId && p.name === c.name
          )
          ? null
          : `no seat ${JSON.stringify(a)}`
      );
      return cells(AGENTS_ONLY, {
        spectator: SPECTATOR_RO,
        otherSeat: seated,
        deadAgent: seated,
        liveAgent: seated,
        peer: seated,
        noSeat: seated,
      });
    })(),
  },
  {
    name: "game.start",
    prepare: async (w) => {
      const { gameId } = await w.callers.admin.client.trpc.lobby.createGame
        .mutate({
          players: 6,
          actionTimeoutMs: 600_000,
        });
      for (const name of ["S1", "S2", "S3", "S4", "S5"]) {
        await w.games.join(gameId, name);
      }
      w.scratch.startGameId = gameId;
    },
    call: (c, w) =>
      c.client.trpc.game.start.mutate({ gameId: w.scratch.startGameId! }),
    cells: cells(ADMIN_START, {
      admin: ok((_a, _c, w) =>
        w.games.room(w.scratch.startGameId!).state.phase === "night"
          ? null
          : "not started"
      ),
    }),
  },
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

Deno.test("every procedure × every caller: allowed calls answer right, refused ones carry the documented code and say what is allowed", async () => {
  await using world = await setupWorld();
  const wrong = await runMatrix(world, ROWS);
  assert.deepEqual(wrong, []);
});
