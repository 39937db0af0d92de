/**
 * The page's picture of one game, folded from the events the viewer gets
 * (`game.events` live, or `game.transcript` for a replay). Pure: no DOM,
 * no clock; an event at or before the last one applied is ignored, so a
 * resumed subscription can never show a line twice.
 * @module
 */
import type {
  GameEvent,
  GameEventOf,
  GamePhase,
  Locale,
  PlayerId,
  Role,
  TurnPolicy,
  VotePolicy,
} from "../src/mod.ts";
import { apply } from "./_fold.ts";
import { DEFAULT_LOCALE, t } from "./i18n.ts";

/** A seat as the page shows it. */
export interface PlayerModel {
  id: PlayerId;
  name: string;
  alive: boolean;
  /** Known to this viewer: its own, the god view, a death or the end. */
  role: Role | null;
  /** How the player died, once dead. */
  cause: GameEventOf<"player_died">["cause"] | null;
}

/**
 * One line of the chat: speech, the narrator, a round's speaking order, a
 * bidding turn's bids, or a parallel round (its speeches as one block).
 */
export interface ChatLine {
  seq: number;
  at: number;
  day: number;
  kind:
    | "speech"
    | "narrator"
    | "death"
    | "verdict"
    | "order"
    | "bids"
    | "round";
  /** The speaker (speech only). */
  speaker: { id: PlayerId; name: string } | null;
  text: string;
  /** Lines the speech rule removed from the speech. */
  redactedLines: number;
  /**
   * The author's private reasoning for this move: the god view live, everyone
   * in an ended game's replay; null when absent or hidden.
   */
  reasoning: string | null;
  /**
   * A speech or pass the viewer sees before everyone does (the god view's
   * view of a parallel round's `speech_held`): shown as held.
   */
  held?: boolean;
  /** A bidding turn's bids (kind `bids`). */
  bids?: BidsModel;
  /** A parallel round's block (kind `round`). */
  round?: RoundModel;
}

/** One bid of a bidding turn. */
export interface BidModel {
  player: PlayerId;
  amount: number;
  /** Why the server bid for the player (a missing bid counts 0), if known. */
  cause: string | null;
  /** The bidder's reasoning, when this viewer may see it. */
  reasoning: string | null;
}

/**
 * A bidding turn: the bids (seen one by one, held, by the god view; by
 * everyone once `bids_revealed` decides the turn) and who got it.
 */
export interface BidsModel {
  /** The speaking turn of the day, from 1. */
  turn: number;
  /** In seat order once revealed; in arrival order while held. */
  bids: BidModel[];
  /** False while the bids are held (the god view only sees them then). */
  revealed: boolean;
  /** Who speaks; null when every bid was 0 (the talk ends) or while held. */
  speaker: PlayerId | null;
  /** How the turn was given: `highest`, `named`, `random`; null: none. */
  tieBreak: GameEventOf<"bids_revealed">["tie_break"];
}

/**
 * A round announced by `speaking_order`: its order, and under the parallel
 * policy the round's speeches, revealed together as one block.
 */
export interface RoundModel {
  round: number;
  order: PlayerId[];
  /** Everyone writes at once (parallel), or they speak in `order`. */
  parallel: boolean;
  /**
   * The round's speeches and passes (parallel): held ones (the god view
   * before the reveal) are `held`; each revealed one replaces its held line.
   */
  lines: ChatLine[];
}

/** The day's vote as it comes in. */
export interface VoteModel {
  day: number;
  /** Voter → target (null: abstains), in the order they came. */
  ballots: {
    voter: PlayerId;
    target: PlayerId | null;
    timedOut: boolean;
    /** The voter's reasoning, when this viewer may see it. */
    reasoning: string | null;
    /** Cast but hidden from the players until the vote closes (simultaneous). */
    held: boolean;
  }[];
  /** Whether votes are hidden until the vote closes (simultaneous). */
  hidden: boolean;
  /** Votes per target so far. */
  tally: Record<string, number>;
  /** The count, once the vote closed. */
  result: { eliminated: PlayerId | null; abstentions: number } | null;
}

/** What a dawn revealed. */
export interface DawnModel {
  day: number;
  deaths: { player: PlayerId; cause: string; role: Role }[];
}

/** The whole picture. */
export interface GameModel {
  gameId: string | null;
  name: string;
  /** The game's language (`game_created.locale`): the board's words follow it. */
  locale: Locale;
  phase: GamePhase;
  day: number;
  description: string;
  /** The current step's deadline (epoch ms, server clock), if known. */
  deadline: number | null;
  actionTimeoutMs: number;
  /** Who speaks when (absent in older logs: `round_robin`). */
  turnPolicy: TurnPolicy;
  /** How votes are seen (absent in older logs: `sequential`). */
  votePolicy: VotePolicy;
  /** The rules the game announced (`game_created.rulesText`); null in older logs. */
  rulesText: string | null;
  players: PlayerModel[];
  chat: ChatLine[];
  /** The werewolves' channel (the god view, or a werewolf). */
  wolfChat: ChatLine[];
  /** Night actions and secrets the viewer may see (the god view). */
  secrets: ChatLine[];
  vote: VoteModel | null;
  dawn: DawnModel | null;
  winner: "village" | "werewolves" | null;
  /** The last sequence number applied. */
  lastSeq: number;
  /** How many events were applied. */
  applied: number;
}

/** The picture before any event. */
export function emptyGame(): GameModel {
  return {
    gameId: null,
    name: "",
    locale: DEFAULT_LOCALE,
    phase: "lobby",
    day: 0,
    description: "",
    deadline: null,
    actionTimeoutMs: 0,
    turnPolicy: "round_robin",
    votePolicy: "sequential",
    rulesText: null,
    players: [],
    chat: [],
    wolfChat: [],
    secrets: [],
    vote: null,
    dawn: null,
    winner: null,
    lastSeq: 0,
    applied: 0,
  };
}

/** Folds a whole log (a transcript, or a replay's first steps). */
export function foldGame(events: readonly GameEvent[]): GameModel {
  let model = emptyGame();
  for (const event of events) model = applyEvent(model, event);
  return model;
}

/**
 * The picture after `event`: a new object (the old one is unchanged); the
 * same object when the event was already applied.
 */
export function applyEvent(model: GameModel, event: GameEvent): GameModel {
  if (event.seq <= model.lastSeq) return model;
  const next: GameModel = {
    ...model,
    lastSeq: event.seq,
    applied: model.applied + 1,
  };
  apply(next, event);
  return next;
}

/** A phase's name for people, in `locale` (default English: the lobby). */
export function phaseTitle(
  phase: GamePhase,
  locale: Locale = DEFAULT_LOCALE,
): string {
  return t(locale, `phase.${phase}`);
}

/** Games per page of the lobby (`lobby.listGames` is asked one more). */
export const LOBBY_PAGE_SIZE = 20;
