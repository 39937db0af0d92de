/// <reference lib="dom" />
/**
 * The replay of an ended game: its transcript (`game.transcript`, the whole
 * log once the game is over) stepped through one event at a time on a board
 * that takes the place of the final one. Its controls stay at the top of
 * the window; autoplay runs at a chosen speed; the address follows the
 * step (`#/games/{id}?step=N`, a link that opens the replay there), and the
 * step's player is marked on the table.
 * @module
 */
import type { JSX } from "preact";
import { useEffect, useMemo, useState } from "preact/hooks";
import type { GameEvent } from "../src/mod.ts";
import { Board } from "./board.tsx";
import type { Api } from "./connection.ts";
import { gameHash, messageOf, type Route } from "./hooks.ts";
import { logLocale, t } from "./i18n.ts";
import { foldGame } from "./model.ts";
import { ReplayBar } from "./replay_bar.tsx";
import {
  currentOf,
  describe,
  nextStop,
  previousStop,
  REPLAY_SPEEDS,
  stopsAt,
} from "./replay_step.ts";

/**
 * The replay, loaded when it opens; `route.step` (from the address) is the
 * step to show, first and whenever a link to a step is followed.
 */
export function Replay(
  props: {
    api: Api;
    gameId: string;
    route: Route;
    onClose: () => void;
  },
): JSX.Element {
  const { api, gameId, route, onClose } = props;
  const [events, setEvents] = useState<GameEvent[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [step, setStep] = useState(route.step ?? 1);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(REPLAY_SPEEDS[1] as number);
  const last = events?.length ?? 0;
  const locale = logLocale(events ?? []);
  /** Step `to`, or the next stop after it (never inside a reveal). */
  const snap = (to: number) => {
    const inside = Math.max(0, Math.min(last, to));
    return events === null || stopsAt(events, inside)
      ? inside
      : nextStop(events, inside);
  };
  const go = (to: number) => setStep(snap(to));

  useEffect(() => {
    let current = true;
    setError(null);
    api.game.transcript.query({ gameId }).then(
      (transcript) => current && setEvents(transcript.events),
      (cause) => current && setError(messageOf(cause)),
    );
    return () => {
      current = false;
    };
  }, [api, gameId, attempt]);

  // a link followed while the replay is open moves it to that step
  useEffect(() => {
    if (route.step !== null) setStep(route.step);
  }, [route]);

  useEffect(() => { // keep the step inside the log, at a stop, once known
    if (events !== null && snap(step) !== step) setStep(snap(step));
  }, [events, step]);

  useEffect(() => {
    if (!playing || events === null) return;
    if (step >= events.length) return setPlaying(false);
    const timer = setTimeout(
      () => setStep(nextStop(events, step)),
      1000 / speed,
    );
    return () => clearTimeout(timer);
  }, [playing, step, speed, events]);

  useEffect(() => { // the address links this step (not while it plays)
    if (events !== null && !playing) {
      history.replaceState(null, "", gameHash(gameId, step));
    }
  }, [gameId, step, playing, events]);

  const model = useMemo( // before its first event the log's language too
    () => ({ ...foldGame(events?.slice(0, step) ?? []), locale }),
    [events, step, locale],
  );
  if (events === null) {
    return (
      <section
        id="replay"
        class="replay"
        aria-label={t(locale, "replay.label")}
      >
        {error === null ? <p>{t(locale, "replay.loading")}</p> : (
          <>
            <p role="alert">{t(locale, "replay.failed", { error })}</p>
            <button type="button" onClick={() => setAttempt(attempt + 1)}>
              {t(locale, "replay.retry")}
            </button>
          </>
        )}
      </section>
    );
  }
  const current = events[step - 1];
  return (
    <section id="replay" class="replay" aria-labelledby="replay-title">
      <ReplayBar
        step={step}
        last={last}
        playing={playing}
        speed={speed}
        link={gameHash(gameId, step)}
        locale={locale}
        on={{
          go,
          next: () => setStep(nextStop(events, step)),
          back: () => setStep(previousStop(events, step)),
          play: (on) => {
            if (on && step >= last) setStep(0);
            setPlaying(on);
          },
          speed: setSpeed,
          close: () => {
            history.replaceState(null, "", gameHash(gameId));
            onClose();
          },
        }}
        text={current === undefined ? "" : describe(model, current)}
      />
      <Board
        name="replay"
        model={model}
        offset={0}
        live={false}
        godView
        current={step > 1 && !stopsAt(events, step - 1)
          ? null // a parallel round's reveal: everyone at once
          : currentOf(current)}
      />
    </section>
  );
}
