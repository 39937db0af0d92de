import { TRPCError } from "@trpc/server";
import {
  cleanCloseReason,
  CloseClientInputSchema,
  CloseClientResultSchema,
  OverviewSchema,
} from "../contract/mod.ts";
import type { AppContext } from "./context.ts";
import type { OperatorDesk } from "./operator.ts";
import { publicProcedure, router } from "./trpc.ts";

/**
 * The operator's desk for an admin caller: with `ADMIN_TOKEN` set only the
 * admin token's, in development mode anyone's (as the other admin
 * procedures). FORBIDDEN otherwise; NOT_IMPLEMENTED for a server that
 * gives no desk.
 */
function deskOf(ctx: AppContext): OperatorDesk {
  if (!ctx.isAdmin) {
    throw new TRPCError({
      code: "FORBIDDEN",
      message:
        "The operator's view needs the admin token (connectionParams.token = ADMIN_TOKEN).",
    });
  }
  if (ctx.operator === null) {
    throw new TRPCError({
      code: "NOT_IMPLEMENTED",
      message:
        "This server has no operator's view: start it with startServer (main.ts).",
    });
  }
  return ctx.operator;
}

/** `admin.*`: the operator's view of the running server (admins only). */
export const adminRouter = router({
  /**
   * Connections by protocol and client type, games by status, calls and
   * errors by code per bucket over the last minutes, slow consumers cut
   * and the connected clients (remote address, games, subscriptions, last
   * call): the same counters as `GET /metrics`. Ask it again for fresh
   * numbers (the page does every second).
   */
  overview: publicProcedure
    .output(OverviewSchema)
    .query(({ ctx }) => deskOf(ctx).overview()),

  /**
   * Closes every connection of a client: its WebSockets (tRPC and the
   * original protocol) with close code 4006 and the reason, cleaned and
   * cut; its SSE streams with the subscription's error
   * (`OPERATOR_SSE_CODE`, the reason in its message), then the response's
   * end. Answers how many closed; NOT_FOUND when none of that client is
   * open.
   */
  closeClient: publicProcedure
    .input(CloseClientInputSchema)
    .output(CloseClientResultSchema)
    .mutation(({ ctx, input }) => {
      const desk = deskOf(ctx);
      const reason = cleanCloseReason(input.reason);
      const closed = desk.closeClient(input.clientId, reason);
      if (closed === 0) {
        throw new TRPCError({
          code: "NOT_FOUND",
          message: `No connection of client ${
            JSON.stringify(input.clientId)
          } is open (WebSocket or SSE stream): admin.overview lists the connected clients.`,
        });
      }
      return { closed, reason };
    }),
});
