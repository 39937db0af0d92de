/// <reference lib="dom" />
/**
 * The leaderboard's tables: the ranked agents (μ and win rate with their
 * 95% intervals, cost per game or "–"), win rate per role, and the games,
 * each linked to its replay.
 * @module
 */
import type { JSX } from "preact";
import type { Locale, Results, WinStat } from "../src/mod.ts";
import { roleName, t } from "./i18n.ts";
import {
  agentColor,
  boardGames,
  boardRows,
  decimalText,
  intervalText,
  percentText,
  roleTable,
  usdText,
} from "./leaderboard_model.ts";

/** A win rate and its Wilson interval, as one cell. */
function WinCell(props: { locale: Locale; stat: WinStat | undefined }) {
  const { locale, stat } = props;
  if (stat === undefined || stat.games === 0) return <td class="num">–</td>;
  return (
    <td class="num" data-low={stat.low ?? ""} data-high={stat.high ?? ""}>
      {percentText(locale, stat.rate)}{" "}
      <span class="interval">
        {intervalText(
          percentText(locale, stat.low),
          percentText(locale, stat.high),
        )}
      </span>
    </td>
  );
}

/** The ranked agents. */
export function RankTable(
  props: { results: Results; locale: Locale },
): JSX.Element {
  const { results, locale } = props;
  const w = (key: Parameters<typeof t>[1]) => t(locale, key);
  return (
    <div class="scroll-x">
      <table id="leaderboard">
        <caption>{w("board.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{w("board.rank")}</th>
            <th scope="col">{w("board.agent")}</th>
            <th scope="col">{w("board.games")}</th>
            <th scope="col">{w("board.wins")}</th>
            <th scope="col">{w("board.mu")}</th>
            <th scope="col">{w("board.interval")}</th>
            <th scope="col">{w("board.winrate")}</th>
            <th scope="col">{w("board.cost")}</th>
          </tr>
        </thead>
        <tbody>
          {boardRows(results).map((row, i) => (
            <tr key={row.agent} data-agent={row.agent} data-rank={row.rank}>
              <td class="num">{row.rank}</td>
              <th scope="row">
                <span
                  class="swatch"
                  style={{ background: agentColor(i) }}
                  aria-hidden="true"
                />
                {row.agent}
              </th>
              <td class="num">{row.win.games}</td>
              <td class="num">{row.win.wins}</td>
              <td class="num mu">{decimalText(locale, row.mu)}</td>
              <td
                class="num mu-interval"
                data-low={row.low}
                data-high={row.high}
              >
                {intervalText(
                  decimalText(locale, row.low),
                  decimalText(locale, row.high),
                )}
              </td>
              <WinCell locale={locale} stat={row.win} />
              <td class="num cost">{usdText(locale, row.costPerGame)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Win rate per role, a column per role anyone held. */
export function RoleTable(
  props: { results: Results; locale: Locale },
): JSX.Element {
  const { results, locale } = props;
  const table = roleTable(results);
  return (
    <div class="scroll-x">
      <table id="roles">
        <caption>{t(locale, "board.roles.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t(locale, "board.agent")}</th>
            {table.roles.map((role) => (
              <th scope="col" key={role}>
                {roleName(locale, role, { capital: true })}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.agents.map(({ agent, byRole }) => (
            <tr key={agent} data-agent={agent}>
              <th scope="row">{agent}</th>
              {table.roles.map((role) => (
                <WinCell key={role} locale={locale} stat={byRole[role]} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The tournament's ended games, each linked to its replay. */
export function GamesList(
  props: { results: Results; locale: Locale },
): JSX.Element {
  const { results, locale } = props;
  const games = boardGames(results);
  if (games.length === 0) {
    return <p id="board-no-games">{t(locale, "board.games.none")}</p>;
  }
  return (
    <div class="scroll-x board-games">
      <table id="tournament-games">
        <thead>
          <tr>
            <th scope="col">{t(locale, "board.game")}</th>
            <th scope="col">{t(locale, "board.winner")}</th>
            <th scope="col">{t(locale, "board.days")}</th>
            <th scope="col">{t(locale, "board.counted")}</th>
            <th scope="col">{t(locale, "board.replay")}</th>
          </tr>
        </thead>
        <tbody>
          {games.map((game) => (
            <tr
              key={game.gameId}
              data-game={game.gameId}
              data-count={game.count}
            >
              <th scope="row">
                <code>{game.gameId}</code>
              </th>
              <td>{t(locale, `side.${game.winner}`)}</td>
              <td class="num">{game.days}</td>
              <td>{t(locale, `count.${game.count}`)}</td>
              <td>
                <a class="replay-link" href={game.href}>
                  {t(locale, "board.replay")}
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
