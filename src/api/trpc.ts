import { initTRPC } from "@trpc/server";
import superjson from "superjson";
import type { AppContext } from "./context.ts";
import { describeIssues, issuesOf } from "./_issues.ts";

/**
 * The tRPC instance: superjson on the wire, and an error formatter that
 * turns schema violations into a sentence naming each field, with the
 * issues also in `data.issues`.
 */
const t = initTRPC.context<AppContext>().create({
  transformer: superjson,
  // never send server stack traces to clients; the server logs them
  isDev: false,
  errorFormatter({ shape, error }) {
    const issues = error.code === "BAD_REQUEST" ? issuesOf(error.cause) : null;
    if (issues === null) {
      return { ...shape, data: { ...shape.data, issues: null } };
    }
    return {
      ...shape,
      message: describeIssues(issues),
      data: { ...shape.data, issues },
    };
  },
});

/** Builds routers. */
export const router = t.router;

/** A procedure anyone may call. */
export const publicProcedure = t.procedure;
