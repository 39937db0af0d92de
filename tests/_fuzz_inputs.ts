/**
 * Inputs for every procedure of the app router: nearly valid ones whose
 * fields the fuzzer then bends, and plain hostile ones.
 * @module
 */
import {
  EDGE_NUMBERS,
  EDGE_STRINGS,
  hostileValue,
  hugeString,
  objectWith,
  PROTO_KEYS,
  type Rng,
} from "./_fuzz_values.ts";

/** Every procedure and its type. */
export const PROCEDURES: readonly (readonly [string, string])[] = [
  ["system.ping", "query"],
  ["system.health", "query"],
  ["system.stats", "query"],
  ["hub.events", "subscription"],
  ["hub.publish", "mutation"],
  ["lobby.createGame", "mutation"],
  ["lobby.listGames", "query"],
  ["lobby.deleteGame", "mutation"],
  ["lobby.join", "mutation"],
  ["game.start", "mutation"],
  ["game.state", "query"],
  ["game.transcript", "query"], // on servers that have it; NOT_FOUND elsewhere
  ["game.events", "subscription"],
  ["game.say", "mutation"],
  ["game.vote", "mutation"],
  ["game.act", "mutation"],
  ["game.bid", "mutation"],
  ["tournament.create", "mutation"],
  ["tournament.get", "query"],
  ["tournament.list", "query"],
  ["tournament.results", "query"],
  ["tournament.startGame", "mutation"],
  ["tournament.finishGame", "mutation"],
  ["tournament.progress", "subscription"],
  ["admin.overview", "query"],
  ["admin.closeClient", "mutation"], // clients that are not connected
  // wrong type for the path, and paths that are not procedures
  ["system.ping", "mutation"],
  ["hub.events", "query"],
  ["game.say", "subscription"],
  ["__proto__", "query"],
  ["constructor", "query"],
  ["hub", "query"],
  ["system.ping.__proto__", "query"],
  ["", "mutation"],
];

const ACTIONS = [
  "wolf_kill",
  "seer_inspect",
  "witch_save",
  "witch_poison",
  "witch_pass",
  "guard_protect",
  "hunter_shoot",
];

function player(rng: Rng): unknown {
  return rng.chance(0.8) ? `p${1 + rng.int(18)}` : rng.pick(EDGE_STRINGS);
}

function maybe(rng: Rng, value: unknown): unknown {
  return rng.chance(0.8) ? value : hostileValue(rng);
}

/** An input close to what `path` accepts, aimed at `gameId`. */
export function inputFor(rng: Rng, path: string, gameId: string): unknown {
  const text = () =>
    rng.pick([
      "I suspect p3.",
      "",
      rng.pick(EDGE_STRINGS),
      hugeString(rng, rng.pick([64, 2001, 4000])),
    ]);
  switch (path) {
    case "hub.events":
      return rng.chance(0.5)
        ? undefined
        : { lastEventId: maybe(rng, rng.pick(["t1-1", "zz-9", "1"])) };
    case "hub.publish":
      return {
        message: objectWith([
          [
            "message_type",
            rng.pick([
              "agent_message",
              "player_action",
              "game_state",
              "phase_update",
              "connection",
              "error",
              "__proto__",
            ]),
          ],
          ["agent_name", maybe(rng, "Fuzz")],
          ["message_text", maybe(rng, text() || "x")],
          ["phase", maybe(rng, "day")],
          [
            "players",
            rng.chance(0.5) ? [] : Array.from(
              { length: rng.pick([1, 65]) },
              () => ({ id: "p1", name: "a", alive: true }),
            ),
          ],
          ["current_turn", maybe(rng, 1)],
          ["alive_count", maybe(rng, 1)],
          ["dead_count", maybe(rng, 0)],
          [
            "data",
            rng.chance(0.5)
              ? objectWith([[rng.pick(PROTO_KEYS), hostileValue(rng)], [
                "x",
                hostileValue(rng),
              ]])
              : hostileValue(rng),
          ],
        ]),
        ...(rng.chance(0.3)
          ? {
            target_type: maybe(
              rng,
              rng.pick(["ui", ["agent", "ui"], [], ["x"]]),
            ),
          }
          : {}),
        ...(rng.chance(0.2)
          ? { to_client: maybe(rng, rng.pick(["fz-x", "server", "a b"])) }
          : {}),
        ...(rng.chance(0.2) ? { exclude_client: maybe(rng, "fz-1") } : {}),
      };
    case "lobby.createGame":
      return {
        players: maybe(rng, rng.pick([5, 8, 18, 4, 19])),
        ...(rng.chance(0.5)
          ? { seed: maybe(rng, rng.pick([0, 2 ** 32 - 1, 2 ** 32, -1, 1.5])) }
          : {}),
        ...(rng.chance(0.5)
          ? { actionTimeoutMs: maybe(rng, rng.pick([20, 50, 19, 600_001])) }
          : {}),
        ...(rng.chance(0.3)
          ? { discussionRounds: maybe(rng, rng.pick([0, 1, 5, 6])) }
          : {}),
        ...(rng.chance(0.3)
          ? {
            turnPolicy: maybe(
              rng,
              rng.pick([
                "round_robin",
                "random_order",
                "bidding",
                "parallel",
                "x",
              ]),
            ),
          }
          : {}),
        ...(rng.chance(0.2)
          ? { votePolicy: maybe(rng, rng.pick(["sequential", "simultaneous"])) }
          : {}),
        ...(rng.chance(0.2)
          ? { maxTurns: maybe(rng, rng.pick([0, 8, 100, 101])) }
          : {}),
        ...(rng.chance(0.2)
          ? { talkCapPerDay: maybe(rng, rng.pick([null, 0, 1, 100, 101])) }
          : {}),
        ...(rng.chance(0.3)
          ? {
            roles: maybe(rng, {
              werewolf: rng.pick([1, 17, 0]),
              seer: rng.pick([1, 2]),
            }),
          }
          : {}),
        ...(rng.chance(0.3) ? { name: maybe(rng, text() || "g") } : {}),
        ...(rng.chance(0.3) ? { autoStart: maybe(rng, rng.chance(0.5)) } : {}),
      };
    case "lobby.listGames":
      return rng.chance(0.5) ? undefined : {
        status: maybe(rng, rng.pick(["waiting", "running", "ended", "x"])),
        ...(rng.chance(0.5)
          ? { offset: maybe(rng, rng.pick([0, 3, -1, 2 ** 31, 1.5])) }
          : {}),
      };
    case "lobby.join":
      return {
        gameId: maybe(rng, gameId),
        name: maybe(
          rng,
          rng.pick(["Fuzzy", " ", "", "x".repeat(41), rng.pick(EDGE_STRINGS)]),
        ),
        ...(rng.chance(0.5)
          ? {
            actionId: maybe(
              rng,
              rng.pick(["short", "j".repeat(16), "x".repeat(65), ""]),
            ),
          }
          : {}),
      };
    case "lobby.deleteGame":
    case "game.start":
    case "game.state":
    case "game.transcript":
      return { gameId: maybe(rng, gameId) };
    case "game.events":
      return {
        gameId: maybe(rng, gameId),
        ...(rng.chance(0.3)
          ? {
            lastEventId: maybe(
              rng,
              rng.pick(["1", "-5", "1e3", "99999999999999999"]),
            ),
          }
          : {}),
      };
    case "game.say":
      return {
        gameId: maybe(rng, gameId),
        text: maybe(rng, text()),
        ...(rng.chance(0.5)
          ? { actionId: maybe(rng, rng.pick(["a", "", "x".repeat(65)])) }
          : {}),
      };
    case "game.vote":
      return {
        gameId: maybe(rng, gameId),
        target: rng.chance(0.2) ? null : player(rng),
        ...(rng.chance(0.5) ? { actionId: maybe(rng, "v1") } : {}),
      };
    case "game.act":
      return {
        gameId: maybe(rng, gameId),
        action: maybe(rng, {
          kind: rng.pick([...ACTIONS, "eat", "__proto__"]),
          ...(rng.chance(0.7) ? { target: player(rng) } : {}),
        }),
        ...(rng.chance(0.5) ? { actionId: maybe(rng, "a1") } : {}),
      };
    case "game.bid":
      return {
        gameId: maybe(rng, gameId),
        ...(rng.chance(0.9)
          ? { amount: maybe(rng, rng.pick([0, 4, 5, -1, 1.5])) }
          : { failed: maybe(rng, "model_error") }),
        ...(rng.chance(0.5) ? { actionId: maybe(rng, "b1") } : {}),
      };
    case "tournament.get":
    case "tournament.results":
    case "tournament.progress":
    case "tournament.startGame":
    case "tournament.finishGame":
      return {
        tournamentId: maybe(rng, rng.pick(["t-000000000000", "t-", "g-x"])),
        ...(rng.chance(0.5)
          ? { index: maybe(rng, rng.pick([0, -1, 1e9])) }
          : {}),
        ...(rng.chance(0.3) ? { gameId: maybe(rng, gameId) } : {}),
        ...(rng.chance(0.3) ? { lastEventId: maybe(rng, "1") } : {}),
      };
    case "admin.closeClient":
      return {
        clientId: maybe(rng, rng.pick(["nobody", "", "x".repeat(200)])),
        reason: maybe(rng, rng.pick(["", "\u0000\n".repeat(600), "bye"])),
      };
    default:
      return rng.chance(0.5) ? undefined : hostileValue(rng);
  }
}

/** An input that has nothing to do with the procedure. */
export function hostileInput(rng: Rng, targets: { botGame: string }): unknown {
  return rng.pick<() => unknown>([
    () => hostileValue(rng),
    () => rng.pick(EDGE_NUMBERS),
    () =>
      objectWith([["gameId", rng.pick([targets.botGame, ...EDGE_STRINGS])], [
        rng.pick(PROTO_KEYS),
        { gameId: "g-0000" },
      ]]),
    () =>
      objectWith([["__proto__", { gameId: targets.botGame, isAdmin: true }]]),
    () => ({
      gameId: targets.botGame,
      constructor: { prototype: { isAdmin: true } },
    }),
    () => [{ gameId: targets.botGame }],
  ])();
}
