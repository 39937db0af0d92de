import { z } from "zod";

/** The roles of the game. */
export const ROLES = [
  "werewolf",
  "villager",
  "seer",
  "witch",
  "hunter",
  "guard",
] as const;

/** One of {@linkcode ROLES}. */
export const RoleSchema = z.enum(ROLES);

/** A role. */
export type Role = z.infer<typeof RoleSchema>;

/** The phases of a game, in the order of a day. */
export const GAME_PHASES = [
  "lobby",
  "night",
  "witch",
  "dawn",
  "hunter",
  "discussion",
  "vote",
  "ended",
] as const;

/** One of {@linkcode GAME_PHASES}. */
export const GamePhaseSchema = z.enum(GAME_PHASES);

/** A phase. */
export type GamePhase = z.infer<typeof GamePhaseSchema>;

/** A player id: `p1` to `p18`, by seat. */
export const PlayerIdSchema = z.string().regex(
  /^p([1-9]|1[0-8])$/,
  "a player id is p1 to p18",
);

/** A player id. */
export type PlayerId = z.infer<typeof PlayerIdSchema>;

/**
 * An agent label (`lobby.join`'s `agent`): what plays the seat, e.g. a
 * tournament's agent name `smart-v2` or a model id `openai/gpt-4o`, kept in
 * `player_joined` and so in the log and the transcript. 1 to 64 of letters,
 * digits and `. _ : @ + / -`, starting with a letter or digit.
 */
export const AGENT_LABEL = /^[A-Za-z0-9][A-Za-z0-9._:@+\/-]{0,63}$/;

/** An agent label: see {@linkcode AGENT_LABEL}. */
export const AgentLabelSchema = z.string().regex(
  AGENT_LABEL,
  "an agent label is 1 to 64 letters, digits or . _ : @ + / -, starting with a letter or digit",
);

/** A game id. */
export const GameIdSchema = z.string().regex(
  /^g-[a-z0-9]{4,32}$/,
  "a game id is g- and 4 to 32 lowercase letters or digits, as lobby.createGame and lobby.listGames give it",
);

/** How many players of each role; absent roles are 0. */
export const RoleCountsSchema = z.object({
  werewolf: z.number().int().min(0).max(17).optional(),
  villager: z.number().int().min(0).max(17).optional(),
  seer: z.number().int().min(0).max(1).optional(),
  witch: z.number().int().min(0).max(1).optional(),
  hunter: z.number().int().min(0).max(1).optional(),
  guard: z.number().int().min(0).max(1).optional(),
});

/** Role counts. */
export type RoleCounts = z.infer<typeof RoleCountsSchema>;

/**
 * The most characters (UTF-16 code units, as JavaScript and zod count them)
 * a game may allow in one `say`: the bound of `maxSayChars` and of
 * `game.say`'s input. A game's own limit is its `maxSayChars`.
 */
export const SAY_CHARS_LIMIT = 20_000;

/** The night and hunter powers, as `game.act` takes them. */
export const ACTION_KINDS = [
  "wolf_kill",
  "seer_inspect",
  "witch_save",
  "witch_poison",
  "witch_pass",
  "guard_protect",
  "hunter_shoot",
] as const;

/** One of {@linkcode ACTION_KINDS}. */
export const ActionKindSchema = z.enum(ACTION_KINDS);

/** A power's use. */
export const GameActionSchema = z.object({
  kind: ActionKindSchema,
  target: PlayerIdSchema.optional(),
});

/** A power's use. */
export type GameAction = z.infer<typeof GameActionSchema>;

/** An idempotency key: the same key is applied once and answered alike. */
export const ActionIdSchema = z.string().min(1).max(64);

/**
 * The fewest characters of `lobby.join`'s `actionId`: the seat token of a
 * join with an `actionId` is derived from it (so that a retried join
 * answers the same token), so it must be a secret as hard to guess as a
 * token: a random one (a UUID has 36 characters).
 */
export const JOIN_ACTION_ID_MIN = 16;

/** `lobby.join`'s `actionId` (see {@linkcode JOIN_ACTION_ID_MIN}). */
export const JoinActionIdSchema = ActionIdSchema.min(JOIN_ACTION_ID_MIN, {
  message:
    `a join's actionId has ${JOIN_ACTION_ID_MIN} to 64 characters and must be random (a UUID): its seat token is derived from it`,
});

/** What the game may wait for from a player. */
export const REQUESTS = [
  "speak",
  "vote",
  "wolf_kill",
  "seer_inspect",
  "guard_protect",
  "witch",
  "hunter_shoot",
  "bid",
] as const;

/** One of {@linkcode REQUESTS}. */
export const RequestSchema = z.enum(REQUESTS);

/** A request. */
export type Request = z.infer<typeof RequestSchema>;

/** Who won. */
export const WinnerSchema = z.enum(["village", "werewolves"]);

/** How a player died. */
export const DeathCauseSchema = z.enum([
  "werewolves",
  "poison",
  "vote",
  "hunter",
]);

/** A chat channel. */
export const ChannelSchema = z.enum(["public", "werewolves"]);
