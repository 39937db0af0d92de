/**
 * Helpers for the engine tests, with no test of its own (the test files that
 * import it would run it again): a run = a game's state, its log and a
 * clock, driven by commands.
 * @module
 */
import { driverRng } from "../bench/_engine_player.ts";
import assert from "node:assert/strict";
import type {
  GameAction,
  GameEvent,
  GameEventOf,
  GameEventType,
  Locale,
  PlayerId,
  Role,
  RoleCounts,
  TurnPolicy,
  VotePolicy,
} from "../src/contract/mod.ts";
import {
  type Command,
  decide,
  evolve,
  type GameState,
  initialState,
  nextDeadline,
  replay,
  type Violation,
} from "../src/engine/mod.ts";

/** The clock's start. */
export const T0 = 1_700_000_000_000;
/** The default action timeout of the test games. */
export const TIMEOUT = 1000;

/** A game being played: its state, its log and its clock. */
export interface Run {
  state: GameState;
  log: GameEvent[];
  at: number;
}

type Body<C> = C extends unknown ? Omit<C, "at"> & { at?: number } : never;
/** A command whose `at` defaults to the run's clock plus one. */
export type CommandBody = Body<Command>;

/** Options of {@linkcode newGame}. */
export interface GameOptions {
  players?: number;
  seed?: number;
  roles?: RoleCounts;
  /** The role of each seat, seat 1 first (`create`'s `deal`). */
  deal?: Role[];
  rounds?: number;
  join?: number;
  autoStart?: boolean;
  maxSayChars?: number;
  turnPolicy?: TurnPolicy;
  votePolicy?: VotePolicy;
  /** Bidding only: speaking turns per day (default: the players). */
  maxTurns?: number;
  talkCapPerDay?: number | null;
  locale?: Locale;
}

/** Decides a command; returns the decision and, if accepted, folds it. */
export function attempt(run: Run, body: CommandBody) {
  const at = body.at ?? run.at + 1;
  const decision = decide(run.state, { ...body, at } as Command);
  if (decision.ok) {
    run.at = Math.max(run.at, at);
    run.log.push(...decision.events);
    run.state = decision.events.reduce(evolve, run.state);
  }
  return decision;
}

/** Sends a command that must be accepted; returns its events. */
export function send(run: Run, body: CommandBody): GameEvent[] {
  const decision = attempt(run, body);
  if (!decision.ok) {
    assert.fail(
      `${JSON.stringify(body)} refused: ${decision.violation.message}`,
    );
  }
  return decision.events;
}

/** Sends a command that must be refused (the state unchanged). */
export function refused(run: Run, body: CommandBody): Violation {
  const before = run.state;
  const decision = attempt(run, body);
  assert.equal(decision.ok, false, `${JSON.stringify(body)} was accepted`);
  assert.equal(run.state, before);
  return (decision as { violation: Violation }).violation;
}

/**
 * A created game, `join` players seated (all by default, autoStart on);
 * `rounds` (default 0) is not sent under bidding, which counts turns.
 */
export function newGame(options: GameOptions = {}): Run {
  const players = options.players ?? 8;
  const run: Run = { state: initialState(), log: [], at: T0 };
  send(run, {
    type: "create",
    gameId: "g-test",
    name: "Test",
    seed: options.seed ?? 1,
    players,
    ...(options.roles ? { roles: options.roles } : {}),
    ...(options.deal ? { deal: options.deal } : {}),
    actionTimeoutMs: TIMEOUT,
    ...(options.turnPolicy === "bidding"
      ? {}
      : { discussionRounds: options.rounds ?? 0 }),
    autoStart: options.autoStart ?? true,
    ...(options.maxSayChars ? { maxSayChars: options.maxSayChars } : {}),
    ...(options.turnPolicy ? { turnPolicy: options.turnPolicy } : {}),
    ...(options.votePolicy ? { votePolicy: options.votePolicy } : {}),
    ...(options.maxTurns !== undefined ? { maxTurns: options.maxTurns } : {}),
    ...(options.talkCapPerDay !== undefined
      ? { talkCapPerDay: options.talkCapPerDay }
      : {}),
    ...(options.locale ? { locale: options.locale } : {}),
  });
  for (let i = 1; i <= (options.join ?? players); i++) {
    send(run, { type: "join", name: `Player ${i}` });
  }
  return run;
}

/** The living (or all) players holding `role`, in seat order. */
export function byRole(run: Run, role: Role, all = false): PlayerId[] {
  return run.state.players
    .filter((s) => s.role === role && (all || s.alive))
    .map((s) => s.id);
}

/** The first living player holding `role`. */
export function one(run: Run, role: Role): PlayerId {
  const [id] = byRole(run, role);
  assert.ok(id, `no living ${role}`);
  return id;
}

/** The living players that are not werewolves. */
export function villagers(run: Run): PlayerId[] {
  return run.state.players.filter((s) => s.alive && s.role !== "werewolf")
    .map((s) => s.id);
}

/** `act` for a player. */
export function act(run: Run, player_id: PlayerId, action: GameAction) {
  return send(run, { type: "act", player_id, action });
}

/** Runs the timeout at the earliest deadline. */
export function expire(run: Run): GameEvent[] {
  const at = nextDeadline(run.state);
  assert.ok(at !== null, "nothing is awaited");
  return send(run, { type: "timeout", at });
}

/**
 * Plays the night: every werewolf devours `kill`; the guard protects
 * `protect` (default: none, by timeout only if nothing else is left); the
 * seer inspects `inspect` (default: its first option).
 */
export function night(
  run: Run,
  plan: { kill: PlayerId; protect?: PlayerId; inspect?: PlayerId },
): void {
  assert.equal(run.state.phase, "night");
  for (const p of [...run.state.pending]) {
    if (p.request === "wolf_kill") {
      act(run, p.player_id, { kind: "wolf_kill", target: plan.kill });
    } else if (p.request === "seer_inspect") {
      const target = plan.inspect ?? p.options[0];
      act(run, p.player_id, {
        kind: "seer_inspect",
        ...(target ? { target } : {}),
      });
    } else if (p.request === "guard_protect") {
      const target = plan.protect ?? p.options.find((id) => id !== plan.kill);
      act(run, p.player_id, {
        kind: "guard_protect",
        ...(target ? { target } : {}),
      });
    }
  }
}

/** The witch passes if it is her turn. */
export function witchPasses(run: Run): void {
  if (run.state.phase !== "witch") return;
  act(run, one(run, "witch"), { kind: "witch_pass" });
}

/** Every living player votes: `choice(voter)` (null abstains). */
export function voteAll(
  run: Run,
  choice: (voter: PlayerId) => PlayerId | null,
): void {
  assert.equal(run.state.phase, "vote");
  for (const p of [...run.state.pending]) {
    send(run, {
      type: "vote",
      player_id: p.player_id,
      target: choice(p.player_id),
    });
  }
}

/** The events of one type. */
export function ofType<T extends GameEventType>(
  events: readonly GameEvent[],
  type: T,
): GameEventOf<T>[] {
  return events.filter((e): e is GameEventOf<T> => e.type === type);
}

/** Asserts that replaying the run's log rebuilds its state. */
export function assertReplays(run: Run): void {
  assert.deepEqual(replay(run.log), run.state);
}

/** A seeded stream of indices in `[0, n)` for drivers (mulberry32). */
export const seeded: (seed: number) => (n: number) => number = driverRng;

/**
 * Plays the game to its end with legal moves chosen by a seeded driver:
 * werewolves chat at night, every power is used, some turns time out.
 */
export function autoplay(run: Run, seed: number): void {
  const rand = seeded(seed);
  for (let guard = 0; run.state.phase !== "ended"; guard++) {
    assert.ok(guard < 5000, "the game does not end");
    const p = run.state.pending[rand(run.state.pending.length)]!;
    const pick = () => p.options[rand(p.options.length)]!;
    const id = p.player_id;
    if (rand(12) === 0) {
      expire(run);
    } else if (p.request === "speak") {
      send(run, {
        type: "say",
        player_id: id,
        text: rand(3) ? `${id} speaks` : "",
      });
    } else if (p.request === "vote") {
      send(run, {
        type: "vote",
        player_id: id,
        target: rand(6) ? pick() : null,
      });
    } else if (p.request === "witch") {
      const { heal, poison } = run.state.potions;
      const roll = rand(3);
      if (roll === 0 && heal && !run.state.night.saved) {
        act(run, id, { kind: "witch_save" });
      } else if (roll === 1 && poison) {
        act(run, id, {
          kind: "witch_poison",
          target: p.options.find((o) => o !== id)!,
        });
      } else act(run, id, { kind: "witch_pass" });
    } else if (p.request === "bid") {
      send(run, { type: "bid", player_id: id, amount: rand(5) });
    } else {
      if (p.request === "wolf_kill") {
        send(run, { type: "say", player_id: id, text: `let us eat ${pick()}` });
      }
      act(run, id, { kind: p.request, target: pick() });
    }
  }
}
