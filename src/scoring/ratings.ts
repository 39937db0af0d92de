/**
 * Ratings over rated games, in the order given: OpenSkill (Plackett–Luce,
 * the `openskill` package's defaults, each game a two-team match ranked by
 * its outcome) overall and per side, and Elo as werewolves and as village;
 * each with a seeded bootstrap 95% interval over games.
 * @module
 */
import { ordinal, rate, type Rating, rating } from "openskill";
import { plackettLuce } from "openskill/models";
import type { AgentResult, RatingStep } from "./results.ts";
import { below, mulberry32 } from "./_random.ts";
import type { GameFacts, Side } from "./game_facts.ts";
import { percentileInterval } from "./intervals.ts";

/** Elo's step: the most one game moves a rating. */
export const ELO_K = 32;

/** Every Elo rating's start. */
export const ELO_INITIAL = 1500;

/** The bootstrap's resamples when not told otherwise. */
export const BOOTSTRAP_RESAMPLES = 200;

/** One rated game: the distinct agents of each side, and who won. */
interface Match {
  wolves: string[];
  village: string[];
  winner: Side;
}

function matchOf(game: GameFacts): Match {
  const of = (side: Side) => [
    ...new Set(game.seats.filter((s) => s.side === side).map((s) => s.agent)),
  ];
  return {
    wolves: of("werewolves"),
    village: of("village"),
    winner: game.winner,
  };
}

/** Every rating after a sequence of matches, keyed `agent` or `agent:side`. */
interface Ratings {
  skill: Map<string, Rating>;
  elo: Map<string, number>;
}

function rateTeams(
  ratings: Ratings,
  teams: string[][],
  werewolvesWon: boolean,
) {
  const now = teams.map((team) =>
    team.map((k) => ratings.skill.get(k) ?? rating())
  );
  const rank = werewolvesWon ? [1, 2] : [2, 1];
  const after = rate(now, { rank, model: plackettLuce });
  teams.forEach((team, t) =>
    team.forEach((key, i) => ratings.skill.set(key, after[t]![i]!))
  );
}

/**
 * Each werewolves' agent's Elo as werewolves against the mean Elo as
 * village of the village's agents, and each village agent's against the
 * mean of the werewolves'; every update from the ratings before the game.
 */
function rateElo(ratings: Ratings, match: Match): void {
  const get = (key: string) => ratings.elo.get(key) ?? ELO_INITIAL;
  const wolves = match.wolves.map((a) => `${a}:werewolves`);
  const village = match.village.map((a) => `${a}:village`);
  const mean = (keys: string[]) =>
    keys.reduce((sum, k) => sum + get(k), 0) / keys.length;
  const updates: [string, number][] = [];
  for (
    const [mine, theirs, won] of [
      [wolves, mean(village), match.winner === "werewolves"],
      [village, mean(wolves), match.winner === "village"],
    ] as const
  ) {
    for (const key of mine) {
      const expected = 1 / (1 + 10 ** ((theirs - get(key)) / 400));
      updates.push([key, get(key) + ELO_K * ((won ? 1 : 0) - expected)]);
    }
  }
  for (const [key, value] of updates) ratings.elo.set(key, value);
}

function rateAll(
  matches: readonly Match[],
  after?: (ratings: Ratings, index: number) => void,
): Ratings {
  const ratings: Ratings = { skill: new Map(), elo: new Map() };
  for (const [index, match] of matches.entries()) {
    const won = match.winner === "werewolves";
    rateTeams(ratings, [match.wolves, match.village], won);
    rateTeams(ratings, [
      match.wolves.map((a) => `${a}:werewolves`),
      match.village.map((a) => `${a}:village`),
    ], won);
    rateElo(ratings, match);
    after?.(ratings, index);
  }
  return ratings;
}

/**
 * Each agent's overall OpenSkill μ after each of the `rated` games, in
 * their order: the same ratings as {@linkcode ratingsOf}'s point values
 * (its last entry's μ are theirs), one entry per game; an agent not yet
 * seated has the initial μ (25).
 */
export function ratingHistory(
  rated: readonly GameFacts[],
  agents: readonly string[],
): RatingStep[] {
  const steps: RatingStep[] = [];
  rateAll(rated.map(matchOf), (ratings, index) =>
    steps.push({
      gameId: rated[index]!.id,
      mu: Object.fromEntries(
        agents.map((a) => [a, (ratings.skill.get(a) ?? rating()).mu]),
      ),
    }));
  return steps;
}

/** The values one agent's intervals are taken over. */
const KEYS = (agent: string) => ({
  overall: agent,
  werewolves: `${agent}:werewolves`,
  village: `${agent}:village`,
});

/** What the bootstrap resamples: its count and seed. */
export interface BootstrapOptions {
  resamples: number;
  seed: number;
}

/**
 * Every agent's ratings over `rated` games (in order) with bootstrap 95%
 * intervals: `resamples` times, draw as many games with replacement
 * (seeded), keep them in their original order, rate them from scratch;
 * each bound is a nearest-rank percentile of the resampled values. An agent
 * absent from a resample keeps the initial rating there.
 */
export function ratingsOf(
  rated: readonly GameFacts[],
  agents: readonly string[],
  options: BootstrapOptions,
): Map<string, Pick<AgentResult, "openskill" | "elo">> {
  const matches = rated.map(matchOf);
  const full = rateAll(matches);
  const draw = mulberry32(options.seed);
  const samples: Ratings[] = [];
  for (let b = 0; b < options.resamples; b++) {
    const picks = matches.map(() => below(draw, matches.length));
    samples.push(rateAll(picks.sort((x, y) => x - y).map((i) => matches[i]!)));
  }
  const skill = (key: string) => {
    const point = full.skill.get(key) ?? rating();
    const mus = samples.map((s) => (s.skill.get(key) ?? rating()).mu);
    return { ...point, ordinal: ordinal(point), ...percentileInterval(mus) };
  };
  const elo = (key: string) => ({
    rating: full.elo.get(key) ?? ELO_INITIAL,
    ...percentileInterval(samples.map((s) => s.elo.get(key) ?? ELO_INITIAL)),
  });
  return new Map(agents.map((agent) => {
    const keys = KEYS(agent);
    return [agent, {
      openskill: {
        overall: skill(keys.overall),
        werewolves: skill(keys.werewolves),
        village: skill(keys.village),
      },
      elo: { werewolves: elo(keys.werewolves), village: elo(keys.village) },
    }];
  }));
}
