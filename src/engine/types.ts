import type {
  Failure,
  GameAction,
  GameEvent,
  GameEventOf,
  GamePhase,
  Locale,
  PlayerId,
  Request as GameRequest,
  Role,
  RoleCounts,
  TurnPolicy,
  Usage,
  VotePolicy,
} from "../contract/mod.ts";

/** Who won a game. */
export type Winner = GameEventOf<"game_over">["winner"];

/**
 * What an agent may attach to a move: its private reasoning (checked and
 * cleaned like speech, at most `REASONING_MAX_CHARS`) and what the move
 * cost. Stored on the move's event; `evolve` ignores them.
 */
export interface Records {
  reasoning?: string;
  usage?: Usage;
}

/** What a caller asks of the engine; `at` is the caller's clock (epoch ms). */
export type Command =
  | {
    type: "create";
    at: number;
    gameId: string;
    name: string;
    seed: number;
    players: number;
    roles?: RoleCounts;
    /**
     * The role of each seat, seat 1 first: `players` long, with the counts
     * of `roles` (or of the default table). Absent: the seeded RNG deals.
     */
    deal?: Role[];
    actionTimeoutMs: number;
    /**
     * Speaking rounds per day, `DISCUSSION_ROUNDS` (default 2); refused
     * under bidding, which counts turns (`maxTurns`).
     */
    discussionRounds?: number;
    autoStart: boolean;
    /** The longest `say`, 1 to 20,000 characters (default 2,000). */
    maxSayChars?: number;
    /** Who speaks when (default `round_robin`). */
    turnPolicy?: TurnPolicy;
    /** How votes are seen (default `sequential`). */
    votePolicy?: VotePolicy;
    /** Bidding only: speaking turns per day, `MAX_TURNS` (default: `players`). */
    maxTurns?: number;
    /** Speeches per player per day, `TALK_CAP`; null or absent: no cap. */
    talkCapPerDay?: number | null;
    /** The game's language, one of `LOCALES` (default `DEFAULT_LOCALE`, en). */
    locale?: Locale;
  }
  /**
   * Takes a seat: `seat` (1 to the game's players) or the lowest free one;
   * `agent` labels what plays it (see the contract's `AGENT_LABEL`).
   */
  | { type: "join"; at: number; name: string; seat?: number; agent?: string }
  | { type: "start"; at: number }
  /** Speech; `""` (or only blanks) passes the speaking turn. */
  | ({ type: "say"; at: number; player_id: PlayerId; text: string } & Records)
  /** A day vote; `null` abstains. */
  | (
    & { type: "vote"; at: number; player_id: PlayerId; target: PlayerId | null }
    & Records
  )
  | (
    & { type: "act"; at: number; player_id: PlayerId; action: GameAction }
    & Records
  )
  /** A bid for the next speaking turn (bidding): one of the request's amounts. */
  | (
    & { type: "bid"; at: number; player_id: PlayerId; amount: number }
    & Records
  )
  /**
   * The agent gives up on its awaited action (`failed` says why) through
   * `via`, the procedure it would have answered with (`say` for a speaking
   * turn, `vote` for the vote, `act` for a power, `bid` for a bid): the
   * default for that request applies at once, recorded with the cause.
   */
  | (
    & {
      type: "forfeit";
      at: number;
      player_id: PlayerId;
      via: Via;
      failed: Failure;
    }
    & Records
  )
  /** Applies the default to every awaited action whose deadline is <= `at`. */
  | { type: "timeout"; at: number };

/** The procedures that answer a request (`forfeit`'s `via`). */
export type Via = "say" | "vote" | "act" | "bid";

/** Why a command was refused: the code and a sentence saying what is allowed. */
export interface Violation {
  /** The tRPC-style error code. */
  code:
    | "PRECONDITION_FAILED"
    | "FORBIDDEN"
    | "BAD_REQUEST"
    | "NOT_FOUND"
    | "CONFLICT";
  /** What was wrong and what is allowed. */
  message: string;
}

/**
 * The answer of `decide`: the new events, or why the command was refused.
 * An accepted decision also carries the state after each event
 * (`states[i]` is the state once `events[i]` is folded; the last is the
 * new state), so a caller never folds the events a second time.
 */
export type Decision =
  | { ok: true; events: GameEvent[]; states: GameState[] }
  | { ok: false; violation: Violation };

/** Who looks at a game: anyone, the game master, or one seat. */
export type Viewer =
  | { kind: "public" }
  | { kind: "god" }
  | { kind: "player"; player_id: PlayerId };

/** Something the game waits for from one player. */
export interface AwaitedAction {
  /** What is asked. */
  request: GameRequest;
  /** The allowed targets (empty for `speak` and `bid`). */
  options: PlayerId[];
  /** The allowed amounts of a `bid`, lowest first (absent otherwise). */
  amounts?: number[];
  /** When the default applies (epoch ms). */
  deadline: number;
}

/** An awaited action and whom it is awaited from. */
export interface PendingAction extends AwaitedAction {
  /** The awaited player. */
  player_id: PlayerId;
}

/** A seat at the table. */
export interface Seat {
  /** `p1`, `p2`, … by seat. */
  id: PlayerId;
  /** The name given on joining. */
  name: string;
  /** The role, from the start of the game. */
  role: Role | null;
  /** Whether the player lives. */
  alive: boolean;
  /** The other werewolves, for a werewolf. */
  teammates: PlayerId[];
}

/** The settings a game was created with. */
export interface GameSettings {
  /** The number of seats. */
  players: number;
  /** Explicit role counts, or null for the default table at start. */
  roles: RoleCounts | null;
  /** How long each awaited action may take (ms). */
  actionTimeoutMs: number;
  /** Speaking rounds per day (0 goes straight to the vote); null under bidding. */
  discussionRounds: number | null;
  /** Whether the game starts when the last seat fills. */
  autoStart: boolean;
  /** The longest `say`, in characters (UTF-16 code units). */
  maxSayChars: number;
  /** Who speaks when. */
  turnPolicy: TurnPolicy;
  /** How votes are seen. */
  votePolicy: VotePolicy;
  /** Speaking turns per day under bidding (0: straight to the vote); else null. */
  maxTurns: number | null;
  /** Speeches (not passes) per player per day, or null for no cap. */
  talkCapPerDay: number | null;
  /** The language of what the game says (the narrator, the rules). */
  locale: Locale;
}

/** A parallel round's speech, held until the round is revealed. */
export interface HeldSpeech {
  /** The cleaned text ("" passes). */
  text: string;
  /** Lines the speech rule removed (0: none). */
  redactedLines: number;
  /** Set when the pass is a default: why. */
  cause: "deadline" | Failure | null;
}

/**
 * Today's discussion, reset as it begins. Each policy uses part of it:
 * round_robin and random_order `order`/`round`/`next`; parallel also
 * `held`; bidding `round` (its turns), `last`, `named` and `bids`.
 */
export interface TalkState {
  /**
   * This round's speakers, in speaking (parallel: reveal) order: the
   * living who have not reached the talk cap as the round begins.
   */
  order: PlayerId[];
  /** The current round from 1 (bidding: turns decided); 0 before the first. */
  round: number;
  /** How many of `order` had their turn (parallel: were revealed). */
  next: number;
  /** Public speeches today, by player (passes do not count). */
  spoken: Record<string, number>;
  /** bidding: who had the last speaking turn (null before the first). */
  last: PlayerId | null;
  /** bidding: the players named in the last speech, in seat order. */
  named: PlayerId[];
  /** bidding: the bids for the next turn so far, by bidder. */
  bids: Record<string, number>;
  /** parallel: this round's held speeches, by author. */
  held: Record<string, HeldSpeech>;
}

/** What happens during the current night. */
export interface NightState {
  /** Each werewolf's choice, by werewolf id. */
  choices: Record<string, PlayerId>;
  /** The werewolves' victim, once the night is resolved. */
  victim: PlayerId | null;
  /** Whom the guard protects tonight. */
  protected: PlayerId | null;
  /** Whether the witch saved the victim. */
  saved: boolean;
  /** Whom the witch poisoned tonight. */
  poisoned: PlayerId | null;
}

/**
 * The whole state of one game: a plain JSON-safe object (no Map, Set or
 * class), rebuilt exactly by folding the game's events with `evolve`.
 */
export interface GameState {
  /** The `seq` of the last event folded (0 before any). */
  seq: number;
  /** Whether `game_created` was folded. */
  created: boolean;
  /** The game id. */
  gameId: string;
  /** The game's display name. */
  name: string;
  /** The RNG seed. */
  seed: number;
  /** The creator's deal (the role of each seat, seat 1 first), if it fixed one. */
  deal?: Role[];
  /** The seeded RNG's state (uint32, mulberry32). */
  rng: number;
  /** The creation settings. */
  settings: GameSettings;
  /** The role counts in play (from the start). */
  roles: RoleCounts;
  /** The current phase. */
  phase: GamePhase;
  /** The day counter: the first night and the following day are day 1. */
  day: number;
  /** The seats, in seat order. */
  players: Seat[];
  /** The awaited actions. */
  pending: PendingAction[];
  /** The current night. */
  night: NightState;
  /** Whom the guard protected the previous night. */
  lastProtected: PlayerId | null;
  /** The witch's potions still available. */
  potions: { heal: boolean; poison: boolean };
  /** Today's discussion. */
  talk: TalkState;
  /** Today's votes, by voter (`null` = abstain). */
  votes: Record<string, PlayerId | null>;
  /** Where the game goes after the hunter's shot. */
  hunterReturn: "day" | "night" | null;
  /** The winner, once the game is over. */
  winner: Winner | null;
}
