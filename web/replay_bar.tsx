/// <reference lib="dom" />
/**
 * The replay's controls, kept at the top of the window while the page
 * scrolls: first, back, play or pause, next, last, the speed, the slider,
 * a link to the step and the way back to the final board; under them, the
 * step in words.
 * @module
 */
import type { JSX } from "preact";
import type { Locale } from "../src/mod.ts";
import { singular, t } from "./i18n.ts";
import { REPLAY_SPEEDS } from "./replay_step.ts";

/** What the controls do. */
export interface ReplayActions {
  /** Shows step `to` (0: before the first event). */
  go(to: number): void;
  /** The next step (a parallel round's reveal is one step). */
  next(): void;
  /** The step before. */
  back(): void;
  /** Starts (true) or stops autoplay. */
  play(on: boolean): void;
  /** Sets autoplay's steps per second. */
  speed(stepsPerSecond: number): void;
  /** Closes the replay: the final board again. */
  close(): void;
}

/** The bar: `text` is the current step in words. */
export function ReplayBar(
  props: {
    step: number;
    last: number;
    playing: boolean;
    speed: number;
    link: string;
    text: string;
    /** The language of its words: the game's. */
    locale: Locale;
    on: ReplayActions;
  },
): JSX.Element {
  const { step, last, playing, speed, link, text, locale, on } = props;
  return (
    <div class="replay-bar">
      <div class="controls" role="group" aria-labelledby="replay-title">
        <h2 id="replay-title">{t(locale, "replay.label")}</h2>
        <button type="button" onClick={() => on.go(0)} disabled={step === 0}>
          {t(locale, "replay.start")}
        </button>
        <button
          type="button"
          id="replay-back"
          onClick={on.back}
          disabled={step === 0}
        >
          {t(locale, "replay.back")}
        </button>
        <button
          type="button"
          id="replay-play"
          aria-pressed={playing}
          onClick={() => on.play(!playing)}
        >
          {t(locale, playing ? "replay.pause" : "replay.play")}
        </button>
        <button
          type="button"
          id="replay-next"
          onClick={on.next}
          disabled={step === last}
        >
          {t(locale, "replay.next")}
        </button>
        <button
          type="button"
          id="replay-end"
          onClick={() => on.go(last)}
          disabled={step === last}
        >
          {t(locale, "replay.end")}
        </button>
        <label class="speed">
          {t(locale, "replay.speed")}{" "}
          <select
            id="replay-speed"
            value={String(speed)}
            onChange={(event) => on.speed(Number(event.currentTarget.value))}
          >
            {REPLAY_SPEEDS.map((n) => (
              <option key={n} value={String(n)}>
                {t(
                  locale,
                  singular(locale, n) ? "replay.rate.one" : "replay.rate.many",
                  { n },
                )}
              </option>
            ))}
          </select>
        </label>
        <label class="slider">
          {t(locale, "replay.slider")}
          <input
            type="range"
            id="replay-slider"
            min={0}
            max={last}
            value={step}
            onInput={(event) => on.go(Number(event.currentTarget.value))}
          />
        </label>
        <a id="replay-link" href={link}>{t(locale, "replay.link")}</a>
        <button type="button" id="replay-close" onClick={on.close}>
          {t(locale, "replay.close")}
        </button>
      </div>
      <p
        id="replay-step"
        aria-live={playing ? "off" : "polite"}
        data-step={step}
        data-last={last}
      >
        {t(locale, text === "" ? "replay.step" : "replay.step.text", {
          step,
          last,
          text,
        })}
      </p>
    </div>
  );
}
