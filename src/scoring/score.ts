/**
 * Scores a tournament from its ended games' logs: which games count, then
 * every agent's record, ratings, play and health, and every game's seats.
 * Pure: the same games and options give the same results.
 * @module
 */
import { DEFAULT_VOID_CAUSES, type Results, ResultsSchema } from "./results.ts";
import {
  type Cause,
  type GameFacts,
  type GameInput,
  readGame,
} from "./game_facts.ts";
import { healthOf } from "./health.ts";
import { playOf } from "./play.ts";
import {
  BOOTSTRAP_RESAMPLES,
  ELO_INITIAL,
  ELO_K,
  ratingHistory,
  ratingsOf,
} from "./ratings.ts";
import { recordOf, selfPlayOf } from "./records.ts";

/** What to score, and how. */
export interface ScoreOptions {
  /** The ended games, in the order they were scheduled (ratings follow it). */
  games: readonly GameInput[];
  /** The agents to report (default: every agent seated, by name). */
  agents?: readonly string[];
  /** Moves the server refused, per agent (not in the log; default 0). */
  refusals?: Readonly<Record<string, number>>;
  /** The default causes that void a game (default `DEFAULT_VOID_CAUSES`). */
  voidCauses?: readonly Cause[];
  /** The bootstrap's resamples (at least 1; default 200) and seed (default 0). */
  bootstrap?: { resamples?: number; seed?: number };
}

/** Whether `game` had a default with one of `voidCauses`. */
export function isVoided(
  game: GameFacts,
  voidCauses: readonly Cause[],
): boolean {
  return voidCauses.some((cause) => game.causes[cause] > 0);
}

/**
 * The results of `options.games`: a game is voided when a default with a
 * void cause happened in it, self-play when one agent held both sides;
 * rated games are the others. Records, ratings and play are over rated
 * games, self-play's own record over self-play games that are not voided,
 * health over every game. Throws a RangeError for a log that is not an
 * ended game's or a seat map that does not match it.
 */
export function scoreGames(options: ScoreOptions): Results {
  const voidCauses = options.voidCauses ?? DEFAULT_VOID_CAUSES;
  const resamples = options.bootstrap?.resamples ?? BOOTSTRAP_RESAMPLES;
  const seed = options.bootstrap?.seed ?? 0;
  if (!Number.isInteger(resamples) || resamples < 1) {
    throw new RangeError(
      `the bootstrap needs at least 1 resample, not ${resamples}`,
    );
  }
  const facts = options.games.map(readGame);
  const voided = facts.filter((g) => isVoided(g, voidCauses));
  const counted = facts.filter((g) => !isVoided(g, voidCauses));
  const rated = counted.filter((g) => !g.selfPlay);
  const selfPlay = counted.filter((g) => g.selfPlay);
  const agents = options.agents ??
    [...new Set(facts.flatMap((g) => g.seats.map((s) => s.agent)))].sort();
  const ratings = ratingsOf(rated, agents, { resamples, seed });
  const results = agents.map((agent) => ({
    agent,
    record: recordOf(rated, agent),
    ...ratings.get(agent)!,
    play: playOf(rated, agent),
    health: healthOf(facts, agent, options.refusals?.[agent] ?? 0),
    selfPlay: selfPlayOf(selfPlay, agent),
  }));
  results.sort((a, b) =>
    b.openskill.overall.mu - a.openskill.overall.mu ||
    (a.agent < b.agent ? -1 : a.agent > b.agent ? 1 : 0)
  );
  return ResultsSchema.parse({
    version: 1,
    voidCauses: [...voidCauses],
    bootstrap: { resamples, seed },
    elo: { k: ELO_K, initial: ELO_INITIAL },
    counts: {
      games: facts.length,
      rated: rated.length,
      selfPlay: selfPlay.length,
      voided: voided.length,
    },
    voided: voided.map((g) => g.id),
    agents: results,
    ratingHistory: ratingHistory(rated, agents),
    games: facts.map((g) => ({ ...g, voided: isVoided(g, voidCauses) })),
  });
}
