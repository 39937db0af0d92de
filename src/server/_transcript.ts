import type { AppContext, ContextRequest } from "../api/mod.ts";
import { decodeSegment, routerFileResponse } from "./_router_file.ts";

/** `/games/{gameId}/transcript.jsonl`, with the game id captured. */
export const TRANSCRIPT_PATH = /^\/games\/([^/]+)\/transcript\.jsonl$/;

/**
 * `GET /games/{gameId}/transcript.jsonl`: `game.transcript` as JSON Lines,
 * one event per line, for the caller its `Authorization: Bearer` token
 * makes (none: the public view). Errors are JSON with the tRPC code.
 */
export function transcriptResponse(
  req: Request,
  options: {
    gameId: string;
    createContext: (
      request: ContextRequest,
    ) => AppContext | Promise<AppContext>;
  },
): Promise<Response> {
  return routerFileResponse(req, {
    what: "A transcript",
    createContext: options.createContext,
    read: async (caller) => {
      const transcript = await caller.game.transcript({
        gameId: decodeSegment(options.gameId, "game id"),
      });
      const lines = transcript.events.map((event) => JSON.stringify(event));
      return {
        body: lines.length === 0 ? "" : `${lines.join("\n")}\n`,
        headers: {
          "content-type": "application/x-ndjson; charset=utf-8",
          "content-disposition":
            `attachment; filename="${transcript.gameId}.jsonl"`,
          "cache-control": transcript.status === "ended"
            ? "private, max-age=3600"
            : "no-store",
        },
      };
    },
  });
}
