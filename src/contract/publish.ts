import { z } from "zod";
import { ClientIdSchema, type ClientType, ClientTypeSchema } from "./client.ts";
import {
  AgentMessageSchema,
  EpochSecondsSchema,
  GameStateMessageSchema,
  PhaseUpdateMessageSchema,
  PlayerActionMessageSchema,
} from "./messages.ts";

/**
 * The server fills `client_id` (the sender) and `timestamp`: always the
 * server's clock, a `timestamp` sent is accepted (the original clients
 * send one) and replaced.
 */
const filledByServer = {
  client_id: ClientIdSchema.optional(),
  timestamp: EpochSecondsSchema.optional(),
};

/**
 * The messages a client may publish through `hub.publish`. In an
 * `agent_message`, `agent_name` may be left out (the server fills it with
 * the sender's player name or client id) and `redacted_lines` is the
 * server's to set.
 */
export const PublishableMessageSchema = z.discriminatedUnion("message_type", [
  AgentMessageSchema.omit({ redacted_lines: true }).extend({
    ...filledByServer,
    agent_name: AgentMessageSchema.shape.agent_name.optional(),
  }),
  PlayerActionMessageSchema.extend(filledByServer),
  GameStateMessageSchema.extend(filledByServer),
  PhaseUpdateMessageSchema.extend(filledByServer),
]);

/** A message as a client publishes it. */
export type PublishableMessage = z.infer<typeof PublishableMessageSchema>;

/** The message types only an admin may publish. */
export const ADMIN_MESSAGE_TYPES = ["game_state", "phase_update"] as const;

/**
 * The input of `hub.publish`: the message and, for admins, where it goes.
 * Without routing fields an agent's message goes to the `ui` and `observer`
 * clients, as the original server did. `to_client` sends to one client and
 * excludes the other two fields.
 */
export const PublishInputSchema = z
  .object({
    message: PublishableMessageSchema,
    target_type: z
      .union([ClientTypeSchema, z.array(ClientTypeSchema).min(1).max(3)])
      .optional(),
    exclude_client: ClientIdSchema.optional(),
    to_client: ClientIdSchema.optional(),
  })
  .refine(
    (input) =>
      input.to_client === undefined ||
      (input.target_type === undefined && input.exclude_client === undefined),
    {
      message:
        "to_client sends to one client: leave target_type and exclude_client out",
      path: ["to_client"],
    },
  );

/** The typed form of {@linkcode PublishInputSchema}. */
export type PublishInput = z.infer<typeof PublishInputSchema>;

/**
 * What `hub.publish` answers: the message's event id, how many got it and,
 * when the hub text rule removed lines that imitated the game's or the
 * system's voice, how many.
 */
export const PublishResultSchema = z.object({
  eventId: z.string(),
  delivered: z.number().int().nonnegative(),
  redacted_lines: z.number().int().positive().optional(),
});

/** The typed form of {@linkcode PublishResultSchema}. */
export type PublishResult = z.infer<typeof PublishResultSchema>;

/**
 * The client types whose `hub.events` receive presence (`connection`,
 * `disconnection`, `presence_diff` about other clients) unless they pass
 * `presence: false`; the others (agents) get it only with `presence: true`.
 */
export const PRESENCE_BY_DEFAULT: readonly ClientType[] = ["ui", "observer"];

/**
 * The client types whose presence `hub.events` announces unless the
 * subscriber passes `observers: true`: agents and ui clients (the players
 * and their consoles), not observers (the anonymous viewers, who may be
 * thousands: `system.stats` counts them). The original `/ws` protocol
 * announces every client, observers too.
 */
export const ANNOUNCED_BY_DEFAULT: readonly ClientType[] = ["agent", "ui"];

/**
 * The input of `hub.events`: `lastEventId` resumes after that event;
 * `presence` asks for the other clients' presence or declines it (default:
 * {@linkcode PRESENCE_BY_DEFAULT}); `observers`, with presence, adds the
 * observer clients' presence (default: only
 * {@linkcode ANNOUNCED_BY_DEFAULT}'s).
 */
export const HubEventsInputSchema = z
  .object({
    lastEventId: z.string().max(32).nullish(),
    presence: z.boolean().optional(),
    observers: z.boolean().optional(),
  })
  .optional();
