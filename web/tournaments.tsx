/// <reference lib="dom" />
/**
 * The tournaments' view (`#/tournaments`, `#/tournaments/{id}`, in English
 * or with `?lang=fr` in French): the list of tournaments kept by the
 * server (`tournament.list`), and one tournament's leaderboard, fetched
 * again (`tournament.get` and `tournament.results`) on each `game_ended`
 * of its `tournament.progress`, so it follows a running tournament live.
 * @module
 */
import type { JSX } from "preact";
import { useEffect, useMemo, useState } from "preact/hooks";
import type {
  Locale,
  Results,
  TournamentRow,
  TournamentView,
} from "../src/mod.ts";
import { BoardCharts } from "./board_charts.tsx";
import { GamesList, RankTable, RoleTable } from "./board_tables.tsx";
import type { Api } from "./connection.ts";
import { messageOf } from "./hooks.ts";
import { LOCALE_NAMES, t } from "./i18n.ts";
import { boardHash, type BoardRoute } from "./leaderboard_model.ts";

/** The list or one tournament, as the route says. */
export function Tournaments(
  props: { api: Api; route: BoardRoute },
): JSX.Element {
  const { api, route } = props;
  const { locale, tournamentId } = route;
  return (
    <section
      class="tournaments"
      id="tournaments"
      lang={locale}
      data-locale={locale}
      aria-labelledby="tournaments-title"
    >
      <nav class="board-nav">
        <a class="back" href="#/">{t(locale, "back")}</a>
        {tournamentId !== null && (
          <a class="back" href={boardHash(null, locale)}>
            {t(locale, "tour.back")}
          </a>
        )}
        <span class="langs" aria-label={t(locale, "tour.language")}>
          {(Object.keys(LOCALE_NAMES) as Locale[]).map((l) => (
            <a
              key={l}
              href={boardHash(tournamentId, l)}
              hreflang={l}
              aria-current={l === locale ? "true" : undefined}
            >
              {LOCALE_NAMES[l]}
            </a>
          ))}
        </span>
      </nav>
      {tournamentId === null
        ? <TournamentList api={api} locale={locale} />
        : (
          <Board
            key={tournamentId}
            api={api}
            tournamentId={tournamentId}
            locale={locale}
          />
        )}
    </section>
  );
}

/** When a tournament was created, for people, in `locale`. */
function whenText(locale: Locale, at: number): string {
  return new Date(at).toLocaleString(locale === "fr" ? "fr-FR" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
  });
}

function TournamentList(props: { api: Api; locale: Locale }): JSX.Element {
  const { api, locale } = props;
  const [rows, setRows] = useState<TournamentRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    const load = () =>
      api.tournament.list.query().then(
        (listed) => current && (setRows(listed), setError(null)),
        (cause) => current && setError(messageOf(cause)),
      );
    void load();
    const every = setInterval(load, 3000);
    return () => {
      current = false;
      clearInterval(every);
    };
  }, [api]);
  return (
    <>
      <h1 id="tournaments-title">{t(locale, "tour.title")}</h1>
      {error !== null && (
        <p role="alert">{t(locale, "tour.error", { error })}</p>
      )}
      {rows === null
        ? <p>{t(locale, "tour.loading")}</p>
        : rows.length === 0
        ? <p id="no-tournaments">{t(locale, "tour.none")}</p>
        : (
          <div class="scroll-x">
            <table id="tournament-list">
              <caption>{t(locale, "tour.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(locale, "tour.name")}</th>
                  <th scope="col">{t(locale, "tour.played")}</th>
                  <th scope="col">{t(locale, "tour.created")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.tournamentId} data-tournament={row.tournamentId}>
                    <th scope="row">
                      <a href={boardHash(row.tournamentId, locale)}>
                        {row.name}
                      </a>
                    </th>
                    <td class="num played">{row.done} / {row.total}</td>
                    <td>
                      <time dateTime={new Date(row.createdAt).toISOString()}>
                        {whenText(locale, row.createdAt)}
                      </time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
    </>
  );
}

/**
 * The tournament and its results, fetched at once and again after each
 * `game_ended` (one fetch at a time; events during one make one more).
 */
function useBoard(
  api: Api,
  tournamentId: string,
): {
  view: TournamentView | null;
  results: Results | null;
  error: string | null;
} {
  const [view, setView] = useState<TournamentView | null>(null);
  const [results, setResults] = useState<Results | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let stopped = false;
    let running = false;
    let again = false;
    const refresh = async () => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        const input = { tournamentId };
        const [got, scored] = await Promise.all([
          api.tournament.get.query(input),
          api.tournament.results.query(input),
        ]);
        if (!stopped) {
          setView(got);
          setResults(scored);
          setError(null);
        }
      } catch (cause) {
        if (!stopped) setError(messageOf(cause));
      } finally {
        running = false;
        if (again && !stopped) {
          again = false;
          void refresh();
        }
      }
    };
    void refresh();
    const progress = api.tournament.progress.subscribe({ tournamentId }, {
      onData: ({ data }) => {
        if (data.type === "game_ended") void refresh();
      },
      onError: () => {}, // the results already shown stay
    });
    return () => {
      stopped = true;
      progress.unsubscribe();
    };
  }, [api, tournamentId]);
  return { view, results, error };
}

function Board(
  props: { api: Api; tournamentId: string; locale: Locale },
): JSX.Element {
  const { locale } = props;
  const { view, results, error } = useBoard(props.api, props.tournamentId);
  const charts = useMemo(
    () =>
      results === null
        ? null
        : <BoardCharts results={results} locale={locale} />,
    [results, locale],
  );
  return (
    <>
      <h1 id="tournaments-title">{view?.name ?? t(locale, "board.title")}</h1>
      {error !== null && (
        <p role="alert">{t(locale, "board.error", { error })}</p>
      )}
      {view !== null && (
        <p
          id="board-progress"
          data-done={view.done}
          data-total={view.total}
        >
          {t(locale, "board.progress", { done: view.done, total: view.total })}
          {" "}
          {view.done < view.total && t(locale, "board.live")}
        </p>
      )}
      {results === null ? <p>{t(locale, "board.loading")}</p> : (
        <>
          <p id="board-counts">
            {t(locale, "board.counts", {
              rated: results.counts.rated,
              selfPlay: results.counts.selfPlay,
              voided: results.counts.voided,
            })}
          </p>
          <h2>{t(locale, "board.title")}</h2>
          <RankTable results={results} locale={locale} />
          {charts}
          <h2>{t(locale, "board.roles.title")}</h2>
          <RoleTable results={results} locale={locale} />
          <h2>{t(locale, "board.games.title")}</h2>
          <GamesList results={results} locale={locale} />
        </>
      )}
    </>
  );
}
