/**
 * A tiny builder of hand-written game logs for the scoring tests: it emits
 * the god view's events of a game (numbered, timed, each checked against
 * `GameEventSchema`) for a given seating, night, votes and outcome, so a
 * test reads like the game it scores.
 * @module
 */
import {
  type GameEvent,
  GameEventSchema,
  type GamePhase,
  type PlayerId,
  type Role,
  type Usage,
} from "../src/contract/mod.ts";

type Cause = "deadline" | "model_error" | "invalid_output";
type Action = Extract<GameEvent, { type: "player_action" }>["action"];

/** What an action or a speech may carry. */
export interface Extra {
  usage?: Partial<Usage>;
  default?: Cause;
}

/** The events of one game, appended in order. */
export class GameLog {
  readonly events: GameEvent[] = [];
  #phase: GamePhase = "lobby";
  #day = 0;
  readonly #roles: Record<string, Role>;

  /** `game_created` to the deal: one seat per entry of `roles`, in order. */
  constructor(gameId: string, roles: Record<string, Role>, seed = 7) {
    this.#roles = roles;
    const counts: Partial<Record<Role, number>> = {};
    for (const role of Object.values(roles)) {
      counts[role] = (counts[role] ?? 0) + 1;
    }
    const ids = Object.keys(roles);
    this.#emit({
      type: "game_created",
      gameId,
      name: gameId,
      seed,
      players: ids.length,
      roles: counts,
      actionTimeoutMs: 1000,
      discussionRounds: 1,
      autoStart: true,
    });
    for (const id of ids) {
      this.#emit({ type: "player_joined", player_id: id, name: `Seat ${id}` });
    }
    this.#emit({
      type: "game_started",
      players: ids.map((id) => ({ id, name: `Seat ${id}` })),
      roles: counts,
    });
    for (const id of ids) {
      const teammates = roles[id] === "werewolf"
        ? ids.filter((o) => o !== id && roles[o] === "werewolf")
        : [];
      this.#emit({
        type: "role_assigned",
        player_id: id,
        role: roles[id],
        teammates,
      });
    }
  }

  #emit(body: Record<string, unknown>): void {
    const seq = this.events.length + 1;
    this.events.push(
      GameEventSchema.parse({ seq, at: 1_700_000_000_000 + seq, ...body }),
    );
  }

  /** A `phase_update` to `phase` on `day`. */
  phase(phase: GamePhase, day: number): this {
    this.#emit({
      type: "phase_update",
      old_phase: this.#phase,
      new_phase: phase,
      day,
      description: `${phase} ${day}`,
      deadline: null,
    });
    [this.#phase, this.#day] = [phase, day];
    return this;
  }

  /** A `player_action`; a default has no target and says its cause. */
  act(
    player: PlayerId,
    action: Action,
    target: PlayerId | null,
    extra: Extra = {},
  ): this {
    this.#emit({
      type: "player_action",
      player_id: player,
      action,
      target,
      timed_out: extra.default === "deadline",
      ...(extra.default ? { default: { cause: extra.default } } : {}),
      ...this.#usage(extra),
    });
    return this;
  }

  #usage(extra: Extra): Record<string, unknown> {
    if (!extra.usage) return {};
    const usage = {
      model: "m",
      promptTokens: 0,
      completionTokens: 0,
      latencyMs: 0,
      ...extra.usage,
    };
    return { usage };
  }

  /** A public `agent_message`. */
  say(player: PlayerId, text: string, extra: Extra = {}): this {
    this.#emit({
      type: "agent_message",
      agent_id: player,
      agent_name: `Seat ${player}`,
      message_text: text,
      phase: this.#phase,
      channel: "public",
      ...this.#usage(extra),
    });
    return this;
  }

  /** The seer's inspection and its result (from the seating's roles). */
  inspect(seer: PlayerId, target: PlayerId): this {
    this.act(seer, "seer_inspect", target);
    this.#emit({
      type: "seer_result",
      seer_id: seer,
      target,
      is_werewolf: this.#roles[target] === "werewolf",
    });
    return this;
  }

  /** What the witch is told: the victim, both potions available. */
  witchInfo(witch: PlayerId, victim: PlayerId | null): this {
    this.#emit({
      type: "witch_info",
      witch_id: witch,
      victim,
      heal_available: true,
      poison_available: true,
    });
    return this;
  }

  /** A death, with the dead player's role. */
  died(
    player: PlayerId,
    cause: "werewolves" | "poison" | "vote" | "hunter",
  ): this {
    this.#emit({
      type: "player_died",
      player_id: player,
      cause,
      role: this.#roles[player],
    });
    return this;
  }

  /**
   * The day's vote: one `vote` per entry (`null` abstains; a cause instead
   * of a target is a default), the count, and the death of the one with the
   * most votes if there is a single one.
   */
  vote(day: number, votes: Record<string, PlayerId | null | Cause>): this {
    this.phase("vote", day);
    const tally: Record<string, number> = {};
    let abstentions = 0;
    for (const [voter, choice] of Object.entries(votes)) {
      const isCause = choice === "deadline" || choice === "model_error" ||
        choice === "invalid_output";
      if (isCause) this.act(voter, "vote", null, { default: choice });
      else this.act(voter, "vote", choice);
      if (isCause || choice === null) abstentions++;
      else tally[choice] = (tally[choice] ?? 0) + 1;
    }
    const top = Math.max(0, ...Object.values(tally));
    const leaders = Object.keys(tally).filter((id) => tally[id] === top);
    const eliminated = leaders.length === 1 ? leaders[0]! : null;
    this.#emit({ type: "vote_result", day, tally, abstentions, eliminated });
    if (eliminated) this.died(eliminated, "vote");
    return this;
  }

  /** The end: `phase_update` to `ended` on the current day, and `game_over`. */
  end(winner: "village" | "werewolves"): GameEvent[] {
    this.phase("ended", this.#day);
    this.#emit({ type: "game_over", winner, roles: this.#roles });
    return this.events;
  }
}
