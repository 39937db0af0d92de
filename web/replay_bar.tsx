/// <reference lib="dom" />
/**
 * The replay's controls, kept at the top of the window while the page
 * scrolls: first, back, play or pause, next, last, the speed, the slider,
 * a link to the step and the way back to the final board; under them, the
 * step in words.
 * @module
 */
import type { JSX } from "preact";
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
    on: ReplayActions;
  },
): JSX.Element {
  const { step, last, playing, speed, link, text, on } = props;
  return (
    <div class="replay-bar">
      <div class="controls" role="group" aria-labelledby="replay-title">
        <h2 id="replay-title">Replay</h2>
        <button type="button" onClick={() => on.go(0)} disabled={step === 0}>
          « Start
        </button>
        <button
          type="button"
          id="replay-back"
          onClick={on.back}
          disabled={step === 0}
        >
          ‹ Back
        </button>
        <button
          type="button"
          id="replay-play"
          aria-pressed={playing}
          onClick={() => on.play(!playing)}
        >
          {playing ? "❚❚ Pause" : "▶ Play"}
        </button>
        <button
          type="button"
          id="replay-next"
          onClick={on.next}
          disabled={step === last}
        >
          Next ›
        </button>
        <button
          type="button"
          id="replay-end"
          onClick={() => on.go(last)}
          disabled={step === last}
        >
          End »
        </button>
        <label class="speed">
          Speed{" "}
          <select
            id="replay-speed"
            value={String(speed)}
            onChange={(event) => on.speed(Number(event.currentTarget.value))}
          >
            {REPLAY_SPEEDS.map((n) => (
              <option key={n} value={String(n)}>
                {n} step{n === 1 ? "" : "s"}/s
              </option>
            ))}
          </select>
        </label>
        <label class="slider">
          Step
          <input
            type="range"
            id="replay-slider"
            min={0}
            max={last}
            value={step}
            onInput={(event) => on.go(Number(event.currentTarget.value))}
          />
        </label>
        <a id="replay-link" href={link}>Link to this step</a>
        <button type="button" id="replay-close" onClick={on.close}>
          Close the replay
        </button>
      </div>
      <p
        id="replay-step"
        aria-live={playing ? "off" : "polite"}
        data-step={step}
        data-last={last}
      >
        Step {step} of {last}
        {text === "" ? "" : `: ${text}`}
      </p>
    </div>
  );
}
