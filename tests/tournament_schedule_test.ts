import assert from "node:assert/strict";
import { type Role, type RoleCounts, ROLES } from "../src/contract/mod.ts";
import { defaultRoles } from "../src/engine/mod.ts";
import {
  buildSchedule,
  type ScheduledGame,
  type ScheduleOptions,
  seatAgents,
} from "../tournament/mod.ts";

const NAMES = ["ada", "bob", "cy", "dee", "eve", "fay", "gus", "hal", "ivy"];

type Side = "werewolves" | "village";
const sideOf = (role: Role): Side =>
  role === "werewolf" ? "werewolves" : "village";

/** The two agents of a game: who holds the werewolves, who the village. */
function lineup(game: ScheduledGame): [string, string] {
  const wolves = new Set(
    game.seats.filter((s) => s.role === "werewolf").map((s) => s.agent),
  );
  const village = new Set(
    game.seats.filter((s) => s.role !== "werewolf").map((s) => s.agent),
  );
  assert.equal(wolves.size, 1, `game ${game.index}: one werewolves' agent`);
  assert.equal(village.size, 1, `game ${game.index}: one village agent`);
  return [[...wolves][0]!, [...village][0]!];
}

/** Per-agent counts over a growing prefix of a schedule. */
class Tally {
  #counts = new Map<string, number>();
  #kinds = new Set<string>();
  constructor(readonly agents: readonly string[]) {}

  add(game: ScheduledGame): void {
    const bump = (kind: string, agent: string) => {
      this.#kinds.add(kind);
      const key = `${kind}|${agent}`;
      this.#counts.set(key, (this.#counts.get(key) ?? 0) + 1);
    };
    const held = new Set<string>();
    for (const { seat, agent, role } of game.seats) {
      bump(`seat ${seat}`, agent);
      bump(`role-seats ${role}`, agent);
      held.add(`role ${role}|${agent}`).add(`side ${sideOf(role)}|${agent}`)
        .add(`games|${agent}`);
    }
    for (const key of held) bump(...(key.split("|") as [string, string]));
  }

  /** The largest difference across agents of each count. */
  spreads(): [string, number][] {
    return [...this.#kinds].map((kind) => {
      const values = this.agents.map((a) =>
        this.#counts.get(`${kind}|${a}`) ?? 0
      );
      return [kind, Math.max(...values) - Math.min(...values)];
    });
  }
}

/**
 * Asserts, after each game `m` with `check(m)`, that the seat, role and side
 * counts differ by at most one across agents, and every count is equal
 * when `wholeRound(m)`.
 */
function assertBalanced(
  options: ScheduleOptions,
  games: readonly ScheduledGame[],
  check: (m: number) => boolean,
  wholeRound: (m: number) => boolean,
): void {
  const tally = new Tally(options.agents);
  games.forEach((game, i) => {
    tally.add(game);
    const m = i + 1;
    if (!check(m)) return;
    const where = `${options.kind} A=${options.agents.length} G=${m}`;
    for (const [kind, spread] of tally.spreads()) {
      if (/^(seat|role|side) /.test(kind)) {
        assert.ok(spread <= 1, `${where}: ${kind} differs by ${spread}`);
      }
      if (wholeRound(m)) {
        assert.equal(spread, 0, `${where}: ${kind} after whole rounds`);
      }
    }
  });
}

const roleCounts = (players: number): RoleCounts => defaultRoles(players);

Deno.test("buildSchedule rotation: seat, role and side counts differ by at most one after every game, and are equal after whole rounds", () => {
  for (let a = 1; a <= 9; a++) {
    for (const players of [5, 6, 8, 12, 18]) {
      for (const selfPlay of a === 1 ? [true] : [false, true]) {
        const options: ScheduleOptions = {
          agents: NAMES.slice(0, a),
          games: 3 * a * a + 5,
          roles: roleCounts(players),
          kind: "rotation",
          seed: 1000 * a + players,
          selfPlay,
        };
        const games = buildSchedule(options);
        assert.equal(games.length, options.games);
        assertBalanced(options, games, () => true, (m) => m % a === 0);
        for (const game of games) {
          const [wolves, village] = lineup(game);
          assert.equal(game.selfPlay, wolves === village);
          if (!selfPlay) assert.equal(game.selfPlay, false);
        }
      }
    }
  }
});

Deno.test("buildSchedule mirror: every odd game swaps the sides of the one before with the same seed and deal; counts differ by at most one after every pair", () => {
  for (let a = 2; a <= 9; a++) {
    for (const players of [5, 8, 9, 15]) {
      const options: ScheduleOptions = {
        agents: NAMES.slice(0, a),
        games: 2 * (a * a + 3),
        roles: roleCounts(players),
        kind: "mirror",
        seed: 77 * a + players,
      };
      const games = buildSchedule(options);
      const perRound = a % 2 === 0 ? a : 2 * a;
      const even = (m: number) => m % 2 === 0;
      assertBalanced(options, games, even, (m) => m % perRound === 0);
      for (let m = 2; m <= games.length; m += 2) {
        const [first, second] = [games[m - 2]!, games[m - 1]!];
        assert.equal(second.mirrorOf, first.index);
        assert.equal(second.seed, first.seed);
        assert.deepEqual(
          second.seats.map((s) => s.role),
          first.seats.map((s) => s.role),
        );
        assert.deepEqual(lineup(second), lineup(first).reverse());
        assert.notEqual(lineup(first)[0], lineup(first)[1]);
      }
    }
  }
});

Deno.test("buildSchedule: a whole cycle meets every ordered pair once (rotation) and every pair twice, once per side (mirror)", () => {
  for (let a = 2; a <= 9; a++) {
    const agents = NAMES.slice(0, a);
    const base = { agents, roles: roleCounts(8), seed: a };
    for (const kind of ["rotation", "mirror"] as const) {
      const games = buildSchedule({ ...base, kind, games: a * (a - 1) });
      const met = new Map<string, number>();
      for (const game of games) {
        const key = lineup(game).join(" vs ");
        met.set(key, (met.get(key) ?? 0) + 1);
      }
      assert.equal(met.size, a * (a - 1), `${kind} A=${a}: every ordered pair`);
      assert.ok(
        [...met.values()].every((n) => n === 1),
        `${kind} A=${a}: once each`,
      );
    }
  }
});

Deno.test("buildSchedule rotation: round k seats agent i as werewolves against agent i+k, cross-play rounds before the self-play round", () => {
  const games = buildSchedule({
    agents: ["x", "y", "z"],
    games: 9,
    roles: roleCounts(5),
    kind: "rotation",
    seed: 5,
    selfPlay: true,
  });
  const order = games.slice(0, 3).map((g) => lineup(g)[0]); // the seeded order
  const at = (i: number) => order[i % 3]!;
  assert.deepEqual(games.map(lineup), [
    [at(0), at(1)],
    [at(1), at(2)],
    [at(2), at(0)], // round 0: k = 1
    [at(0), at(2)],
    [at(1), at(0)],
    [at(2), at(1)], // round 1: k = 2
    [at(0), at(0)],
    [at(1), at(1)],
    [at(2), at(2)], // round 2: k = 0
  ]);
  assert.deepEqual(games.map((g) => g.round), [0, 0, 0, 1, 1, 1, 2, 2, 2]);
  assert.deepEqual(games.map((g) => g.selfPlay), [
    false,
    false,
    false,
    false,
    false,
    false,
    true,
    true,
    true,
  ]);
  for (const round of [0, 1, 2]) {
    const deals = games.filter((g) => g.round === round).map((g) =>
      g.seats.map((s) => s.role).join()
    );
    assert.equal(new Set(deals).size, 1, `round ${round} shares one deal`);
  }
});

Deno.test("buildSchedule is seeded and prefix-stable: the same seed gives the same games, a shorter schedule is a prefix, another seed differs", () => {
  const options: ScheduleOptions = {
    agents: NAMES.slice(0, 4),
    games: 40,
    roles: roleCounts(8),
    kind: "mirror",
    seed: 123,
  };
  const games = buildSchedule(options);
  assert.deepEqual(buildSchedule(options), games);
  assert.deepEqual(
    buildSchedule({ ...options, games: 14 }),
    games.slice(0, 14),
  );
  assert.notDeepEqual(buildSchedule({ ...options, seed: 124 }), games);
  for (const game of games) {
    const counts: RoleCounts = {};
    for (const { role } of game.seats) counts[role] = (counts[role] ?? 0) + 1;
    for (const role of ROLES) {
      assert.equal(counts[role] ?? 0, options.roles[role] ?? 0);
    }
    assert.ok(
      Number.isInteger(game.seed) && game.seed >= 0 && game.seed < 2 ** 32,
    );
    assert.deepEqual(
      seatAgents(game),
      Object.fromEntries(game.seats.map((s) => [`p${s.seat}`, s.agent])),
    );
  }
});

Deno.test("buildSchedule refuses what it cannot schedule with a RangeError saying what is allowed", () => {
  const base: ScheduleOptions = {
    agents: ["x", "y"],
    games: 4,
    roles: roleCounts(6),
    kind: "mirror",
    seed: 1,
  };
  const cases: [Partial<ScheduleOptions>, RegExp][] = [
    [{ games: 3 }, /even number of games/],
    [{ agents: ["x"] }, /at least 2 agents/],
    [{ agents: ["x"], kind: "rotation" }, /selfPlay must be true/],
    [{ agents: ["x", "x"] }, /distinct/],
    [{ roles: { villager: 6 } }, /werewolf/],
    [{ roles: { werewolf: 6 } }, /village side/],
    [{ selfPlay: true }, /selfPlay is for rotation/],
    [{ games: 2.5 }, /whole number/],
  ];
  for (const [change, message] of cases) {
    assert.throws(
      () => buildSchedule({ ...base, ...change }),
      (e: unknown) => e instanceof RangeError && message.test(e.message),
    );
  }
});
