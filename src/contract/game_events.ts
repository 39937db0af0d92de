import { z } from "zod";
import {
  AgentLabelSchema,
  ChannelSchema,
  DeathCauseSchema,
  GameIdSchema,
  GamePhaseSchema,
  PlayerIdSchema,
  RequestSchema,
  RoleCountsSchema,
  RoleSchema,
  WinnerSchema,
} from "./game.ts";
import { DefaultRecordSchema, eventRecordFields } from "./records.ts";
import { eventBase as base, playerName } from "./_event_base.ts";
import { LocaleSchema } from "./locale.ts";
import { RulesSchema, TurnPolicySchema, VotePolicySchema } from "./settings.ts";
import {
  BidsRevealedSchema,
  SpeakingOrderSchema,
  SpeechHeldSchema,
} from "./talk_events.ts";

/** The game exists; its seed and settings. */
export const GameCreatedSchema = z.object({
  type: z.literal("game_created"),
  ...base,
  gameId: GameIdSchema,
  name: z.string(),
  /** The RNG seed: only the god view sees it before the game ends. */
  seed: z.number().int().nonnegative().optional(),
  /**
   * The role of each seat, seat 1 first, when the creator fixed it
   * (`lobby.createGame`'s `deal`); secret like the seed. Absent: the seeded
   * RNG deals at the start.
   */
  deal: z.array(RoleSchema).optional(),
  players: z.number().int(),
  roles: RoleCountsSchema,
  actionTimeoutMs: z.number().int(),
  /** Speaking rounds per day; null under bidding (turns: `maxTurns`). */
  discussionRounds: z.number().int().nullable(),
  autoStart: z.boolean(),
  /** The longest `say` in characters (absent in older logs: 2,000). */
  maxSayChars: z.number().int().positive().optional(),
  /** Who speaks when (absent in older logs: `round_robin`). */
  turnPolicy: TurnPolicySchema.optional(),
  /** How votes are seen (absent in older logs: `sequential`). */
  votePolicy: VotePolicySchema.optional(),
  /** Speaking turns per day under bidding; else null (absent: null). */
  maxTurns: z.number().int().nullable().optional(),
  /** Speeches per player per day, null for no cap (absent: null). */
  talkCapPerDay: z.number().int().nullable().optional(),
  /** The rules the game enforces, from these settings (absent in older logs). */
  rules: RulesSchema.optional(),
  /** The same rules in a few sentences of the game's language (absent in older logs). */
  rulesText: z.string().optional(),
  /**
   * The game's language (absent in older logs, which were narrated in
   * French: `LEGACY_LOCALE`, read through `localeOf`).
   */
  locale: LocaleSchema.optional(),
});

/** A player took a seat. */
export const PlayerJoinedSchema = z.object({
  type: z.literal("player_joined"),
  ...base,
  player_id: PlayerIdSchema,
  name: playerName,
  /** What plays the seat, when the joiner said (`lobby.join`'s `agent`). */
  agent: AgentLabelSchema.optional(),
});

/** The game began: who plays (roles stay secret). */
export const GameStartedSchema = z.object({
  type: z.literal("game_started"),
  ...base,
  players: z.array(z.object({ id: PlayerIdSchema, name: playerName })),
  roles: RoleCountsSchema,
});

/** A player's role, told to that player; werewolves learn their teammates. */
export const RoleAssignedSchema = z.object({
  type: z.literal("role_assigned"),
  ...base,
  player_id: PlayerIdSchema,
  role: RoleSchema,
  teammates: z.array(PlayerIdSchema),
});

/** The original `phase_update`, with the day and the phase's deadline. */
export const PhaseUpdateEventSchema = z.object({
  type: z.literal("phase_update"),
  ...base,
  old_phase: GamePhaseSchema,
  new_phase: GamePhaseSchema,
  day: z.number().int().nonnegative(),
  description: z.string(),
  deadline: z.number().int().nullable(),
});

/** The game waits for this player: what, among which targets, until when. */
export const YourTurnSchema = z.object({
  type: z.literal("your_turn"),
  ...base,
  player_id: PlayerIdSchema,
  request: RequestSchema,
  options: z.array(PlayerIdSchema),
  /** The allowed amounts of a `bid` request, lowest first; absent otherwise. */
  amounts: z.array(z.number().int()).optional(),
  deadline: z.number().int(),
});

/** The original `agent_message`: speech, public or on the werewolves' channel. */
export const AgentMessageEventSchema = z.object({
  type: z.literal("agent_message"),
  ...base,
  agent_id: PlayerIdSchema,
  agent_name: playerName,
  message_text: z.string(),
  phase: GamePhaseSchema,
  channel: ChannelSchema,
  /**
   * How many lines of the speech were removed because they imitated the
   * game's or the system's voice (see the README's speech rule); absent
   * when none were.
   */
  redacted_lines: z.number().int().positive().optional(),
  ...eventRecordFields,
});

/**
 * The original `player_action`: a vote (public, or under the simultaneous
 * vote policy its voter's until `vote_result`), a pass (public), a power's
 * use (private) or a bid (its bidder's until `bids_revealed`).
 */
export const PlayerActionEventSchema = z.object({
  type: z.literal("player_action"),
  ...base,
  player_id: PlayerIdSchema,
  action: z.enum([
    "vote",
    "pass",
    "wolf_kill",
    "seer_inspect",
    "guard_protect",
    "witch_save",
    "witch_poison",
    "witch_pass",
    "hunter_shoot",
    "bid",
  ]),
  target: PlayerIdSchema.nullable(),
  /** A bid's amount (`bid` only; its author and the god view see it until `bids_revealed`). */
  amount: z.number().int().optional(),
  /** Whether the deadline passed (then `default.cause` is "deadline"). */
  timed_out: z.boolean(),
  /**
   * Present when the server applied the default for the player's request:
   * why (the deadline, or the failure the agent declared). Seen by whoever
   * sees the action.
   */
  default: DefaultRecordSchema.optional(),
  ...eventRecordFields,
});

/** What the seer learned, told to the seer only. */
export const SeerResultSchema = z.object({
  type: z.literal("seer_result"),
  ...base,
  seer_id: PlayerIdSchema,
  target: PlayerIdSchema,
  is_werewolf: z.boolean(),
});

/** The werewolves' victim and the potions left, told to the witch only. */
export const WitchInfoSchema = z.object({
  type: z.literal("witch_info"),
  ...base,
  witch_id: PlayerIdSchema,
  victim: PlayerIdSchema.nullable(),
  heal_available: z.boolean(),
  poison_available: z.boolean(),
});

/** A death, with the dead player's role revealed. */
export const PlayerDiedSchema = z.object({
  type: z.literal("player_died"),
  ...base,
  player_id: PlayerIdSchema,
  cause: DeathCauseSchema,
  role: RoleSchema,
});

/** The count of a day's vote. */
export const VoteResultSchema = z.object({
  type: z.literal("vote_result"),
  ...base,
  day: z.number().int(),
  tally: z.record(z.string(), z.number().int()),
  abstentions: z.number().int(),
  eliminated: PlayerIdSchema.nullable(),
  /**
   * Under the simultaneous vote policy, every vote revealed at the close,
   * by voter in seat order (null: abstained); absent otherwise.
   */
  votes: z.record(z.string(), PlayerIdSchema.nullable()).optional(),
});

/** The original `game_state`: the public table. */
export const GameStateEventSchema = z.object({
  type: z.literal("game_state"),
  ...base,
  phase: GamePhaseSchema,
  players: z.array(z.object({
    id: PlayerIdSchema,
    name: playerName,
    alive: z.boolean(),
    role: RoleSchema.optional(),
  })),
  current_turn: z.number().int(),
  alive_count: z.number().int(),
  dead_count: z.number().int(),
});

/** The end: the winner and every role. */
export const GameOverSchema = z.object({
  type: z.literal("game_over"),
  ...base,
  winner: WinnerSchema,
  roles: z.record(z.string(), RoleSchema),
});

/** Every game event, told apart by `type`. */
export const GameEventSchema = z.discriminatedUnion("type", [
  GameCreatedSchema,
  PlayerJoinedSchema,
  GameStartedSchema,
  RoleAssignedSchema,
  PhaseUpdateEventSchema,
  YourTurnSchema,
  AgentMessageEventSchema,
  PlayerActionEventSchema,
  SeerResultSchema,
  WitchInfoSchema,
  PlayerDiedSchema,
  VoteResultSchema,
  GameStateEventSchema,
  GameOverSchema,
  SpeakingOrderSchema,
  BidsRevealedSchema,
  SpeechHeldSchema,
]);

/** A game event. */
export type GameEvent = z.infer<typeof GameEventSchema>;

/** The `type` values of game events. */
export type GameEventType = GameEvent["type"];

/** The event of one type. */
export type GameEventOf<T extends GameEventType> = Extract<
  GameEvent,
  { type: T }
>;
