/// <reference lib="dom" />
/**
 * One game, live: `game.events` folded into the board. The subscription is
 * tracked, so after a dropped socket `wsLink` resumes it with `lastEventId`
 * and the server sends exactly what was missed; the model ignores anything
 * it has already applied. Once the game is over: the replay and the
 * transcript's download.
 * @module
 */
import type { JSX } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { Board } from "./board.tsx";
import type { Api } from "./connection.ts";
import { messageOf } from "./hooks.ts";
import { applyEvent, emptyGame } from "./model.ts";
import { Replay } from "./replay.tsx";

/** The live game page. */
export function GamePage(
  props: { api: Api; gameId: string; offset: number; godView: boolean },
): JSX.Element {
  const { api, gameId, offset, godView } = props;
  const [model, setModel] = useState(emptyGame);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(model);
  const title = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    latest.current = emptyGame();
    setModel(latest.current);
    setError(null);
    const subscription = api.game.events.subscribe({ gameId }, {
      onData: ({ data }) => {
        const next = applyEvent(latest.current, data);
        if (next === latest.current) return;
        latest.current = next;
        setModel(next);
      },
      onError: (cause) => setError(messageOf(cause)),
    });
    return () => subscription.unsubscribe();
  }, [api, gameId]);

  useEffect(() => title.current?.focus(), [gameId]);

  const status = model.winner !== null
    ? "ended"
    : model.phase === "lobby"
    ? "waiting"
    : "running";
  return (
    <article
      id="game"
      class="game"
      data-game-id={gameId}
      data-status={status}
      data-phase={model.phase}
      data-god={String(godView)}
      aria-labelledby="game-title"
    >
      <p class="back">
        <a href="#/">← All games</a>
      </p>
      <h1 id="game-title" tabIndex={-1} ref={title}>
        {model.name === "" ? gameId : model.name}
      </h1>
      {error !== null && (
        <p role="alert" class="warning">
          This game cannot be shown: {error}
        </p>
      )}
      <Board
        name="live"
        model={model}
        offset={offset}
        live
        godView={godView}
      />
      {status === "ended" && (
        <section class="after" aria-labelledby="after-title">
          <h2 id="after-title">The transcript</h2>
          <p>
            <a
              id="download"
              href={`/games/${gameId}/transcript.jsonl`}
              download={`${gameId}.jsonl`}
            >
              Download the transcript (JSON Lines)
            </a>
          </p>
          <Replay api={api} gameId={gameId} />
        </section>
      )}
    </article>
  );
}
