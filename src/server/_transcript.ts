import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import {
  type AppContext,
  appRouter,
  type ContextRequest,
  errorSentence,
} from "../api/mod.ts";
import { jsonResponse } from "../ws/_wire.ts";

/** `/games/{gameId}/transcript.jsonl`, with the game id captured. */
export const TRANSCRIPT_PATH = /^\/games\/([^/]+)\/transcript\.jsonl$/;

/**
 * `GET /games/{gameId}/transcript.jsonl`: `game.transcript` as JSON Lines,
 * one event per line, for the caller its `Authorization: Bearer` token
 * makes (none: the public view). Errors are JSON with the tRPC code.
 */
export async function transcriptResponse(
  req: Request,
  options: {
    gameId: string;
    createContext: (
      request: ContextRequest,
    ) => AppContext | Promise<AppContext>;
  },
): Promise<Response> {
  if (req.method !== "GET" && req.method !== "HEAD") {
    return jsonResponse(405, {
      error: "A transcript answers GET only.",
    }, { allow: "GET, HEAD" });
  }
  try {
    const ctx = await options.createContext({ req });
    const transcript = await appRouter.createCaller(ctx).game.transcript({
      gameId: safeDecode(options.gameId),
    });
    const lines = transcript.events.map((event) => JSON.stringify(event));
    const body = lines.length === 0 ? "" : `${lines.join("\n")}\n`;
    return new Response(req.method === "HEAD" ? null : body, {
      headers: {
        "content-type": "application/x-ndjson; charset=utf-8",
        "content-disposition":
          `attachment; filename="${transcript.gameId}.jsonl"`,
        "cache-control": transcript.status === "ended"
          ? "private, max-age=3600"
          : "no-store",
      },
    });
  } catch (cause) {
    const error = cause instanceof TRPCError
      ? cause
      : new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause });
    return jsonResponse(getHTTPStatusCodeFromError(error), {
      error: error.code === "INTERNAL_SERVER_ERROR"
        ? "The transcript could not be read."
        : errorSentence(error),
      code: error.code,
    });
  }
}

/** The decoded path segment; a malformed escape is a BAD_REQUEST. */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `The game id in the path is not valid URL encoding: ${segment}`,
    });
  }
}
