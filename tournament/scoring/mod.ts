/**
 * Scoring: pure functions over ended games' logs. {@linkcode scoreGames}
 * gives the whole `results.json`; the parts are exported for tests and
 * for the runner's live view.
 * @module
 */
export {
  type Cause,
  type GameFacts,
  type GameInput,
  readGame,
  type SeatFacts,
  type Side,
  sideOf,
} from "./game_facts.ts";
export { nearestRank, percentileInterval, wilson, Z_95 } from "./intervals.ts";
export {
  BOOTSTRAP_RESAMPLES,
  type BootstrapOptions,
  ELO_INITIAL,
  ELO_K,
  ratingsOf,
} from "./ratings.ts";
export { isVoided, scoreGames, type ScoreOptions } from "./score.ts";
