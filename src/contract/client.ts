import { z } from "zod";

/** The kinds of client the hub knows, as the original server named them. */
export const CLIENT_TYPES = ["agent", "ui", "observer"] as const;

/** One of {@linkcode CLIENT_TYPES}. */
export const ClientTypeSchema = z.enum(CLIENT_TYPES);

/** A kind of client: `agent`, `ui` or `observer`. */
export type ClientType = z.infer<typeof ClientTypeSchema>;

/**
 * A client id: 1 to 128 characters of letters, digits, `_`, `-`, `.` or `:`,
 * so that it is safe in a URL path, a log line and a JSON key.
 */
export const ClientIdSchema = z
  .string()
  .min(1, "a client id has at least 1 character")
  .max(128, "a client id has at most 128 characters")
  .regex(
    /^[A-Za-z0-9_.:-]+$/,
    "a client id uses only letters, digits, '_', '-', '.' and ':'",
  );

/** The `client_id` the server signs its own messages with. */
export const SERVER_CLIENT_ID = "server";

/** What the `client_id` of a game's own hub messages starts with. */
export const GAME_CLIENT_ID_PREFIX = "game:";

/** The `client_id` game `gameId` signs its hub messages with: `game:<gameId>`. */
export function gameClientId(gameId: string): string {
  return `${GAME_CLIENT_ID_PREFIX}${gameId}`;
}

/**
 * Why a client may not use `clientId`, or null when it may: the ids the
 * server signs with ({@linkcode SERVER_CLIENT_ID} and every
 * `game:<gameId>`, see {@linkcode gameClientId}) are reserved, whatever
 * their case, so that nothing a client sends is signed as the server or a
 * game.
 */
export function reservedClientIdIssue(clientId: string): string | null {
  const lower = clientId.toLowerCase();
  if (lower !== SERVER_CLIENT_ID && !lower.startsWith(GAME_CLIENT_ID_PREFIX)) {
    return null;
  }
  return `client id ${
    JSON.stringify(clientId)
  } is reserved: the server signs its own messages as "${SERVER_CLIENT_ID}" and each game as "${GAME_CLIENT_ID_PREFIX}<gameId>" (in any case), so no client may use them; choose another client id`;
}

/**
 * A client id a client may choose: a {@linkcode ClientIdSchema} id that is
 * not reserved (see {@linkcode reservedClientIdIssue}).
 */
export const ClientChosenIdSchema = ClientIdSchema.superRefine((id, ctx) => {
  const issue = reservedClientIdIssue(id);
  if (issue !== null) ctx.addIssue({ code: "custom", message: issue });
});

/**
 * What a client may send as tRPC `connectionParams` (or, for the id and the
 * type, as the `client_id` and `client_type` query parameters). A reserved
 * id (see {@linkcode reservedClientIdIssue}) is refused.
 */
export const ConnectionParamsSchema = z.object({
  clientId: ClientChosenIdSchema.optional(),
  clientType: ClientTypeSchema.optional(),
  token: z.string().max(512).optional(),
  /**
   * `"god"` asks for the god view without a token. Only development mode
   * (`ADMIN_TOKEN` unset) grants it, and only to ui and observer clients
   * without a seat token; elsewhere it is ignored (`system.whoami` says
   * which view the caller got).
   */
  view: z.literal("god", {
    error:
      'view is "god" (the god view, granted in development mode only) or absent',
  }).optional(),
});

/** The typed form of {@linkcode ConnectionParamsSchema}. */
export type ConnectionParams = z.infer<typeof ConnectionParamsSchema>;

/** Who a connection is: the original server's client record. */
export const ClientIdentitySchema = z.object({
  client_id: ClientIdSchema,
  client_type: ClientTypeSchema,
  connected_at: z.date(),
});

/** The typed form of {@linkcode ClientIdentitySchema}. */
export type ClientIdentity = z.infer<typeof ClientIdentitySchema>;
