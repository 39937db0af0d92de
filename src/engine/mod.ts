/**
 * The pure game engine of Loup-Garou: event-sourced and deterministic. No
 * I/O, no clock, no global randomness — a seeded RNG lives in the state.
 *
 * - {@linkcode decide} turns a command into events (or a violation);
 * - {@linkcode evolve} folds one event, {@linkcode replay} a whole log;
 * - {@linkcode redact} decides what each viewer may see of an event, and
 *   {@linkcode viewOf} what it may see of the state; {@linkcode visibleSeqs}
 *   numbers the events a viewer sees 1, 2, 3… (its own `seq`).
 *
 * @example
 * ```ts
 * import { decide, initialState, replay } from "./mod.ts";
 * const created = decide(initialState(), {
 *   type: "create", at: 0, gameId: "g-demo", name: "Demo", seed: 42,
 *   players: 5, actionTimeoutMs: 60_000, discussionRounds: 1, autoStart: true,
 *   turnPolicy: "round_robin", votePolicy: "sequential",
 * });
 * if (created.ok) console.log(replay(created.events).phase); // "lobby"
 * ```
 * @module
 */
export { decide } from "./decide.ts";
export { evolve, initialState, replay } from "./evolve.ts";
export { nameRefusal } from "./_names.ts";
export { redact } from "./redact.ts";
export { numbered, viewerLog, viewerSeqOf, visibleSeqs } from "./numbering.ts";
export { seededRandom } from "./_rng.ts";
export { defaultRoles, roleList, validateRoles } from "./roles.ts";
export { cleanSpeech, DEFAULT_MAX_SAY_CHARS, type Speech } from "./speech.ts";
export { awaiting, nextDeadline, summaryOf, viewOf } from "./view.ts";
export { usageTotals } from "./usage.ts";
export { namedIn } from "./named.ts";
export { RULE_DEFAULTS, rulesOf, rulesText } from "./rules.ts";
export {
  type DefaultAction,
  REQUEST_RULES,
  type RequestRule,
} from "./requests.ts";
export type * from "./types.ts";
