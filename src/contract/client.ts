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

/**
 * What a client may send as tRPC `connectionParams` (or, for the id and the
 * type, as the `client_id` and `client_type` query parameters).
 */
export const ConnectionParamsSchema = z.object({
  clientId: ClientIdSchema.optional(),
  clientType: ClientTypeSchema.optional(),
  token: z.string().max(512).optional(),
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
