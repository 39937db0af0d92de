/**
 * `GET /tournaments/{id}/results.json` and `GET /tournaments/{id}/games.csv`
 * (also `results.csv`): `tournament.results` as a file, through the router
 * with the caller's context. Errors are JSON with the tRPC code.
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
import { gamesCsv } from "../scoring/mod.ts";
import { jsonResponse } from "../ws/_wire.ts";

/** The results' paths: the tournament id and the kind captured. */
export const TOURNAMENT_RESULTS_PATH =
  /^\/tournaments\/([^/]+)\/(results\.json|results\.csv|games\.csv)$/;

/** The file of `match` (from {@linkcode TOURNAMENT_RESULTS_PATH}). */
export async function tournamentResultsResponse(
  req: Request,
  options: {
    match: RegExpExecArray;
    createContext: (
      request: ContextRequest,
    ) => AppContext | Promise<AppContext>;
  },
): Promise<Response> {
  if (req.method !== "GET" && req.method !== "HEAD") {
    return jsonResponse(405, {
      error: "Tournament results answer GET only.",
    }, { allow: "GET, HEAD" });
  }
  const [, id, file] = options.match as unknown as [string, string, string];
  try {
    const ctx = await options.createContext({ req });
    const results = await appRouter.createCaller(ctx).tournament.results({
      tournamentId: id,
    });
    const json = file === "results.json";
    const body = json
      ? `${JSON.stringify(results, null, 2)}\n`
      : gamesCsv(results);
    return new Response(req.method === "HEAD" ? null : body, {
      headers: {
        "content-type": json
          ? "application/json; charset=utf-8"
          : "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${id}-${file}"`,
        "cache-control": "no-store",
      },
    });
  } catch (cause) {
    const error = cause instanceof TRPCError
      ? cause
      : new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause });
    return jsonResponse(getHTTPStatusCodeFromError(error), {
      error: error.code === "INTERNAL_SERVER_ERROR"
        ? "The results could not be computed."
        : errorSentence(error),
      code: error.code,
    });
  }
}
