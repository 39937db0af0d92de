import { TRPCError } from "@trpc/server";
import { GameError } from "../game/mod.ts";
import { publicProcedure } from "./trpc.ts";

/** A procedure whose GameErrors reach the client with their own codes. */
export const gameProcedure = publicProcedure.use(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof GameError) {
    const { code, message } = result.error.cause;
    throw new TRPCError({ code, message, cause: result.error.cause });
  }
  return result;
});
