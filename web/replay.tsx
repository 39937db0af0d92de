/// <reference lib="dom" />
/**
 * The replay of an ended game: its transcript (`game.transcript`, the whole
 * log once the game is over) stepped through one event at a time, shown
 * on the same board as the live game.
 * @module
 */
import type { JSX } from "preact";
import { useMemo, useState } from "preact/hooks";
import type { GameEvent } from "../src/mod.ts";
import { Board } from "./board.tsx";
import type { Api } from "./connection.ts";
import { messageOf } from "./hooks.ts";
import { foldGame, type GameModel } from "./model.ts";

/** One event in words, for the step line. */
function describe(model: GameModel, event: GameEvent): string {
  const said = [...model.chat, ...model.wolfChat, ...model.secrets]
    .find((line) => line.seq === event.seq);
  if (said !== undefined) {
    return said.speaker === null
      ? said.text
      : `${said.speaker.name}: ${said.text}`;
  }
  const name = (id: string) =>
    model.players.find((p) => p.id === id)?.name ?? id;
  switch (event.type) {
    case "game_created":
      return `the game "${event.name}" is created for ${event.players} players`;
    case "player_joined":
      return `${event.name} takes seat ${event.player_id}`;
    case "role_assigned":
      return `${name(event.player_id)} is told their role: ${event.role}`;
    case "your_turn":
      return `the game waits for ${name(event.player_id)} (${event.request})`;
    case "player_action":
      return event.action === "vote"
        ? `${name(event.player_id)} votes against ${
          event.target === null ? "nobody" : name(event.target)
        }`
        : `${name(event.player_id)}: ${event.action}`;
    default:
      return event.type.replaceAll("_", " ");
  }
}

/** The replay's controls and board (loaded on demand). */
export function Replay(props: { api: Api; gameId: string }): JSX.Element {
  const [events, setEvents] = useState<GameEvent[] | null>(null);
  const [step, setStep] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const model = useMemo(
    () => foldGame(events?.slice(0, step) ?? []),
    [events, step],
  );
  if (events === null) {
    const load = async () => {
      try {
        const transcript = await props.api.game.transcript.query({
          gameId: props.gameId,
        });
        setEvents(transcript.events);
        setStep(Math.min(1, transcript.events.length));
      } catch (cause) {
        setError(`The transcript could not be loaded: ${messageOf(cause)}`);
      }
    };
    return (
      <>
        <button type="button" id="replay-open" onClick={load}>
          Replay the game step by step
        </button>
        {error !== null && <p role="alert">{error}</p>}
      </>
    );
  }
  const last = events.length;
  const go = (to: number) => setStep(Math.max(0, Math.min(last, to)));
  const current = events[step - 1];
  return (
    <section id="replay" class="replay" aria-labelledby="replay-title">
      <h2 id="replay-title">Replay</h2>
      <div class="controls" role="group" aria-label="Replay controls">
        <button type="button" onClick={() => go(0)} disabled={step === 0}>
          « Start
        </button>
        <button
          type="button"
          id="replay-back"
          onClick={() => go(step - 1)}
          disabled={step === 0}
        >
          ‹ Back
        </button>
        <button
          type="button"
          id="replay-next"
          onClick={() => go(step + 1)}
          disabled={step === last}
        >
          Next ›
        </button>
        <button
          type="button"
          id="replay-end"
          onClick={() => go(last)}
          disabled={step === last}
        >
          End »
        </button>
        <label class="slider">
          Step
          <input
            type="range"
            min={0}
            max={last}
            value={step}
            onInput={(event) => go(Number(event.currentTarget.value))}
          />
        </label>
      </div>
      <p id="replay-step" aria-live="polite" data-step={step} data-last={last}>
        Step {step} of {last}
        {current === undefined ? "" : `: ${describe(model, current)}`}
      </p>
      <Board name="replay" model={model} offset={0} live={false} godView />
    </section>
  );
}
