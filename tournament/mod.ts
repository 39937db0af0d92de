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
} from "./schedule.ts";
export {
  type AgentResult,
  AgentResultSchema,
  DEFAULT_VOID_CAUSES,
  EloSchema,
  type GameResult,
  GameResultSchema,
  HealthSchema,
  KEY_ROLES,
  PlaySchema,
  type Results,
  ResultsSchema,
  SeatResultSchema,
  SkillSchema,
  type WinStat,
  WinStatSchema,
} from "./results.ts";
export * from "./scoring/mod.ts";
export { GAMES_CSV_COLUMNS, gamesCsv } from "./games_csv.ts";
export { leaderboardMarkdown } from "./leaderboard.ts";
export {
  type ProgressEvent,
  rolesOf,
  type RunOptions,
  runTournament,
  type TournamentOutcome,
} from "./run.ts";
