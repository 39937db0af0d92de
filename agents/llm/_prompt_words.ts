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
  /** The system prompt's first line. */
  intro: string;
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
  oldRules(created: GameEventOf<"game_created">, roles: string): string[];
  /** A role's count in the old rules' list. */
  count(n: number, role: Role): string;
  /** The seat's own line; `name` is quoted already. */
  you(me: string, name: string): string;
  yourRole(role: Role): string;
  fellows(ids: readonly string[]): string;
  seen(target: string, werewolf: boolean): string;
  alive: string;
  dead(role: Role): string;
  targets(ids: readonly string[]): string;
  within(seconds: number): string;
  /** The server's refusal, quoted already. */
  refused(sentence: string): string;
  think: string;
  /** Before the answer's JSON schema (the `prompt` output mode). */
  schema: string;
}
