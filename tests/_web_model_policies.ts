/**
 * Shared games for the web model's turn and vote policy tests: three whole
 * house-bot games (bidding, parallel with simultaneous votes, random order) as
 * each viewer saw them live, played once at import, and stepping helpers.
 * @module
 */
import { type Viewer } from "../src/engine/mod.ts";
import { GameService, seatHouseBots } from "../src/game/mod.ts";
import type {
  GameEvent,
  GameEventOf,
  TurnPolicy,
  VotePolicy,
} from "../src/mod.ts";
import { applyEvent, emptyGame } from "../web/model.ts";
import type { ChatLine, GameModel } from "../web/model.ts";
import { within } from "./_helpers.ts";

/** A whole house-bot game under the policies, as each viewer saw it live. */
export async function playedGame(
  policies: { turnPolicy: TurnPolicy; votePolicy?: VotePolicy },
): Promise<{ public: GameEvent[]; god: GameEvent[] }> {
  const games = new GameService();
  try {
    const { gameId } = await games.create({
      players: 8,
      seed: 21,
      actionTimeoutMs: 10_000,
      turnPolicy: policies.turnPolicy,
      votePolicy: policies.votePolicy ?? "sequential",
      ...(policies.turnPolicy === "bidding" ? {} : { discussionRounds: 2 }),
    });
    const room = games.room(gameId);
    const viewers: Viewer[] = [{ kind: "public" }, { kind: "god" }];
    const streams = viewers.map(async (viewer) => {
      const seen: GameEvent[] = [];
      for await (const { event } of room.subscribe(viewer)) {
        seen.push(event);
        if (event.type === "game_over") break;
      }
      return seen;
    });
    const bots = await seatHouseBots(games, gameId, {
      count: 8,
      thinkMs: 0,
      seed: 5,
    });
    const [seenPublic, seenGod] = await within(
      Promise.all(streams),
      20_000,
      "game_over",
    );
    await within(bots.finished, 5000, "the bots leave");
    return { public: seenPublic!, god: seenGod! };
  } finally {
    games.close();
  }
}

/** Folds `log`, calling `check` with the model before and after each event. */
export function stepThrough(
  log: readonly GameEvent[],
  check: (event: GameEvent, before: GameModel, after: GameModel) => void,
): GameModel {
  let model = emptyGame();
  for (const event of log) {
    const before = model;
    model = applyEvent(model, event);
    check(event, before, model);
  }
  return model;
}

/** The events of `type` in `log`, typed. */
export const of = <T extends GameEvent["type"]>(
  log: readonly GameEvent[],
  type: T,
) => log.filter((event): event is GameEventOf<T> => event.type === type);

export const bidding = await playedGame({ turnPolicy: "bidding" });
export const parallel = await playedGame({
  turnPolicy: "parallel",
  votePolicy: "simultaneous",
});
export const randomOrder = await playedGame({ turnPolicy: "random_order" });

/** The round blocks of the square. */
export const blocks = (model: GameModel): ChatLine[] =>
  model.chat.filter((line) => line.kind === "round");
