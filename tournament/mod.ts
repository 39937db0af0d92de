/**
 * Tournaments: the config ({@linkcode TournamentConfigSchema},
 * {@linkcode parseConfig}), the seeded schedule ({@linkcode buildSchedule})
 * and the scoring of ended games' logs. Client code: it imports only
 * `src/mod.ts`, `agents/mod.ts` and npm packages. The runner
 * ({@linkcode runTournament}, `deno task tournament`) plays it on a server.
 * @module
 */
export {
  type AgentConfig,
  AgentConfigSchema,
  AgentNameSchema,
  BOT_STRATEGIES,
  ConcurrencySchema,
  configJsonSchema,
  SCHEDULE_KINDS,
  type TournamentConfig,
  TournamentConfigSchema,
  TurnPolicySchema,
  VotePolicySchema,
} from "./config.ts";
export {
  parseConfig,
  parseConfigText,
  type ParsedConfig,
} from "./config_errors.ts";
export {
  buildSchedule,
  type ScheduledGame,
  type ScheduledSeat,
  type ScheduleOptions,
  seatAgents,
} from "../src/mod.ts";
export {
  AgentHealthSchema,
  type AgentResult,
  AgentResultSchema,
  below,
  BOOTSTRAP_RESAMPLES,
  type BootstrapOptions,
  type Cause,
  DEFAULT_VOID_CAUSES,
  ELO_INITIAL,
  ELO_K,
  EloSchema,
  type GameFacts,
  type GameInput,
  type GameResult,
  GameResultSchema,
  GAMES_CSV_COLUMNS,
  gamesCsv,
  isVoided,
  KEY_ROLES,
  mulberry32,
  nearestRank,
  percentileInterval,
  PlaySchema,
  ratingHistory,
  ratingsOf,
  type RatingStep,
  RatingStepSchema,
  readGame,
  type Results,
  ResultsSchema,
  scoreGames,
  type ScoreOptions,
  type SeatFacts,
  SeatResultSchema,
  shuffled,
  type Side,
  sideOf,
  SkillSchema,
  wilson,
  type WinStat,
  WinStatSchema,
  Z_95,
} from "../src/mod.ts";
export { leaderboardMarkdown } from "./leaderboard.ts";
export {
  type ProgressEvent,
  type RunOptions,
  runTournament,
  type TournamentOutcome,
} from "./run.ts";
export { configKey, rolesOf, scheduleOf, tournamentSpec } from "./spec.ts";
