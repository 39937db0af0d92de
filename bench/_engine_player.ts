/**
 * Plays Loup-Garou with the pure engine alone (no sockets, no timers): a
 * seeded RNG for drivers, a legal answer to any awaited action, and a whole
 * game of scripted players. The engine property test and the engine-only
 * benchmark (`bench/games.ts --engine-only`) share it.
 * @module
 */
import { BID_MAX, type PlayerId } from "../src/contract/mod.ts";
import {
  type Command,
  decide,
  type GameState,
  initialState,
  type PendingAction,
  seededRandom,
  type Winner,
} from "../src/engine/mod.ts";

/**
 * A driver's own seeded RNG (mulberry32), independent of the engine's:
 * `rand(n)` is a whole number in `[0, n)`.
 */
export function driverRng(seed: number): (n: number) => number {
  const next = seededRandom(seed);
  return (n) => Math.floor(next() * n);
}

/**
 * A random answer to the awaited action `p`, at time `at`: a speech (a third
 * of them pass), a vote (a fifth abstain), a bid (any amount), a power on one of the options
 * (a werewolf sometimes talks on its channel instead). Always well-formed;
 * only the witch's may be refused (a potion already used, no victim to save).
 */
export function answerAwaited(
  rand: (n: number) => number,
  p: PendingAction,
  at: number,
): Command {
  const pick = () => p.options[rand(p.options.length)]!;
  const player_id = p.player_id;
  switch (p.request) {
    case "speak":
      return {
        type: "say",
        at,
        player_id,
        text: rand(3) === 0 ? "" : `I suspect ${pick() ?? "nobody"}`,
      };
    case "vote":
      return {
        type: "vote",
        at,
        player_id,
        target: rand(5) === 0 ? null : pick(),
      };
    case "bid":
      return { type: "bid", at, player_id, amount: rand(BID_MAX + 1) };
    case "witch": {
      const kinds = ["witch_pass", "witch_poison", "witch_save"] as const;
      const kind = kinds[rand(3)]!;
      return kind === "witch_pass"
        ? { type: "act", at, player_id, action: { kind } }
        : kind === "witch_save"
        ? { type: "act", at, player_id, action: { kind } }
        : { type: "act", at, player_id, action: { kind, target: pick() } };
    }
    default:
      if (p.request === "wolf_kill" && rand(4) === 0) {
        return { type: "say", at, player_id, text: "let us eat " + pick() };
      }
      return {
        type: "act",
        at,
        player_id,
        action: { kind: p.request, target: pick() },
      };
  }
}

/** How one {@linkcode playBotGame} went. */
export interface BotGameResult {
  /** Who won. */
  winner: Winner;
  /** Commands given to `decide`, refused ones included. */
  commands: number;
  /** Commands refused (a witch's spent potion; she then passes). */
  refused: number;
  /** Events folded. */
  events: number;
}

/**
 * Plays one seeded game to its end with the server's defaults (8 seats, the
 * default roles, 2 discussion rounds): every seat joins, then each step
 * answers one awaited action (picked at random among those awaited) with
 * {@linkcode answerAwaited}, a millisecond after the last, so no deadline
 * ever passes. Throws if the game is stuck or exceeds `maxCommands`.
 */
export function playBotGame(seed: number, maxCommands = 4000): BotGameResult {
  const rand = driverRng(seed);
  let state: GameState = initialState();
  let at = 1_700_000_000_000;
  let commands = 0;
  let refused = 0;
  let events = 0;
  const apply = (command: Command): boolean => {
    commands++;
    const decision = decide(state, command);
    if (!decision.ok) return false;
    state = decision.states.at(-1) ?? state;
    events += decision.events.length;
    return true;
  };
  const players = 8;
  apply({
    type: "create",
    at,
    gameId: `g-bench${seed}`,
    name: `Bench ${seed}`,
    seed: seed * 7919,
    players,
    actionTimeoutMs: 2000,
    discussionRounds: 2,
    autoStart: true,
  });
  for (let i = 0; i < players; i++) {
    apply({ type: "join", at, name: `Bot ${i}` });
  }
  while (state.phase !== "ended") {
    const p = state.pending[rand(state.pending.length)];
    if (!p) throw new Error(`game ${seed} is stuck in ${state.phase}`);
    if (commands >= maxCommands) {
      throw new Error(`game ${seed} did not end in ${maxCommands} commands`);
    }
    if (apply(answerAwaited(rand, p, ++at))) continue;
    refused++;
    const player_id: PlayerId = p.player_id;
    if (
      p.request !== "witch" ||
      !apply({ type: "act", at, player_id, action: { kind: "witch_pass" } })
    ) throw new Error(`game ${seed}: ${p.request} refused`);
  }
  return { winner: state.winner!, commands, refused, events };
}

/** What {@linkcode runEngineGames} measured. */
export interface EngineResult {
  scenario: "engine";
  games: number;
  seconds: number;
  games_per_s: number;
  /** Commands given to `decide` (create, joins, answers, refusals). */
  commands: number;
  commands_per_s: number;
  events_per_s: number;
  village_wins: number;
}

/**
 * Plays `games` games of {@linkcode playBotGame} in this process, the upper
 * limit of `runGames` in `bench/games.ts`: 8 seats, the default roles, 2
 * discussion rounds, every player speaking, voting and acting. What differs
 * from the bots of `examples/bot_agent.ts`: the players choose at random among the options instead of remembering accusations and
 * the seer's findings, the witch picks save/poison/pass at random (a refused
 * potion makes her pass), a werewolf sometimes talks on its channel before
 * choosing, and there is no clock, no socket, no serialization, no
 * redaction per viewer and no fan-out of events.
 */
export function runEngineGames(
  options: { games: number; seed?: number },
): EngineResult {
  const seed = options.seed ?? 1;
  let commands = 0;
  let events = 0;
  let villageWins = 0;
  const started = performance.now();
  for (let i = 0; i < options.games; i++) {
    const result = playBotGame(seed * 100_000 + i);
    commands += result.commands;
    events += result.events;
    if (result.winner === "village") villageWins++;
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    scenario: "engine",
    games: options.games,
    seconds: Math.round(seconds * 1000) / 1000,
    games_per_s: Math.round(100 * options.games / seconds) / 100,
    commands,
    commands_per_s: Math.round(commands / seconds),
    events_per_s: Math.round(events / seconds),
    village_wins: villageWins,
  };
}
