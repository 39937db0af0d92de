/**
 * Scoring: the seeded schedule ({@linkcode buildSchedule}) and pure
 * functions over ended games' logs, shared by the server (`tournament.*`,
 * `GET /tournaments/{id}/results.json`) and the runner (`tournament/`). {@linkcode scoreGames} gives the whole
 * `results.json` ({@linkcode ResultsSchema}), {@linkcode gamesCsv} its
 * `games.csv`. Imports only the contract, zod and `openskill`; no I/O.
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
  ratingHistory,
  ratingsOf,
} from "./ratings.ts";
export { isVoided, scoreGames, type ScoreOptions } from "./score.ts";
export {
  AgentHealthSchema,
  type AgentResult,
  AgentResultSchema,
  DEFAULT_VOID_CAUSES,
  EloSchema,
  type GameResult,
  GameResultSchema,
  KEY_ROLES,
  PlaySchema,
  type RatingStep,
  RatingStepSchema,
  type Results,
  ResultsSchema,
  SeatResultSchema,
  SkillSchema,
  type WinStat,
  WinStatSchema,
} from "./results.ts";
export { GAMES_CSV_COLUMNS, gamesCsv } from "./games_csv.ts";
export { below, mulberry32, shuffled } from "./_random.ts";
export {
  buildSchedule,
  type ScheduledGame,
  type ScheduledSeat,
  type ScheduleOptions,
  seatAgents,
} from "./schedule.ts";
