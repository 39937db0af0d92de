/**
 * The page's routes in the URL's hash, DOM-free (the hooks follow them,
 * `web/hooks.ts`; the tournaments' view has its own, in
 * `leaderboard_model.ts`).
 * @module
 */

/** Where the page is: the lobby, or one game (and a step of its replay). */
export interface Route {
  /** The game shown, or null for the lobby. */
  gameId: string | null;
  /** The replay's step to open (`?step=N`, 0 or more), or null. */
  step: number | null;
}

/**
 * The route of a hash: `#/games/{gameId}`, `#/games/{gameId}?step={n}`
 * (its replay at step n, once the game is over), or anything else (the
 * lobby).
 */
export function routeOf(hash: string): Route {
  const match = /^#\/games\/(g-[a-z0-9]{4,32})(?:\?step=(\d{1,9}))?$/.exec(
    hash,
  );
  if (match === null) return { gameId: null, step: null };
  return {
    gameId: match[1] ?? null,
    step: match[2] === undefined ? null : Number(match[2]),
  };
}

/** The hash of a game's page, or of its replay at `step`. */
export function gameHash(gameId: string, step: number | null = null): string {
  return `#/games/${gameId}${step === null ? "" : `?step=${step}`}`;
}

/** The operator's view's route: `#/operator`, `?lang=fr` for French; else null. */
export function operatorRouteOf(hash: string): { locale: "en" | "fr" } | null {
  const match = /^#\/operator(?:\?lang=(en|fr))?$/.exec(hash);
  if (match === null) return null;
  return { locale: match[1] === "fr" ? "fr" : "en" };
}

/** The hash of the operator's view in `locale`. */
export function operatorHash(locale: "en" | "fr" = "en"): string {
  return `#/operator${locale === "en" ? "" : `?lang=${locale}`}`;
}
