/// <reference lib="dom" />
/**
 * One game, live: `game.events` folded into the board. The subscription is
 * tracked, so after a dropped socket `wsLink` resumes it with `lastEventId`
 * and the server sends exactly what was missed; the model ignores anything
 * it has already applied. Once the game is over: the transcript's download
 * and the replay, which takes the board's place (opened at once when the
 * address names a step).
 * @module
 */
import type { JSX } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { Board } from "./board.tsx";
import type { Api } from "./connection.ts";
import { messageOf, type Route } from "./hooks.ts";
import { t } from "./i18n.ts";
import { applyEvent, emptyGame } from "./model.ts";
import { Replay } from "./replay.tsx";

/**
 * The game page; `route` is the address (a new object each time it
 * changes): its `step`, if any, opens the replay there.
 */
export function GamePage(
  props: {
    api: Api;
    gameId: string;
    offset: number;
    godView: boolean;
    route: Route;
  },
): JSX.Element {
  const { api, gameId, offset, godView, route } = props;
  const [model, setModel] = useState(emptyGame);
  const { locale } = model;
  const [error, setError] = useState<string | null>(null);
  const [replaying, setReplaying] = useState(false);
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
  useEffect(() => { // a link to a step opens the replay once the game is over
    if (status === "ended" && route.step !== null) setReplaying(true);
  }, [status, route]);

  return (
    <article
      id="game"
      class="game"
      lang={locale}
      data-locale={locale}
      data-game-id={gameId}
      data-status={status}
      data-phase={model.phase}
      data-god={String(godView)}
      aria-labelledby="game-title"
    >
      <header class="game-head">
        <a class="back" href="#/">{t(locale, "back")}</a>
        <h1 id="game-title" tabIndex={-1} ref={title}>
          {model.name === "" ? gameId : model.name}
        </h1>
        <code class="game-id">{gameId}</code>
        {status === "ended" && (
          <span class="after">
            <a
              id="download"
              href={`/games/${gameId}/transcript.jsonl`}
              download={`${gameId}.jsonl`}
            >
              {t(locale, "download")}
            </a>
            {!replaying && (
              <button
                type="button"
                id="replay-open"
                onClick={() => setReplaying(true)}
              >
                {t(locale, "replay.open")}
              </button>
            )}
          </span>
        )}
      </header>
      {error !== null && (
        <p role="alert" class="warning">
          {t(locale, "game.error", { error })}
        </p>
      )}
      {replaying
        ? (
          <Replay
            api={api}
            gameId={gameId}
            route={route}
            onClose={() => setReplaying(false)}
          />
        )
        : (
          <Board
            name="live"
            model={model}
            offset={offset}
            live
            godView={godView}
          />
        )}
    </article>
  );
}
