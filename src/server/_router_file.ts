/**
 * A procedure's answer served as a downloadable file (the transcripts, the
 * tournaments' results): GET or HEAD only, the router called with the
 * caller's context, errors as JSON `{ error, code }` with tRPC's status.
 * @module
 */
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import {
  type AppContext,
  appRouter,
  type ContextRequest,
  errorSentence,
} from "../api/mod.ts";
import { jsonResponse } from "../ws/_wire.ts";

/** The server-side caller of the router. */
export type Caller = ReturnType<typeof appRouter.createCaller>;

/** A file's body and its headers. */
export interface RouterFile {
  body: string;
  headers: Record<string, string>;
}

/**
 * Answers `req` with the file `read` makes from the router; `what` names
 * it in the sentences (a 405 for another method, a 500 that hides the
 * cause). A thrown TRPCError keeps its code and sentence.
 */
export async function routerFileResponse(
  req: Request,
  options: {
    what: string;
    createContext: (
      request: ContextRequest,
    ) => AppContext | Promise<AppContext>;
    read: (caller: Caller) => Promise<RouterFile>;
  },
): Promise<Response> {
  if (req.method !== "GET" && req.method !== "HEAD") {
    return jsonResponse(405, {
      error: `${options.what} answers GET only.`,
    }, { allow: "GET, HEAD" });
  }
  try {
    const ctx = await options.createContext({ req });
    const { body, headers } = await options.read(appRouter.createCaller(ctx));
    return new Response(req.method === "HEAD" ? null : body, { headers });
  } catch (cause) {
    const error = cause instanceof TRPCError
      ? cause
      : new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause });
    return jsonResponse(getHTTPStatusCodeFromError(error), {
      error: error.code === "INTERNAL_SERVER_ERROR"
        ? `${options.what} could not be read.`
        : errorSentence(error),
      code: error.code,
    });
  }
}

/** The decoded path segment; a malformed escape is a BAD_REQUEST. */
export function decodeSegment(segment: string, name: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `The ${name} in the path is not valid URL encoding: ${segment}`,
    });
  }
}
