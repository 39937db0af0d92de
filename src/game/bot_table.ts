/**
 * A table of bots played with the pure engine alone (no room, no clock, no
 * socket): each seat's mind reads exactly the events its seat may see
 * (`redact`) and answers its turns, in a seeded order. The measure of the
 * house bots' play against a random bot (`bench/bot_votes.ts`, and
 * `tests/bot_table_test.ts`).
 * @module
 */
import {
  type GameEvent,
  type GameEventOf,
  PLAYER_NAMES,
  type PlayerId,
  type Role,
  type TurnPolicy,
  type VotePolicy,
} from "../contract/mod.ts";
import {
  type Command,
  decide,
  evolve,
  type GameState,
  initialState,
  nextDeadline,
  redact,
  seededRandom,
  type Winner,
} from "../engine/mod.ts";
import { BotMind, type BotMove } from "./_bot_mind.ts";
import { RandomMind } from "./_random_mind.ts";

/** How a seat plays: the house bots' mind, or uniformly random legal moves. */
export type MindKind = "house" | "random";

/** The minds `playBotTable` knows. */
export const MIND_KINDS: readonly MindKind[] = ["house", "random"];

/** What a seat's mind does: learns from its events, answers its turns. */
interface Mind {
  learn(event: GameEvent): void;
  movesFor(turn: GameEventOf<"your_turn">): BotMove[];
}

/** Options of {@linkcode playBotTable}. */
export interface BotTableOptions {
  /** Seats (5 to 18). Default 8, the default roles. */
  players?: number;
  /** The village side's minds (the seats not dealt a werewolf). Default house. */
  village?: MindKind;
  /** The werewolves' minds. Default house. */
  werewolves?: MindKind;
  /** Speaking rounds a day (not under bidding). Default 1. */
  discussionRounds?: number;
  turnPolicy?: TurnPolicy;
  votePolicy?: VotePolicy;
}

/** One day vote, as the god view saw it. */
export interface CastVote {
  day: number;
  voter: PlayerId;
  voterRole: Role;
  /** Null: an abstention. */
  target: PlayerId | null;
  targetRole: Role | null;
}

/** How one table's game went. */
export interface BotTableResult {
  winner: Winner;
  /** Every day vote, in order. */
  votes: CastVote[];
  /** The whole log (the god view's events). */
  events: GameEvent[];
}

const T0 = 1_700_000_000_000;

/** The command a mind's move makes for `player_id` at `at`. */
function commandOf(move: BotMove, player_id: PlayerId, at: number): Command {
  switch (move.type) {
    case "say":
      return { type: "say", at, player_id, text: move.text };
    case "vote":
      return { type: "vote", at, player_id, target: move.target };
    case "act":
      return { type: "act", at, player_id, action: move.action };
    case "bid":
      return { type: "bid", at, player_id, amount: move.amount };
  }
}

/** Whether `turn` is still awaited (not answered, not passed). */
function awaited(state: GameState, turn: GameEventOf<"your_turn">): boolean {
  return state.pending.some((p) =>
    p.player_id === turn.player_id && p.request === turn.request &&
    p.deadline === turn.deadline
  );
}

/** A seat's mind, seeded from the game's seed and its seat. */
function mindOf(kind: MindKind, me: PlayerId, seed: number): Mind {
  const rand = seededRandom((seed * 31 + Number(me.slice(1))) >>> 0);
  return kind === "house" ? new BotMind(me, rand) : new RandomMind(me, rand);
}

/**
 * Plays one seeded game to its end: the deal is the engine's (seeded by
 * `seed`), each seat's mind is seeded from `seed` and its seat, and the
 * turns awaited at once are answered in an order drawn from `seed`. The
 * same seed and options give the same game. Throws if the game does not
 * end within 20,000 steps.
 */
export function playBotTable(
  seed: number,
  options: BotTableOptions = {},
): BotTableResult {
  const players = options.players ?? 8;
  const order = seededRandom((seed ^ 0x5f3759df) >>> 0);
  let state: GameState = initialState();
  let at = T0;
  const log: GameEvent[] = [];
  const minds = new Map<PlayerId, Mind>();
  const turns: GameEventOf<"your_turn">[] = [];
  const votes: CastVote[] = [];
  const tell = (event: GameEvent) => {
    for (const [id, mind] of minds) {
      const seen = redact(state, event, { kind: "player", player_id: id });
      if (seen === null) continue;
      mind.learn(seen);
      if (seen.type === "your_turn" && seen.player_id === id) turns.push(seen);
    }
  };
  const apply = (command: Command): boolean => {
    const decision = decide(state, command);
    if (!decision.ok) return false;
    for (const event of decision.events) {
      state = evolve(state, event);
      log.push(event);
      if (event.type === "player_action" && event.action === "vote") {
        votes.push(castVote(state, event));
      }
      tell(event);
    }
    return true;
  };
  const created = apply({
    type: "create",
    at,
    gameId: `g-table${seed}`,
    name: `Table ${seed}`,
    seed,
    players,
    actionTimeoutMs: 30_000,
    ...(options.turnPolicy === "bidding"
      ? {}
      : { discussionRounds: options.discussionRounds ?? 1 }),
    autoStart: false,
    ...(options.turnPolicy === undefined
      ? {}
      : { turnPolicy: options.turnPolicy }),
    ...(options.votePolicy === undefined
      ? {}
      : { votePolicy: options.votePolicy }),
  });
  if (!created) throw new Error(`table ${seed}: the settings were refused`);
  for (let i = 0; i < players; i++) {
    apply({ type: "join", at, name: PLAYER_NAMES[i] ?? `Seat ${i + 1}` });
  }
  apply({ type: "start", at });
  // the deal is known: each side gets its minds, which read the log so far
  for (const seat of state.players) {
    const kind = seat.role === "werewolf"
      ? options.werewolves ?? "house"
      : options.village ?? "house";
    minds.set(seat.id, mindOf(kind, seat.id, seed));
  }
  for (const event of log) tell(event);
  for (let step = 0; state.phase !== "ended"; step++) {
    if (step > 20_000) throw new Error(`table ${seed} did not end`);
    const live = turns.filter((turn) => awaited(state, turn));
    turns.splice(0, turns.length, ...live);
    if (turns.length === 0) {
      apply({ type: "timeout", at: at = nextDeadline(state) ?? at });
      continue;
    }
    const [turn] = turns.splice(Math.floor(order() * turns.length), 1);
    const me = turn!.player_id as PlayerId;
    for (const move of minds.get(me)!.movesFor(turn!)) {
      apply(commandOf(move, me, ++at));
    }
  }
  return { winner: state.winner!, votes, events: log };
}

/** A day vote as the god view sees it (`state`: after the vote). */
function castVote(
  state: GameState,
  event: GameEventOf<"player_action">,
): CastVote {
  const role = (id: string | null) =>
    state.players.find((seat) => seat.id === id)?.role ?? null;
  return {
    day: state.day,
    voter: event.player_id as PlayerId,
    voterRole: role(event.player_id) ?? "villager",
    target: event.target as PlayerId | null,
    targetRole: role(event.target),
  };
}

/** The village side's day votes of some games, and how many hit a werewolf. */
export interface VoteAccuracy {
  games: number;
  /** Games the village won. */
  villageWins: number;
  /** The village side's day votes with a target. */
  votes: number;
  /** Of those, the votes on a werewolf. */
  onWerewolves: number;
  /** The village side's abstentions (not in `votes`). */
  abstentions: number;
  /** `onWerewolves / votes` (0 when no vote). */
  share: number;
}

/**
 * Plays `games` tables with seeds `seed`, `seed + 1`… and measures the
 * village side's vote accuracy: the share of its day votes (abstentions
 * aside) cast on werewolves.
 */
export function voteAccuracy(
  games: number,
  options: BotTableOptions & { seed?: number } = {},
): VoteAccuracy {
  const first = options.seed ?? 1;
  const tally = { votes: 0, onWerewolves: 0, abstentions: 0, villageWins: 0 };
  for (let i = 0; i < games; i++) {
    const result = playBotTable(first + i, options);
    if (result.winner === "village") tally.villageWins++;
    for (const vote of result.votes) {
      if (vote.voterRole === "werewolf") continue;
      if (vote.target === null) tally.abstentions++;
      else {
        tally.votes++;
        if (vote.targetRole === "werewolf") tally.onWerewolves++;
      }
    }
  }
  return {
    games,
    ...tally,
    share: tally.votes === 0 ? 0 : tally.onWerewolves / tally.votes,
  };
}
