/// <reference lib="dom" />
/**
 * The lobby's table of games, newest first: name, id, status, players,
 * day, phase, winner, when it was created and how long it lasted (or has
 * lasted so far), and for a viewer who may, a button that deletes an ended
 * game (`lobby.deleteGame`, after a second click that confirms).
 * @module
 */
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import type { GameRow } from "../src/mod.ts";
import { durationText, gameHash } from "./hooks.ts";
import { phaseTitle } from "./model.ts";

/** When a game was created, for people (the viewer's own time zone). */
function whenText(at: number): string {
  return new Date(at).toLocaleString("en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
  });
}

/** The table; `onDelete` is given when the viewer may delete ended games. */
export function GamesTable(
  props: {
    rows: GameRow[];
    now: number;
    onDelete: ((gameId: string) => Promise<void>) | null;
  },
): JSX.Element {
  const { rows, now, onDelete } = props;
  const [armed, setArmed] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const remove = async (gameId: string) => {
    if (onDelete === null) return;
    setBusy(gameId);
    try {
      await onDelete(gameId);
    } finally {
      setBusy(null);
      setArmed(null);
    }
  };
  return (
    <div class="scroll-x">
      <table id="games">
        <caption>Newest first</caption>
        <thead>
          <tr>
            <th scope="col">Game</th>
            <th scope="col">Id</th>
            <th scope="col">Status</th>
            <th scope="col">Players</th>
            <th scope="col">Day</th>
            <th scope="col">Phase</th>
            <th scope="col">Winner</th>
            <th scope="col">Created</th>
            <th scope="col">Duration</th>
            {onDelete !== null && <th scope="col">Remove</th>}
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
                <a href={gameHash(row.gameId)}>{row.name}</a>
              </th>
              <td>
                <code>{row.gameId}</code>
              </td>
              <td>{row.status}</td>
              <td>{row.joined} / {row.players}</td>
              <td>{row.day}</td>
              <td>{phaseTitle(row.phase)}</td>
              <td>{row.winner ?? "—"}</td>
              <td class="when">
                <time dateTime={new Date(row.createdAt).toISOString()}>
                  {whenText(row.createdAt)}
                </time>
              </td>
              <td class="duration">
                {durationText((row.endedAt ?? now) - row.createdAt)}
                {row.endedAt === null ? " so far" : ""}
              </td>
              {onDelete !== null && (
                <td>
                  {row.status === "ended" && (
                    <button
                      type="button"
                      class={armed === row.gameId ? "delete danger" : "delete"}
                      disabled={busy === row.gameId}
                      aria-label={armed === row.gameId
                        ? `Confirm: delete ${row.name} for good`
                        : `Delete ${row.name}`}
                      onClick={() =>
                        armed === row.gameId
                          ? void remove(row.gameId)
                          : setArmed(row.gameId)}
                      onBlur={() => armed === row.gameId && setArmed(null)}
                    >
                      {armed === row.gameId ? "Delete for good?" : "Delete"}
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
