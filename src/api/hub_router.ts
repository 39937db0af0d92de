import { tracked, TRPCError } from "@trpc/server";
import {
  ADMIN_MESSAGE_TYPES,
  HubEventsInputSchema,
  type HubMessage,
  PublishInputSchema,
  PublishResultSchema,
  reservedClientIdIssue,
} from "../contract/mod.ts";
import type { Route } from "../hub/mod.ts";
import { type AppContext, connectCaller } from "./context.ts";
import { refuseSpectator } from "./_auth.ts";
import { authoredBy } from "./_hub_author.ts";
import { cleanPublished } from "./_hub_text.ts";
import { publicProcedure, router } from "./trpc.ts";

/** Where agents' messages go by default: the original server's route. */
const DEFAULT_AGENT_ROUTE: Route = { target_types: ["ui", "observer"] };

/** `hub.*`: the original relay, typed. */
export const hubRouter = router({
  /**
   * Every hub message addressed to the caller, each tracked with its event
   * id: first a `connection` welcome, then what was missed after
   * `lastEventId`, then live messages; with `presence` (default: ui and
   * observer clients), the other agents' and ui clients' presence (and the
   * observers' with `observers: true`), coalesced per `HUB_PRESENCE_MS`.
   * Over HTTP (SSE) the stream itself is the caller's hub connection while
   * it lasts.
   */
  events: publicProcedure
    .input(HubEventsInputSchema)
    .subscription(async function* ({ ctx, input, signal }) {
      let connection = ctx.connection;
      let stop = signal;
      if (connection === null) {
        // an SSE stream is its own hub connection: the hub may end it too
        // (over a WebSocket the socket's close ends the subscription, so
        // it needs no controller nor combined signal of its own)
        const ended = new AbortController();
        connection = connectCaller(ctx, { close: () => ended.abort() });
        stop = signal === undefined
          ? ended.signal
          : AbortSignal.any([signal, ended.signal]);
      }
      try {
        const deliveries = ctx.hub.subscribe(connection, {
          lastEventId: input?.lastEventId,
          presence: input?.presence,
          observers: input?.observers ?? false,
          signal: stop,
        });
        for await (const { id, message } of deliveries) {
          yield tracked(id, message);
        }
      } finally {
        if (ctx.connection === null) {
          ctx.hub.disconnect(connection, "event stream ended");
        }
      }
    }),

  /**
   * Publishes a message. Agents and ui clients may publish `agent_message`
   * and `player_action`, which go to the ui and observer clients; admins may
   * publish anything anywhere. Observers publish nothing. The `timestamp`
   * is always the server's; `agent_id` and `agent_name` name the sender
   * (see {@linkcode authoredBy}); except for an authenticated admin (who
   * speaks for the server), the text passes the hub text rule (see
   * {@linkcode cleanPublished}).
   */
  publish: publicProcedure
    .input(PublishInputSchema)
    .output(PublishResultSchema)
    .mutation(({ ctx, input }) => {
      const { message, target_type, exclude_client, to_client } = input;
      const sender = senderOf(ctx, message.client_id);
      const chooses = target_type !== undefined ||
        exclude_client !== undefined ||
        to_client !== undefined;
      if (!ctx.isAdmin) {
        if (
          (ADMIN_MESSAGE_TYPES as readonly string[]).includes(
            message.message_type,
          )
        ) {
          throw new TRPCError({
            code: "FORBIDDEN",
            message:
              `Publishing ${message.message_type} needs the admin token (connectionParams.token = ADMIN_TOKEN); without it you may publish agent_message and player_action.`,
          });
        }
        if (chooses) {
          throw new TRPCError({
            code: "FORBIDDEN",
            message:
              "Choosing recipients (target_type, exclude_client, to_client) needs the admin token; leave them out and your message goes to the ui and observer clients.",
          });
        }
      }
      const authenticated = ctx.isAdmin && !ctx.devMode;
      const authored = authoredBy(ctx, message, sender);
      const { message: checked, redactedLines } = authenticated
        ? { message: authored, redactedLines: 0 }
        : cleanPublished(authored);
      const full = {
        ...checked,
        client_id: sender,
        timestamp: ctx.hub.timestamp(), // the server's clock, always
        ...(redactedLines > 0 && checked.message_type === "agent_message"
          ? { redacted_lines: redactedLines }
          : {}),
      } as HubMessage;
      const isAgentTalk = message.message_type === "agent_message" ||
        message.message_type === "player_action";
      const route: Route = to_client !== undefined ? { to_client } : chooses
        ? {
          target_types: typeof target_type === "string"
            ? [target_type]
            : target_type,
          exclude_client,
        }
        : isAgentTalk
        ? DEFAULT_AGENT_ROUTE
        : {};
      const receipt = ctx.hub.route(full, route);
      return redactedLines > 0
        ? { ...receipt, redacted_lines: redactedLines }
        : { ...receipt };
    }),
});

/** The `client_id` a message is published under, checked against the caller. */
function senderOf(ctx: AppContext, claimed: string | undefined): string {
  const { client_id, client_type } = ctx.who;
  const authenticated = ctx.isAdmin && !ctx.devMode;
  if (client_type === "observer" && !authenticated) {
    throw new TRPCError({
      code: "FORBIDDEN",
      message:
        "Observers are read-only: they receive hub events but publish nothing. Connect as an agent or ui client to publish.",
    });
  }
  refuseSpectator(ctx, "publish on the hub");
  if (ctx.isAdmin && claimed !== undefined) {
    const reserved = reservedClientIdIssue(claimed);
    if (reserved !== null && !authenticated) {
      throw new TRPCError({
        code: "FORBIDDEN",
        message:
          `message.client_id: ${reserved}. Only the ADMIN_TOKEN may sign a message as the server or a game.`,
      });
    }
    return claimed;
  }
  if (client_id === undefined) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message:
        "Publishing needs a client id: connect over WebSocket, or pass ?client_id= (or connectionParams.clientId) over HTTP.",
    });
  }
  const holder = ctx.connection === null
    ? ctx.hub.get(client_id)?.owner
    : undefined;
  if (holder !== undefined && holder !== ctx.owner) {
    throw new TRPCError({
      code: "FORBIDDEN",
      message:
        `client_id ${client_id} belongs to a client that connected with a token: publish with that token (Authorization: Bearer), or use your own client id.`,
    });
  }
  if (claimed !== undefined && claimed !== client_id) {
    throw new TRPCError({
      code: "FORBIDDEN",
      message:
        `You may publish only as yourself: message.client_id is ${claimed} but you are ${client_id}. Leave client_id out and the server fills it.`,
    });
  }
  return client_id;
}
