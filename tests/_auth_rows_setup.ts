/**
 * The authorization matrix's first rows, in the order they run: system.*,
 * hub.events, system.whoami, lobby.createGame, lobby.listGames, lobby.join and
 * game.start.
 * @module
 */
import type { HubMessage } from "../src/mod.ts";
import { cells, collect, ok, type Row } from "./_auth_matrix.ts";
import {
  ADMIN_CREATE,
  ADMIN_ROUTE,
  ADMIN_START,
  ADMIN_TYPE,
  adminOnly,
  AGENTS_ONLY,
  NOT_YOU,
  OBSERVER_RO,
  publishRow,
  SPECTATOR_RO,
  talk,
} from "./_auth_cells.ts";
import { CALLERS } from "./_auth_world.ts";

/** The rows up to game A's start, in order. */
export const SETUP_ROWS: Row[] = [
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
];
