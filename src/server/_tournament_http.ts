/**
 * `GET /tournaments/{id}/results.json` and `GET /tournaments/{id}/games.csv`
 * (also `results.csv`): `tournament.results` as a file, through the router
 * with the caller's context. Errors are JSON with the tRPC code.
 * @module
 */
import type { AppContext, ContextRequest } from "../api/mod.ts";
import { gamesCsv } from "../scoring/mod.ts";
import { decodeSegment, routerFileResponse } from "./_router_file.ts";

/** The results' paths: the tournament id and the kind captured. */
export const TOURNAMENT_RESULTS_PATH =
  /^\/tournaments\/([^/]+)\/(results\.json|results\.csv|games\.csv)$/;

/** The file of `match` (from {@linkcode TOURNAMENT_RESULTS_PATH}). */
export function tournamentResultsResponse(
  req: Request,
  options: {
    match: RegExpExecArray;
    createContext: (
      request: ContextRequest,
    ) => AppContext | Promise<AppContext>;
  },
): Promise<Response> {
  const [, id, file] = options.match as unknown as [string, string, string];
  return routerFileResponse(req, {
    what: "A tournament's results file",
    createContext: options.createContext,
    read: async (caller) => {
      const tournamentId = decodeSegment(id, "tournament id");
      const results = await caller.tournament.results({ tournamentId });
      const json = file === "results.json";
      return {
        body: json
          ? `${JSON.stringify(results, null, 2)}\n`
          : gamesCsv(results),
        headers: {
          "content-type": json
            ? "application/json; charset=utf-8"
            : "text/csv; charset=utf-8",
          "content-disposition":
            `attachment; filename="${tournamentId}-${file}"`,
          "cache-control": "no-store",
        },
      };
    },
  });
}
