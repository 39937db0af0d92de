/**
 * Hand-built views of a 6-player game for prompt tests: what seat `me`
 * received up to a turn, with fixed times so the render is stable.
 * @module
 */
import type { TurnContext } from "../agents/mod.ts";
import type { GameEvent, Locale, Request, Role } from "../src/mod.ts";

export const T0 = 1_800_000_000_000;
const ROLES: Role[] = [
  "werewolf",
  "seer",
  "witch",
  "hunter",
  "villager",
  "werewolf",
];
const NAMES = ["Alice", "Bruno", "Chloé", 'Dav"id', "Elsa", "Farid"];

/** What a view's `game_created` says beyond the fixed settings. */
export interface ViewOptions {
  /** The game's language (default `en`). */
  locale?: Locale;
  /** The rules as the game announced them (default: none, an older log). */
  rulesText?: string;
}

/** A builder of one seat's events, numbered and timed in order. */
export class View {
  events: GameEvent[] = [];
  constructor(readonly me: string, options: ViewOptions = {}) {
    this.add({
      type: "game_created",
      gameId: "g-snap",
      name: "snapshot",
      players: 6,
      roles: { werewolf: 2, seer: 1, witch: 1, hunter: 1, villager: 1 },
      actionTimeoutMs: 30_000,
      discussionRounds: 1,
      autoStart: true,
      maxSayChars: 500,
      locale: options.locale ?? "en",
      ...(options.rulesText === undefined
        ? {}
        : { rulesText: options.rulesText }),
    });
    NAMES.forEach((name, i) =>
      this.add({ type: "player_joined", player_id: `p${i + 1}`, name })
    );
    this.add({
      type: "game_started",
      players: NAMES.map((name, i) => ({ id: `p${i + 1}`, name })),
      roles: { werewolf: 2, seer: 1, witch: 1, hunter: 1, villager: 1 },
    });
    const seat = Number(me.slice(1)) - 1;
    const role = ROLES[seat]!;
    this.add({
      type: "role_assigned",
      player_id: me,
      role,
      teammates: role === "werewolf"
        ? ["p1", "p6"].filter((id) => id !== me)
        : [],
    });
  }
  /** Appends an event with the next seq and time. */
  add(event: Record<string, unknown>): this {
    const seq = this.events.length + 1;
    this.events.push({ seq, at: T0 + seq * 1000, ...event } as GameEvent);
    return this;
  }
  phase(day: number, from: string, to: string): this {
    return this.add({
      type: "phase_update",
      old_phase: from,
      new_phase: to,
      day,
      description: "",
      deadline: null,
    });
  }
  say(who: string, text: string, channel = "public"): this {
    const name = NAMES[Number(who.slice(1)) - 1]!;
    return this.add({
      type: "agent_message",
      agent_id: who,
      agent_name: name,
      message_text: text,
      phase: "discussion",
      channel,
    });
  }
  /** The context of a turn of `request` among `options`, 30 s long. */
  turn(request: Request, options: string[]): TurnContext {
    const seq = this.events.length + 1;
    const turn = {
      type: "your_turn" as const,
      seq,
      at: T0 + seq * 1000,
      player_id: this.me,
      request,
      options,
      deadline: T0 + seq * 1000 + 30_000,
    };
    return { turn, me: this.me, events: [...this.events, turn], refusals: [] };
  }
}

/**
 * Seat p5's view of a day under the turn policies: a round's order, its own
 * bid, a bidding turn's revealed bids and a simultaneous vote's result.
 */
export function played(options: ViewOptions = {}): View {
  return new View("p5", options).phase(1, "lobby", "night")
    .phase(1, "night", "dawn").phase(1, "dawn", "discussion")
    .add({
      type: "speaking_order",
      day: 1,
      round: 1,
      order: ["p3", "p1", "p5"],
    })
    .add({
      type: "player_action",
      player_id: "p5",
      action: "bid",
      target: null,
      amount: 3,
      timed_out: false,
    })
    .add({
      type: "bids_revealed",
      day: 1,
      turn: 2,
      bids: { p1: 0, p3: 4, p5: 3 },
      speaker: "p3",
      tie_break: "highest",
    })
    .phase(1, "discussion", "vote")
    .add({
      type: "vote_result",
      day: 1,
      tally: { p1: 2 },
      abstentions: 1,
      eliminated: "p1",
      votes: { p1: null, p3: "p1", p5: "p1" },
    });
}
