import { adminRouter } from "./admin_router.ts";
import { gameRouter } from "./game_router.ts";
import { hubRouter } from "./hub_router.ts";
import { lobbyRouter } from "./lobby_router.ts";
import { systemRouter } from "./system_router.ts";
import { tournamentRouter } from "./tournament_router.ts";
import { router } from "./trpc.ts";

/** The whole API of Loup-Garou. */
export const appRouter = router({
  system: systemRouter,
  hub: hubRouter,
  lobby: lobbyRouter,
  game: gameRouter,
  tournament: tournamentRouter,
  admin: adminRouter,
});

/** The type clients import to get end-to-end types. */
export type AppRouter = typeof appRouter;
