/**
 * The shapes the room offers the layers above it (the API, the original
 * protocol) so that they never reach into the engine: a seat's move before
 * the room stamps it, a transcript, and the search for the awaited turn.
 * @module
 */
import type {
  GameEvent,
  GameEventOf,
  GameSummary,
  PlayerId,
  UsageTotals,
} from "../contract/mod.ts";
import type { AwaitedAction, Command } from "../engine/mod.ts";

/** Omits keys from each member of a union. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K>
  : never;

/**
 * A seat's move as `GameRoom.play` takes it: a `say`, `vote`, `act`, `bid`
 * or `forfeit` command without its player and time, which the room adds
 * (the seat from the caller's token, the time from the room's clock).
 */
export type Move = DistributiveOmit<
  Extract<Command, { player_id: PlayerId }>,
  "player_id" | "at"
>;

/** What `GameRoom.transcript` answers (`game.transcript` adds the id). */
export interface Transcript {
  /** The game's status now. */
  status: GameSummary["status"];
  /** The winning side, once the game is over. */
  winner: GameSummary["winner"];
  /** The events the viewer may see (all of them once the game is over). */
  events: GameEvent[];
  /** Each player's totals of the usage records among `events`. */
  usage: Record<PlayerId, UsageTotals>;
}

/**
 * The last `your_turn` in `log` (before global seq `upTo`, all when null)
 * that asks `playerId` what it is `awaited` for, renumbered with
 * `viewerSeq`; null when nothing is awaited or no such event is there.
 */
export function awaitedTurnIn(
  log: readonly GameEvent[],
  opts: {
    awaited: AwaitedAction | null;
    playerId: PlayerId;
    upTo: number | null;
    viewerSeq: (seq: number) => number;
  },
): GameEventOf<"your_turn"> | null {
  const { awaited, playerId } = opts;
  if (awaited === null) return null;
  for (let i = opts.upTo ?? log.length; i-- > 0;) {
    const event = log[i];
    if (
      event?.type === "your_turn" && event.player_id === playerId &&
      event.request === awaited.request && event.deadline === awaited.deadline
    ) {
      const seq = opts.viewerSeq(event.seq);
      return event.seq === seq ? event : { ...event, seq };
    }
  }
  return null;
}
