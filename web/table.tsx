/// <reference lib="dom" />
/**
 * The players at the table: a compact grid of seats (name, seat, the role
 * once this viewer may know it, alive or dead and how), with the player of
 * the replay's current step marked.
 * @module
 */
import type { JSX } from "preact";
import type { PlayerModel } from "./model.ts";
import type { CurrentPlayer } from "./replay_step.ts";

export type { CurrentPlayer } from "./replay_step.ts";

/** The roles' names for people. */
export const ROLE_NAMES: Record<string, string> = {
  werewolf: "Werewolf",
  villager: "Villager",
  seer: "Seer",
  witch: "Witch",
  hunter: "Hunter",
  guard: "Guard",
};

/** How a player died, in a few words. */
const DEATHS: Record<NonNullable<PlayerModel["cause"]>, string> = {
  werewolves: "killed by the wolves",
  poison: "poisoned",
  vote: "voted out",
  hunter: "shot by the hunter",
};

/** The table; `current` marks one seat (the replay's step). */
export function Table(
  props: {
    players: PlayerModel[];
    name: string;
    current: CurrentPlayer | null;
  },
): JSX.Element {
  const { players, name, current } = props;
  const alive = players.filter((player) => player.alive).length;
  return (
    <section class="table-wrap" aria-labelledby={`${name}-players`}>
      <h2 id={`${name}-players`}>
        Players{" "}
        <span class="count">
          {players.length === 0 ? "" : `${alive} of ${players.length} alive`}
        </span>
      </h2>
      <ul class="table">
        {players.map((player) => {
          const doing = current?.id === player.id ? current.doing : null;
          return (
            <li
              key={player.id}
              class="seat"
              data-player={player.id}
              data-alive={String(player.alive)}
              data-role={player.role ?? undefined}
              data-current={doing ?? undefined}
              aria-current={doing === null ? undefined : "step"}
            >
              <span class="who">
                <span class="name">{player.name}</span>{" "}
                <span class="id">{player.id}</span>
              </span>
              <span class="state">
                {player.role !== null && (
                  <>
                    <span class="role" data-role={player.role}>
                      {ROLE_NAMES[player.role] ?? player.role}
                    </span>
                    {" · "}
                  </>
                )}
                {player.alive ? "alive" : "dead"}
              </span>
              {!player.alive && player.cause !== null && (
                <span class="cause">{DEATHS[player.cause]}</span>
              )}
              {doing !== null && <span class="doing">▶ {doing}</span>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
