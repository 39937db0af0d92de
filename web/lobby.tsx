/// <reference lib="dom" />
/**
 * The lobby: every game with its status, players and day, refreshed when
 * the hub announces a phase or a table (and every few seconds, for new
 * games), and for admins the form that creates a game played by bots.
 * @module
 */
import type { JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { GameSummary, WhoAmI } from "../src/mod.ts";
import type { Api } from "./connection.ts";
import { messageOf } from "./hooks.ts";
import { phaseTitle } from "./model.ts";

/** The games and the create form. */
export function Lobby(props: { api: Api; who: WhoAmI | null }): JSX.Element {
  const { api, who } = props;
  const games = useGames(api);
  return (
    <section class="lobby" aria-labelledby="lobby-title">
      <h1 id="lobby-title">Games</h1>
      {who?.admin ? <CreateDemo api={api} /> : (
        <p class="hint">
          Creating a game needs the admin token: enter it above (a server
          without <code>ADMIN_TOKEN</code> lets anyone).
        </p>
      )}
      {games.error !== null && <p role="alert">{games.error}</p>}
      <GameTable rows={games.rows} />
    </section>
  );
}

function useGames(
  api: Api,
): { rows: GameSummary[] | null; error: string | null } {
  const [rows, setRows] = useState<GameSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
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
        const listed = await api.lobby.listGames.query({ limit: 200 });
        if (!stopped) {
          setRows(listed.reverse());
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
    // only phase changes matter here: no presence (a ui client's default)
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
  }, [api]);
  return { rows, error };
}

function GameTable(props: { rows: GameSummary[] | null }) {
  const { rows } = props;
  if (rows === null) return <p>Loading the games…</p>;
  if (rows.length === 0) return <p id="no-games">No games yet.</p>;
  return (
    <div class="scroll-x">
      <table id="games">
        <caption>Newest first</caption>
        <thead>
          <tr>
            <th scope="col">Game</th>
            <th scope="col">Status</th>
            <th scope="col">Players</th>
            <th scope="col">Day</th>
            <th scope="col">Phase</th>
            <th scope="col">Winner</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={row.gameId}
              data-game={row.gameId}
              data-status={row.status}
            >
              <th scope="row">
                <a href={`#/games/${row.gameId}`}>{row.name}</a>
              </th>
              <td>{row.status}</td>
              <td>{row.joined} / {row.players}</td>
              <td>{row.day}</td>
              <td>{phaseTitle(row.phase)}</td>
              <td>{row.winner ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CreateDemo(props: { api: Api }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setBusy(true);
    setError(null);
    try {
      const { gameId } = await props.api.lobby.createDemoGame.mutate({
        players: Number(form.get("players")),
        thinkMs: Number(form.get("think")),
        actionTimeoutMs: Number(form.get("timeout")) * 1000,
      });
      location.hash = `#/games/${gameId}`;
    } catch (cause) {
      setError(`The game could not be created: ${messageOf(cause)}`);
      setBusy(false);
    }
  };
  return (
    <form id="create-demo" class="create" onSubmit={submit}>
      <fieldset>
        <legend>A new game played by bots</legend>
        <label>
          Players{" "}
          <input
            name="players"
            type="number"
            min={5}
            max={18}
            value={8}
            required
          />
        </label>
        <label>
          Bots think (ms){" "}
          <input
            name="think"
            type="number"
            min={0}
            max={10000}
            value={1200}
            required
          />
        </label>
        <label>
          Turn limit (s){" "}
          <input
            name="timeout"
            type="number"
            min={1}
            max={600}
            value={30}
            required
          />
        </label>
        <button type="submit" disabled={busy}>
          {busy ? "Creating…" : "Create a game with bots"}
        </button>
      </fieldset>
      {error !== null && <p role="alert">{error}</p>}
    </form>
  );
}
