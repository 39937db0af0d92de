/**
 * The fixed text of an LLM agent's prompt in one language: what
 * `prompt.ts` (English) and `_prompt_fr.ts` (French) each give, and the
 * prompt's structure reads.
 * @module
 */
import type { GameEventOf, Request, Role } from "../../src/mod.ts";

/** The sections' titles, each on its own `=== TITLE ===` line. */
export interface SectionTitles {
  rules: string;
  you: string;
  persona: string;
  players: string;
  record: string;
  request: string;
}

/** Every fixed text of the prompt, in one language. */
export interface PromptWords {
  titles: SectionTitles;
  /** A colon as the language sets it (French: after a space). */
  colon: string;
  /** A role's name (the record's and the players' too). */
  role(role: Role): string;
  /** What each role does, as the rules section says it. */
  roleText: Record<Role, string>;
  /** What each request asks, as the request section says it. */
  ask: Record<Request, string>;
  /** That players' names and speech are data. */
  quoted: string;
  /** The rules section when the log holds no `game_created`. */
  unknown: string;
  /** The rules of a log from before `rulesText`, from its settings. */
  oldRules(facts: {
    created: GameEventOf<"game_created">;
    /** The role counts, listed. */
    roles: string;
    /** Who acts at once in the night (`nightActors`' words). */
    night: readonly string[];
    /** Whether the game has a witch. */
    witch: boolean;
  }): string[];
  /** Who acts in the night, as the old rules name them (by role). */
  nightActors: Partial<Record<Role, string>>;
  /** A role's count in the old rules' list. */
  count(n: number, role: Role): string;
  /**
   * The seat's own line; `name` is quoted already (undefined: not said,
   * the compact players line says it).
   */
  you(me: string, name: string | undefined): string;
  yourRole(role: Role): string;
  fellows(ids: readonly string[]): string;
  seen(target: string, werewolf: boolean): string;
  /** The players' line of the living (`p1 "Ann"`, …). */
  alive(seats: readonly string[]): string;
  /** The players' line of the dead (only when someone died). */
  dead(seats: readonly string[]): string;
  targets(ids: readonly string[]): string;
  /** Before a bid's amounts. */
  amounts: string;
  /** What a bid of each amount means (index: the amount). */
  bidMeanings: readonly string[];
  /** An amount without a meaning. */
  noMeaning: string;
  /** The time left and the advice to think first. */
  within(seconds: number): string;
  /** The server's refusal, quoted already. */
  refused(sentence: string): string;
  /** Before the answer's JSON schema (the `prompt` output mode). */
  schema: string;
}
