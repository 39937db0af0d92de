/// <reference lib="dom" />
/**
 * The lobby: the games, a page at a time (`lobby.listGames` with `limit`
 * and `offset`), optionally of one status, refreshed when the hub
 * announces a phase or a table (and every few seconds, for new games); for
 * admins (anyone in development mode) the form that creates a game played
 * by bots and the buttons that delete ended games.
 * @module
 */
import type { JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { GameRow, GameStatus, WhoAmI } from "../src/mod.ts";
import type { Api } from "./connection.ts";
import { CreateGame } from "./create_game.tsx";
import { GamesTable } from "./games_table.tsx";
import { messageOf, useNow } from "./hooks.ts";
import { t } from "./i18n.ts";
import { boardHash } from "./leaderboard_model.ts";
import { LOBBY_PAGE_SIZE as PAGE_SIZE } from "./model.ts";

/** The status filter's choices: "" is every game. */
const STATUSES: [GameStatus | "", string][] = [
  ["", "All games"],
  ["waiting", "Waiting for players"],
  ["running", "Running"],
  ["ended", "Ended"],
];

/** The games, the filter, the pages and the create form. */
export function Lobby(
  props: { api: Api; who: WhoAmI | null; offset: number },
): JSX.Element {
  const { api, who } = props;
  const [status, setStatus] = useState<GameStatus | "">("");
  const [page, setPage] = useState(0);
  const [changed, setChanged] = useState(0);
  const games = useGames(api, { status, page, changed });
  const now = useNow(1000, true) + props.offset;
  const [error, setError] = useState<string | null>(null);
  const onDelete = who?.admin
    ? async (gameId: string) => {
      try {
        await api.lobby.deleteGame.mutate({ gameId });
        setError(null);
      } catch (cause) {
        setError(`The game could not be deleted: ${messageOf(cause)}`);
      }
      setChanged((n) => n + 1);
    }
    : null;
  return (
    <section class="lobby" aria-labelledby="lobby-title">
      <h1 id="lobby-title">Games</h1>
      <p class="to-tournaments">
        <a id="tournaments-link" href={boardHash(null)}>
          {t("en", "tour.link")}
        </a>
      </p>
      {who?.admin ? <CreateGame api={api} /> : (
        <p class="hint">
          Creating a game needs the admin token: enter it above (a server
          without <code>ADMIN_TOKEN</code> lets anyone).
        </p>
      )}
      <div class="filters">
        <label>
          Show{" "}
          <select
            id="status-filter"
            value={status}
            onChange={(event) => {
              setStatus(event.currentTarget.value as GameStatus | "");
              setPage(0);
            }}
          >
            {STATUSES.map(([value, text]) => (
              <option key={value} value={value}>{text}</option>
            ))}
          </select>
        </label>
        <nav class="pages" aria-label="Pages of games">
          <button
            type="button"
            id="page-newer"
            disabled={page === 0}
            onClick={() => setPage(page - 1)}
          >
            ‹ Newer
          </button>
          <span id="page-number" data-page={page + 1}>Page {page + 1}</span>
          <button
            type="button"
            id="page-older"
            disabled={!games.more}
            onClick={() => setPage(page + 1)}
          >
            Older ›
          </button>
        </nav>
      </div>
      {games.error !== null && <p role="alert">{games.error}</p>}
      {error !== null && <p role="alert">{error}</p>}
      {games.rows === null
        ? <p>Loading the games…</p>
        : games.rows.length === 0
        ? <p id="no-games">No games {status === "" ? "yet" : "here"}.</p>
        : <GamesTable rows={games.rows} now={now} onDelete={onDelete} />}
    </section>
  );
}

/**
 * One page of games, newest first, kept fresh; `more` says whether older
 * games follow (one row more than the page is asked for).
 */
function useGames(
  api: Api,
  query: { status: GameStatus | ""; page: number; changed: number },
): { rows: GameRow[] | null; more: boolean; error: string | null } {
  const [rows, setRows] = useState<GameRow[] | null>(null);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { status, page, changed } = query;
  useEffect(() => {
    let stopped = false;
    let running = false;
    let again = false;
    let soon: ReturnType<typeof setTimeout> | undefined;
    const refresh = async () => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        const listed = await api.lobby.listGames.query({
          ...(status === "" ? {} : { status }),
          limit: PAGE_SIZE + 1,
          offset: page * PAGE_SIZE,
        });
        if (!stopped) {
          setMore(listed.length > PAGE_SIZE);
          setRows(listed.slice(-PAGE_SIZE).reverse());
          setError(null);
        }
      } catch (cause) {
        if (!stopped) {
          setError(`The games could not be listed: ${messageOf(cause)}`);
        }
      } finally {
        running = false;
        if (again && !stopped) {
          again = false;
          void refresh();
        }
      }
    };
    void refresh();
    const every = setInterval(refresh, 3000);
    // only phase changes matter here: no presence (an observer takes the
    // agents' and ui clients' by default)
    const hub = api.hub.events.subscribe({ presence: false }, {
      onData: ({ data }) => {
        const type = data.message_type;
        if (type !== "phase_update" && type !== "game_state") return;
        soon ??= setTimeout(() => {
          soon = undefined;
          void refresh();
        }, 200);
      },
      onError: () => {}, // the poll goes on
    });
    return () => {
      stopped = true;
      clearInterval(every);
      clearTimeout(soon);
      hub.unsubscribe();
    };
  }, [api, status, page, changed]);
  return { rows, more, error };
}
