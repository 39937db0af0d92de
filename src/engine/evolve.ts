import { DEFAULT_LOCALE, type GameEvent, localeOf } from "../contract/mod.ts";
import { applyAction } from "./_evolve_action.ts";
import { deal, enterPhase } from "./_evolve_phase.ts";
import { freshNight } from "./_night_rules.ts";
import { seatNumber } from "./_seats.ts";
import { freshTalk, turnTaken } from "./_talk_rules.ts";
import {
  applyBidsRevealed,
  applySpeakingOrder,
  applySpeechHeld,
} from "./_evolve_talk.ts";
import { DEFAULT_MAX_SAY_CHARS } from "./speech.ts";
import type { GameState } from "./types.ts";

/** The state before any event: no game yet. */
export function initialState(): GameState {
  return {
    seq: 0,
    created: false,
    gameId: "",
    name: "",
    seed: 0,
    rng: 0,
    settings: {
      players: 0,
      roles: null,
      actionTimeoutMs: 0,
      discussionRounds: 0,
      autoStart: false,
      maxSayChars: DEFAULT_MAX_SAY_CHARS,
      turnPolicy: "round_robin",
      votePolicy: "sequential",
      maxTurns: null,
      talkCapPerDay: null,
      locale: DEFAULT_LOCALE,
    },
    roles: {},
    phase: "lobby",
    day: 0,
    players: [],
    pending: [],
    night: freshNight(),
    lastProtected: null,
    potions: { heal: true, poison: true },
    talk: freshTalk(),
    votes: {},
    hunterReturn: null,
    winner: null,
  };
}

/**
 * Folds one event into the state and returns the new state; the input is not
 * mutated. The RNG is drawn here (the deal at `game_started`, the night's
 * victim when the night closes), so a replay draws exactly as the live game;
 * the draws of the talk (a random order, a random tie) are made by `decide`
 * and carried by their events, whose folding moves the generator past them.
 * A `game_created` of an older log, without the policies, folds as
 * round_robin, sequential, no talk cap; without `locale`, as French
 * (`LEGACY_LOCALE`: those games were narrated in French).
 * Throws a RangeError when `event.seq` is not `state.seq + 1`.
 */
export function evolve(state: GameState, event: GameEvent): GameState {
  if (event.seq !== state.seq + 1) {
    throw new RangeError(`event seq ${event.seq} after seq ${state.seq}`);
  }
  const next: GameState = { ...state, seq: event.seq };
  switch (event.type) {
    case "game_created":
      return {
        ...next,
        created: true,
        gameId: event.gameId,
        name: event.name,
        seed: event.seed ?? 0,
        rng: (event.seed ?? 0) >>> 0,
        ...(event.deal === undefined ? {} : { deal: [...event.deal] }),
        settings: {
          players: event.players,
          roles: Object.keys(event.roles).length > 0 ? event.roles : null,
          actionTimeoutMs: event.actionTimeoutMs,
          discussionRounds: event.discussionRounds,
          autoStart: event.autoStart,
          maxSayChars: event.maxSayChars ?? DEFAULT_MAX_SAY_CHARS,
          turnPolicy: event.turnPolicy ?? "round_robin",
          votePolicy: event.votePolicy ?? "sequential",
          maxTurns: event.maxTurns ?? null,
          talkCapPerDay: event.talkCapPerDay ?? null,
          locale: localeOf(event),
        },
      };
    case "player_joined":
      // in seat order, whatever the order of the joins: the deal reads it
      return {
        ...next,
        players: [...next.players, {
          id: event.player_id,
          name: event.name,
          role: null,
          alive: true,
          teammates: [],
        }].sort((a, b) => seatNumber(a.id) - seatNumber(b.id)),
      };
    case "game_started":
      return deal(next, event);
    case "role_assigned":
      return {
        ...next,
        players: next.players.map((seat) =>
          seat.id === event.player_id
            ? { ...seat, role: event.role, teammates: [...event.teammates] }
            : seat
        ),
      };
    case "phase_update":
      return enterPhase(next, event);
    case "your_turn":
      return {
        ...next,
        pending: [...next.pending, {
          player_id: event.player_id,
          request: event.request,
          options: [...event.options],
          ...(event.amounts === undefined
            ? {}
            : { amounts: [...event.amounts] }),
          deadline: event.deadline,
        }],
      };
    case "agent_message":
      if (event.channel !== "public") return next;
      return turnTaken(
        {
          ...next,
          pending: next.pending.filter((p) => p.player_id !== event.agent_id),
        },
        event.agent_id,
        event.message_text,
      );
    case "speaking_order":
      return applySpeakingOrder(next, event);
    case "bids_revealed":
      return applyBidsRevealed(next, event);
    case "speech_held":
      return applySpeechHeld(next, event);
    case "player_action":
      return applyAction(next, event);
    case "player_died":
      return {
        ...next,
        players: next.players.map((seat) =>
          seat.id === event.player_id ? { ...seat, alive: false } : seat
        ),
      };
    case "game_over":
      return { ...next, phase: "ended", pending: [], winner: event.winner };
    default:
      // seer_result, witch_info, vote_result, game_state: told, not stored.
      return next;
  }
}

/** Folds a whole log from {@linkcode initialState}. */
export function replay(events: readonly GameEvent[]): GameState {
  return events.reduce(evolve, initialState());
}
