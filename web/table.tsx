/// <reference lib="dom" />
/**
 * The players at the table: a compact grid of seats (name, seat, the role
 * once this viewer may know it, alive or dead and how), with the player of
 * the replay's current step marked.
 * @module
 */
import type { JSX } from "preact";
import type { Locale } from "../src/mod.ts";
import { causeText, roleName, t } from "./i18n.ts";
import type { PlayerModel } from "./model.ts";
import type { CurrentPlayer } from "./replay_step.ts";

export type { CurrentPlayer } from "./replay_step.ts";

/** The table; `current` marks one seat (the replay's step). */
export function Table(
  props: {
    players: PlayerModel[];
    name: string;
    current: CurrentPlayer | null;
    /** The language of its words. */
    locale: Locale;
  },
): JSX.Element {
  const { players, name, current, locale } = props;
  const alive = players.filter((player) => player.alive).length;
  return (
    <section class="table-wrap" aria-labelledby={`${name}-players`}>
      <h2 id={`${name}-players`}>
        {t(locale, "players")}{" "}
        <span class="count">
          {players.length === 0
            ? ""
            : t(locale, "alive.count", { alive, n: players.length })}
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
                      {roleName(locale, player.role, { capital: true })}
                    </span>
                    {" · "}
                  </>
                )}
                {t(locale, player.alive ? "alive" : "dead")}
              </span>
              {!player.alive && player.cause !== null && (
                <span class="cause">{causeText(locale, player.cause)}</span>
              )}
              {doing !== null && (
                <span class="doing">▶ {t(locale, `doing.${doing}`)}</span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
