/**
 * The lobby's commands: create a game, take a seat, start.
 * @module
 */
import {
  ACTION_TIMEOUT_MS,
  DEFAULT_LOCALE,
  LOCALES,
  type RoleCounts,
  SAY_CHARS_LIMIT,
} from "../contract/mod.ts";
import { accept, type Draft, draft, emit, refuse } from "./_emit.ts";
import { enterNight } from "./_night.ts";
import {
  defaultRoles,
  MAX_PLAYERS,
  MIN_PLAYERS,
  totalOf,
  validateRoles,
} from "./roles.ts";
import { nameRefusal } from "./_names.ts";
import { countsOfDeal, dealRefusal } from "./_deal.ts";
import { seatFor } from "./_seats.ts";
import { policySettings } from "./_settings.ts";
import { rulesOf, rulesText } from "./rules.ts";
import { imitatesAuthority } from "./_voice.ts";
import { cleanSpeech, DEFAULT_MAX_SAY_CHARS } from "./speech.ts";
import type { Command, Decision, GameState } from "./types.ts";

type CommandOf<T extends Command["type"]> = Extract<Command, { type: T }>;

const GAME_ID = /^g-[a-z0-9]{4,32}$/;
const UINT32 = 2 ** 32 - 1;

/**
 * `create` → `game_created` (roles `{}` means the default table at start),
 * with the policies' defaults applied and the `rules` and `rulesText` the
 * game announces (in its `locale`, default English).
 */
export function create(state: GameState, c: CommandOf<"create">): Decision {
  if (state.created) {
    return refuse(
      "PRECONDITION_FAILED",
      `game ${state.gameId} already exists: join it or create another id`,
    );
  }
  const bad = (message: string) => refuse("BAD_REQUEST", message);
  if (!GAME_ID.test(c.gameId)) {
    return bad(`bad game id "${c.gameId}": use g- then 4 to 32 of a-z, 0-9`);
  }
  if (c.name.length < 1 || c.name.length > 64) {
    return bad("the game name must be 1 to 64 characters");
  }
  if (
    !Number.isInteger(c.players) || c.players < MIN_PLAYERS ||
    c.players > MAX_PLAYERS
  ) {
    return bad(
      `a game has ${MIN_PLAYERS} to ${MAX_PLAYERS} players, not ${c.players}`,
    );
  }
  if (!Number.isInteger(c.seed) || c.seed < 0 || c.seed > UINT32) {
    return bad(`the seed must be a whole number from 0 to ${UINT32}`);
  }
  const { min, max } = ACTION_TIMEOUT_MS;
  if (
    !Number.isInteger(c.actionTimeoutMs) || c.actionTimeoutMs < min ||
    c.actionTimeoutMs > max
  ) {
    return bad(
      `actionTimeoutMs must be a whole number of milliseconds from ${min} to ${max}`,
    );
  }
  const policies = policySettings(c);
  if (typeof policies === "string") return bad(policies);
  const maxSayChars = c.maxSayChars ?? DEFAULT_MAX_SAY_CHARS;
  if (
    !Number.isInteger(maxSayChars) || maxSayChars < 1 ||
    maxSayChars > SAY_CHARS_LIMIT
  ) {
    return bad(
      `maxSayChars must be a whole number of characters from 1 to ${SAY_CHARS_LIMIT}`,
    );
  }
  const locale = c.locale ?? DEFAULT_LOCALE;
  if (!LOCALES.includes(locale)) {
    return bad(`locale must be one of ${LOCALES.join(", ")}`);
  }
  if (c.roles !== undefined) {
    const violation = validateRoles(c.players, c.roles);
    if (violation !== null) return { ok: false, violation };
  }
  if (c.deal !== undefined) {
    const refusal = dealRefusal(c.players, c.roles, c.deal);
    if (refusal !== null) return bad(refusal);
  }
  // a deal fixes the counts, so the game starts only with every seat taken
  const roles = c.roles ??
    (c.deal === undefined ? undefined : countsOfDeal(c.deal));
  const settings = {
    players: c.players,
    roles: roles === undefined ? null : { ...roles },
    actionTimeoutMs: c.actionTimeoutMs,
    autoStart: c.autoStart,
    maxSayChars,
    ...policies,
    locale,
  };
  const rules = rulesOf(settings);
  const d = draft(state, c.at);
  emit(d, {
    type: "game_created",
    gameId: c.gameId,
    name: c.name,
    seed: c.seed,
    ...(c.deal === undefined ? {} : { deal: [...c.deal] }),
    players: c.players,
    roles: roles === undefined ? {} : { ...roles },
    actionTimeoutMs: c.actionTimeoutMs,
    discussionRounds: policies.discussionRounds,
    autoStart: c.autoStart,
    maxSayChars,
    turnPolicy: policies.turnPolicy,
    votePolicy: policies.votePolicy,
    maxTurns: policies.maxTurns,
    talkCapPerDay: policies.talkCapPerDay,
    rules,
    rulesText: rulesText(rules, locale),
    locale,
  });
  return accept(d);
}

/**
 * `join` → `player_joined` on the seat asked for or the lowest free one
 * (`_seats.ts`); may start the game.
 */
export function join(state: GameState, c: CommandOf<"join">): Decision {
  if (state.phase !== "lobby") {
    return refuse(
      "PRECONDITION_FAILED",
      `the game has ${
        state.phase === "ended" ? "ended" : "already started"
      }: no more seats can be taken`,
    );
  }
  const { players } = state.settings;
  if (state.players.length >= players) {
    return refuse(
      "PRECONDITION_FAILED",
      `the game is full (${players} of ${players} seats taken): join another game`,
    );
  }
  if (c.name.length < 1 || c.name.length > 40) {
    return refuse("BAD_REQUEST", "a player name must be 1 to 40 characters");
  }
  const named = cleanSpeech(c.name);
  const voiced = !/[\r\n\u2028\u2029]/.test(c.name) &&
    imitatesAuthority(c.name);
  const plain = voiced || (named.ok && named.text === c.name);
  const refusal = plain ? nameRefusal(c.name, state.players) : null;
  if (refusal !== null) return refuse("BAD_REQUEST", refusal);
  if (!plain || voiced) {
    return refuse(
      "BAD_REQUEST",
      `the name ${
        JSON.stringify(c.name)
      } is not allowed: a player name is plain text on one line (no control or invisible characters) that does not imitate the game's or the system's voice (such as SYSTEM, Narrator, MJ or Admin); choose another name`,
    );
  }
  const seat = seatFor(state, c);
  if (typeof seat !== "string") return refuse(seat.code, seat.message);
  const d = draft(state, c.at);
  emit(d, {
    type: "player_joined",
    player_id: seat,
    name: c.name,
    ...(c.agent === undefined ? {} : { agent: c.agent }),
  });
  if (state.settings.autoStart && d.state.players.length === players) {
    startGame(d, rolesFor(d.state));
  }
  return accept(d);
}

/** `start`: starts the game early with the players who joined. */
export function start(state: GameState, c: CommandOf<"start">): Decision {
  if (state.phase !== "lobby") {
    return refuse(
      "PRECONDITION_FAILED",
      `the game is not in the lobby (it is in ${state.phase}): only a waiting game can start`,
    );
  }
  const joined = state.players.length;
  if (joined < MIN_PLAYERS) {
    return refuse(
      "PRECONDITION_FAILED",
      `${joined} players joined: a game starts with ${MIN_PLAYERS} to ${MAX_PLAYERS}`,
    );
  }
  const roles = rolesFor(state);
  const total = totalOf(roles);
  if (total !== joined) {
    return refuse(
      "PRECONDITION_FAILED",
      `the roles are for ${total} players but ${joined} joined: wait for ${
        total - joined
      } more`,
    );
  }
  const violation = validateRoles(joined, roles);
  if (violation !== null) {
    return refuse("PRECONDITION_FAILED", violation.message);
  }
  const d = draft(state, c.at);
  startGame(d, roles);
  return accept(d);
}

/** The explicit roles, or the default table for the players who joined. */
function rolesFor(state: GameState): RoleCounts {
  return state.settings.roles ?? defaultRoles(state.players.length);
}

/** `game_started`, the deal (one `role_assigned` each), the first night. */
function startGame(d: Draft, roles: RoleCounts): void {
  emit(d, {
    type: "game_started",
    players: d.state.players.map((seat) => ({ id: seat.id, name: seat.name })),
    roles: { ...roles },
  });
  for (const seat of d.state.players) {
    emit(d, {
      type: "role_assigned",
      player_id: seat.id,
      role: seat.role ?? "villager",
      teammates: [...seat.teammates],
    });
  }
  enterNight(d);
}
