/**
 * A house bot's reasoning: a suspicion score for each living seat from the
 * {@linkcode Clues} it gathered, each with the reasons that make it up (the
 * bot's speech names the weightiest). Seer results and claims weigh most,
 * then votes against players revealed innocent (or a werewolf), then
 * whom the werewolves' victims suspected, then the talk.
 * @module
 */
import type { PlayerId, Role } from "../contract/mod.ts";
import type { Claim, Clues } from "./_bot_clues.ts";

/** Why a bot suspects a seat (what its speech can say of it). */
export type Reason =
  | { kind: "found" }
  | { kind: "claimed"; claimant: PlayerId }
  | { kind: "false_claim" }
  | { kind: "voted_good"; target: PlayerId; role: Role; day: number }
  | { kind: "spared"; wolf: PlayerId; day: number }
  | { kind: "victim"; victim: PlayerId }
  | { kind: "accused_good"; target: PlayerId; role: Role }
  | { kind: "accused" }
  /** Private: a vote against a seat the bot knows innocent (no line). */
  | { kind: "voted_clear" };

/** A seat's score and its reasons, weightiest first. */
export interface Suspicion {
  score: number;
  reasons: { reason: Reason; weight: number }[];
}

/**
 * `own`: everything the bot knows (its seer results, the witch's victims,
 * being the seer); `public`: only what every seat saw (how a werewolf
 * reads the village, to steer it elsewhere).
 */
export type Knowledge = "own" | "public";

/** The weight of each clue. */
const W = {
  found: 100,
  claimed: 8,
  cleared: -4,
  falseClaim: 12,
  votedGood: 1.5,
  votedOut: 1,
  votedWolf: -1.5,
  votedClear: 1,
  spared: 2,
  victim: 1,
  accusedGood: 0.5,
  accusedWolf: -0.5,
  accused: 0.4,
  accusedCap: 1.6,
};

/** The seer claims a bot believes, each with its trust (0 to 1). */
export function trustedClaims(
  clues: Clues,
  knowledge: Knowledge,
): { claim: Claim; trust: number }[] {
  const claimants = new Set(clues.claims.map((c) => c.claimant));
  const liars = liarsOf(clues, knowledge);
  const trust = (claimant: PlayerId) => {
    if (liars.has(claimant)) return 0;
    if (clues.revealed(claimant) === "seer") return 1;
    return 1 / [...claimants].filter((id) => !liars.has(id)).length;
  };
  return clues.claims
    .filter((claim) => claim.claimant !== clues.me)
    .map((claim) => ({ claim, trust: trust(claim.claimant) }))
    .filter(({ trust }) => trust > 0);
}

/**
 * The claimants shown to lie: one whose named werewolf died innocent (or
 * cleared seat died a werewolf), one revealed other than the seer at death,
 * every claimant but a seer revealed at death, and (for the seer herself,
 * with `own`) anyone but her.
 */
function liarsOf(clues: Clues, knowledge: Knowledge): Set<PlayerId> {
  const liars = new Set<PlayerId>();
  const seerDied = [...clues.deaths].find(([, d]) => d.role === "seer")?.[0];
  const iAmSeer = knowledge === "own" && clues.role === "seer";
  for (const claim of clues.claims) {
    const { claimant, target, wolf } = claim;
    if (claimant === clues.me) continue;
    const role = clues.revealed(target);
    const wrong = role !== undefined && (role === "werewolf") !== wolf;
    const told = knowledge === "own" && clues.inspected.has(target) &&
      clues.inspected.get(target) !== wolf;
    const dead = clues.revealed(claimant);
    if (
      wrong || told || iAmSeer || (dead !== undefined && dead !== "seer") ||
      (seerDied !== undefined && seerDied !== claimant)
    ) liars.add(claimant);
  }
  return liars;
}

/** Seats the bot knows are not werewolves (besides the revealed dead). */
function innocents(clues: Clues, knowledge: Knowledge): Set<PlayerId> {
  const known = new Set<PlayerId>([clues.me]);
  if (knowledge === "public") return known;
  for (const [id, wolf] of clues.inspected) if (!wolf) known.add(id);
  for (const id of clues.victims) known.add(id);
  return known;
}

/** The suspicion of every living seat but the bot itself. */
export function suspicions(
  clues: Clues,
  knowledge: Knowledge,
): Map<PlayerId, Suspicion> {
  const scores = new Map<PlayerId, Suspicion>();
  for (const id of clues.alive) {
    if (id !== clues.me) scores.set(id, { score: 0, reasons: [] });
  }
  const add = (id: PlayerId, weight: number, reason: Reason) => {
    const entry = scores.get(id);
    if (entry === undefined || weight === 0) return;
    entry.score += weight;
    if (weight > 0) entry.reasons.push({ reason, weight });
  };
  const good = innocents(clues, knowledge);
  if (knowledge === "own") {
    for (const [id, wolf] of clues.inspected) {
      if (wolf) add(id, W.found, { kind: "found" });
    }
  }
  for (const { claim, trust } of trustedClaims(clues, knowledge)) {
    if (claim.wolf) {
      add(claim.target, W.claimed * trust, {
        kind: "claimed",
        claimant: claim.claimant,
      });
    } else add(claim.target, W.cleared * trust, { kind: "accused" });
  }
  for (const liar of liarsOf(clues, knowledge)) {
    add(liar, W.falseClaim, { kind: "false_claim" });
  }
  const wolves = new Set(
    [...clues.deaths].filter(([, d]) => d.role === "werewolf").map(([id]) =>
      id
    ),
  );
  for (const { day, voter, target } of clues.votes) {
    const role = clues.revealed(target);
    if (role === "werewolf") add(voter, W.votedWolf, { kind: "accused" });
    else if (role !== undefined) {
      const out = clues.deaths.get(target)?.cause === "vote" &&
        clues.deaths.get(target)?.day === day;
      add(voter, W.votedGood + (out ? W.votedOut : 0), {
        kind: "voted_good",
        target,
        role,
        day,
      });
    } else if (good.has(target) && target !== voter) {
      add(voter, W.votedClear, { kind: "voted_clear" });
    }
  }
  for (const wolf of wolves) {
    const died = clues.deaths.get(wolf)!;
    for (const day of new Set(clues.votes.map((v) => v.day))) {
      if (died.cause === "vote" && died.day < day) continue;
      if (died.cause !== "vote" && died.day <= day) continue;
      const against = clues.votes.some((v) =>
        v.day === day && v.target === wolf
      );
      if (!against) continue; // nobody put the werewolf to the vote that day
      for (const v of clues.votes) {
        if (v.day === day && v.target !== wolf) {
          add(v.voter, W.spared, { kind: "spared", wolf, day });
        }
      }
    }
  }
  for (const [victim, death] of clues.deaths) {
    if (death.cause !== "werewolves") continue;
    for (const a of clues.accusations) {
      if (a.speaker !== victim || a.day > death.day) continue;
      for (const id of a.targets) add(id, W.victim, { kind: "victim", victim });
    }
  }
  const accusers = new Map<PlayerId, Set<PlayerId>>();
  for (const a of clues.accusations) {
    for (const target of a.targets) {
      const role = clues.revealed(target);
      if (role === "werewolf") {
        add(a.speaker, W.accusedWolf, { kind: "accused" });
      } else if (role !== undefined) {
        add(a.speaker, W.accusedGood, { kind: "accused_good", target, role });
      }
      if (a.day >= clues.day - 1 && a.speaker !== clues.me) {
        accusers.set(
          target,
          (accusers.get(target) ?? new Set()).add(a.speaker),
        );
      }
    }
  }
  for (const [target, by] of accusers) {
    add(target, Math.min(W.accusedCap, W.accused * by.size), {
      kind: "accused",
    });
  }
  for (const id of good) {
    const entry = scores.get(id);
    if (entry !== undefined) entry.score = -Infinity;
  }
  for (const entry of scores.values()) {
    entry.reasons.sort((a, b) => b.weight - a.weight);
  }
  return scores;
}
