/**
 * The facts of a seat's view and where a compact prompt must say them: the
 * facts, the prompt's day blocks parsed, and the assertion that every fact is
 * in its day's block as often as it happened.
 * @module
 */
import assert from "node:assert/strict";
import type { GameEvent } from "../src/mod.ts";

/** One fact of a seat's view, and where the compact prompt must say it. */
export interface Fact {
  /** Its kind, for the check that the games had facts of every kind. */
  kind: string;
  /** The day it happened (0: before the game). */
  day: number;
  /**
   * What the prompt must hold: a line of the system message (`system`), a
   * fact of its day's block (`item`), one vote of the day (`vote`, null
   * target: abstained), the day's count (`tally`), or who the vote
   * eliminated with the role (`eliminated`).
   */
  where:
    | { system: string }
    | { item: string }
    | { vote: { voter: string; target: string | null } }
    | { tally: Record<string, number>; abstentions: number }
    | { eliminated: string };
}

/**
 * Every fact of `events` (seat `me`'s view): its role and teammates, deaths
 * with cause and role, every vote and vote result, the seat's own powers
 * (and the werewolves' kills it sees), its private results (seer, witch).
 * The compact record names the seat `you`; `(timed out)` marks a default.
 */
export function factsOf(events: readonly GameEvent[], me: string): Fact[] {
  const facts: Fact[] = [];
  let day = 0;
  const seat = (id: string) => id === me ? "you" : id;
  for (const event of events) {
    const at = (kind: string, where: Fact["where"]) =>
      facts.push({ kind, day, where });
    switch (event.type) {
      case "phase_update":
        day = event.day;
        break;
      case "role_assigned":
        if (event.player_id !== me) break;
        at("role", { system: `Your role: ${event.role}.` });
        if (event.teammates.length > 0) {
          at("teammates", {
            system: `Your fellow werewolves: ${event.teammates.join(", ")}.`,
          });
        }
        break;
      case "player_died":
        if (event.cause === "vote") {
          at("eliminated", {
            eliminated: `${event.player_id}, was ${event.role}`,
          });
        } else {
          at(`died (${event.cause})`, {
            item: `${event.player_id} died (${event.cause}), was ${event.role}`,
          });
        }
        break;
      case "player_action": {
        const late = event.timed_out ? " (timed out)" : "";
        const who = seat(event.player_id);
        if (event.action === "vote") {
          const voter = `${who}${event.timed_out ? " timed out" : ""}`;
          at("vote", { vote: { voter, target: event.target } });
        } else if (event.action === "witch_pass") {
          at("witch_pass", { item: `${who} witch_pass${late}` });
        } else if (event.action !== "pass") {
          const target = event.target ?? "nobody";
          at(event.action, { item: `${who} ${event.action} ${target}${late}` });
        }
        break;
      }
      case "vote_result":
        at("vote result", {
          tally: event.tally,
          abstentions: event.abstentions,
        });
        if (event.eliminated === null) {
          at("eliminated", { eliminated: "nobody" });
        }
        break;
      case "seer_result": {
        const what = event.is_werewolf ? "a werewolf" : "not a werewolf";
        // the result completes its inspection's line (said once: compact
        // has no `Private result` line in its system message)
        const inspected = facts.findLast((fact) =>
          "item" in fact.where &&
          fact.where.item === `you seer_inspect ${event.target}`
        );
        assert.ok(inspected, `the inspection of ${event.target} precedes it`);
        inspected.kind = "seer result";
        inspected.where = { item: `you seer_inspect ${event.target}: ${what}` };
        break;
      }
      case "witch_info":
        at("witch info", {
          item: `werewolves' victim ${event.victim ?? "nobody"}, heal ${
            event.heal_available ? "available" : "used"
          }, poison ${event.poison_available ? "available" : "used"}`,
        });
        break;
    }
  }
  return facts;
}

/** What one day's block of a compact record says, parsed. */
export interface Block {
  /** The facts of its phase lines (`PHASE: FACT; FACT`), votes aside. */
  items: string[];
  /** Each vote of the vote line: voter and target (null: abstained). */
  votes: { voter: string; target: string | null }[];
  /** The vote line's counts, per target. */
  tally: Record<string, number>;
  abstentions: number;
  /** The vote line's `eliminated:` part (`nobody`, or `p5, was seer`). */
  eliminated: string[];
}

/** A phase line of a day block: its phase and what it says. */
export const PHASE_LINE = /^(night|witch|dawn|discussion|vote|hunter): (.+)$/;
/** A vote line's group: its count only where the voters listed do not say it. */
export const VOTE_GROUP = /^(p\d+|abstained)(?: (\d+))?(?: \((.+)\))?$/;
/** A vote of the day still being counted: voter, target, timed out. */
export const PENDING_VOTE =
  /^(p\d+|you) voted (p\d+|to abstain)( \(timed out\))?$/;

/** The day blocks of a compact prompt's record section, parsed. */
export function blocksOf(user: string): Map<number, Block> {
  const record = user.slice(
    user.indexOf("=== RECORD ===\n"),
    user.indexOf("\n=== REQUEST ==="),
  ).split("\n").slice(1);
  const blocks = new Map<number, Block>();
  let block: Block | undefined;
  for (const line of record) {
    const header = /^-- day (\d+) --$/.exec(line);
    if (header) {
      const day = Number(header[1]);
      assert.ok(!blocks.has(day), `one block for day ${day}`);
      block = {
        items: [],
        votes: [],
        tally: {},
        abstentions: 0,
        eliminated: [],
      };
      blocks.set(day, block);
      continue;
    }
    const phase = PHASE_LINE.exec(line);
    if (!phase || !block) continue;
    for (const part of phase[2]!.split("; ")) {
      const group = phase[1] === "vote" ? VOTE_GROUP.exec(part) : null;
      if (group) {
        const [, label, said, voters] = group;
        const listed = voters?.split(", ") ?? [];
        assert.ok(said !== undefined || listed.length > 0, `count of ${part}`);
        const count = said === undefined ? listed.length : Number(said);
        const target = label === "abstained" ? null : label!;
        if (target === null) block.abstentions += count;
        else block.tally[target] = count;
        for (const voter of listed) {
          block.votes.push({ voter, target });
        }
      } else if (phase[1] === "vote" && PENDING_VOTE.test(part)) {
        // a vote of a vote not counted yet
        const [, voter, target, late] = PENDING_VOTE.exec(part)!;
        block.votes.push({
          voter: `${voter}${late ? " timed out" : ""}`,
          target: target === "to abstain" ? null : target!,
        });
      } else if (phase[1] === "vote" && part.startsWith("eliminated: ")) {
        block.eliminated.push(part.slice("eliminated: ".length));
      } else block.items.push(part);
    }
  }
  return blocks;
}

/**
 * Asserts that a compact prompt (`system`, `user`) holds each of `facts`,
 * in the block of its day, as often as it happened; `where` names the turn.
 */
export function assertHolds(
  facts: readonly Fact[],
  system: string,
  user: string,
  where: string,
): void {
  const systemLines = system.split("\n");
  const blocks = blocksOf(user);
  const taken = new Map<Block, { items: string[]; votes: Block["votes"] }>();
  for (const fact of facts) {
    const message = `${where}: ${JSON.stringify(fact)}`;
    if ("system" in fact.where) {
      assert.ok(systemLines.includes(fact.where.system), message);
      continue;
    }
    const block = blocks.get(fact.day);
    assert.ok(block, `${message}: no block for day ${fact.day}`);
    const left = taken.get(block) ??
      { items: [...block.items], votes: [...block.votes] };
    taken.set(block, left);
    if ("item" in fact.where) {
      const { item } = fact.where;
      const i = left.items.indexOf(item);
      assert.ok(i >= 0, message);
      left.items.splice(i, 1);
    } else if ("vote" in fact.where) {
      const { voter, target } = fact.where.vote;
      const i = left.votes.findIndex((seen) =>
        seen.voter === voter && seen.target === target
      );
      assert.ok(i >= 0, message);
      left.votes.splice(i, 1);
    } else if ("tally" in fact.where) {
      assert.deepEqual(block.tally, fact.where.tally, message);
      assert.equal(block.abstentions, fact.where.abstentions, message);
    } else {
      assert.deepEqual(block.eliminated, [fact.where.eliminated], message);
    }
  }
}

/** The day of the last phase line of a view. */
export function dayOf(events: readonly GameEvent[]): number {
  return events.findLast((event) => event.type === "phase_update")?.day ?? 0;
}
