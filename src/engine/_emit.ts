/**
 * The decision draft: `decide` writes events one at a time, each folded at
 * once with `evolve`, so every later step reads the state it will have.
 * @module
 */
import type { GameEvent } from "../contract/mod.ts";
import { evolve } from "./evolve.ts";
import type { Decision, GameState, Violation } from "./types.ts";

/** Omits keys from each member of a union. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K>
  : never;

/** A game event before the engine numbers it (`seq`) and dates it (`at`). */
export type EventBody = DistributiveOmit<GameEvent, "seq" | "at">;

/** The events decided so far and the state they lead to. */
export interface Draft {
  /** The state after the events so far. */
  state: GameState;
  /** The events so far. */
  events: GameEvent[];
  /** The state after each event so far. */
  states: GameState[];
  /** The command's time, given to every event. */
  at: number;
}

/** A draft starting from `state`. */
export function draft(state: GameState, at: number): Draft {
  return { state, events: [], states: [], at };
}

/** Numbers, dates, folds and records one event. */
export function emit(d: Draft, body: EventBody): void {
  const event = { ...body, seq: d.state.seq + 1, at: d.at } as GameEvent;
  d.state = evolve(d.state, event);
  d.events.push(event);
  d.states.push(d.state);
}

/** The draft's events, as an accepted decision. */
export function accept(d: Draft): Decision {
  return { ok: true, events: d.events, states: d.states };
}

/** A refused decision. */
export function refuse(code: Violation["code"], message: string): Decision {
  return { ok: false, violation: { code, message } };
}

/** The deadline of a step starting now. */
export function deadlineOf(d: Draft): number {
  return d.at + d.state.settings.actionTimeoutMs;
}
