/// <reference lib="dom" />
/**
 * A game's board, drawn from its model. On a wide screen the stage fills
 * the window without scrolling: the phase across the top, then the table
 * (and the dawn), the village square, and the vote (and the winner) side
 * by side; the werewolves' channel and the night's secrets, when the
 * viewer may see them, beside the stage on a very wide screen and below
 * it otherwise. On a phone everything is one column.
 * @module
 */
import type { JSX } from "preact";
import { clockText, useNow } from "./hooks.ts";
import { type GameModel, phaseTitle } from "./model.ts";
import { Chat } from "./chat.tsx";
import { DawnPanel, VotePanel } from "./panels.tsx";
import { RulesPanel } from "./rules.tsx";
import { type CurrentPlayer, ROLE_NAMES, Table } from "./table.tsx";

/**
 * The board; `live` runs the countdown, `godView` shows the secret panels,
 * `name` (`live` or `replay`) keeps its element ids apart from another's,
 * `current` marks the replay step's player on the table.
 */
export function Board(
  props: {
    model: GameModel;
    offset: number;
    live: boolean;
    godView: boolean;
    name: string;
    current?: CurrentPlayer | null;
  },
): JSX.Element {
  const { model, offset, live, godView, name } = props;
  const secrets = godView || model.wolfChat.length > 0 ||
    model.secrets.length > 0;
  return (
    <div class="board" data-board={name} data-secrets={String(secrets)}>
      <div class="stage">
        <PhaseBar model={model} offset={offset} live={live} name={name} />
        <div class="stage-side">
          <Table
            players={model.players}
            name={name}
            current={props.current ?? null}
          />
          {model.dawn !== null && <DawnPanel model={model} name={name} />}
        </div>
        <Chat
          name={name}
          title="The village square"
          kind="public"
          lines={model.chat}
          model={model}
          label="Everything said in public and the narrator"
        />
        <div class="stage-side">
          {model.winner !== null && <Winner model={model} name={name} />}
          <VotePanel model={model} name={name} />
        </div>
      </div>
      {secrets && (
        <div class="secret-panels">
          <Chat
            name={name}
            title="The werewolves' channel"
            kind="werewolves"
            lines={model.wolfChat}
            model={model}
            label="What the werewolves say to each other at night"
            byNight
          />
          <Chat
            name={name}
            title="The night's secrets"
            kind="secrets"
            lines={model.secrets}
            model={model}
            label="Night actions and what the seer and the witch learn"
            byNight
          />
        </div>
      )}
    </div>
  );
}

function PhaseBar(
  props: { model: GameModel; offset: number; live: boolean; name: string },
) {
  const { model, offset, live, name } = props;
  const ticking = live && model.deadline !== null && model.winner === null;
  const now = useNow(250, ticking);
  return (
    <section class="phase" aria-label="Phase">
      <p>
        <strong class="phase-name" data-phase={model.phase}>
          {phaseTitle(model.phase)}
        </strong>
        {model.day > 0 && <span class="day">Day {model.day}</span>}
        {model.description !== "" && (
          <span class="narration">{model.description}</span>
        )}
        {ticking && (
          <span
            class="countdown"
            role="timer"
            aria-label="Time left for this step"
          >
            {clockText((model.deadline as number) - (now + offset))}
          </span>
        )}
      </p>
      <RulesPanel model={model} name={name} />
    </section>
  );
}

function Winner(props: { model: GameModel; name: string }) {
  const { model, name } = props;
  const side = model.winner === "village"
    ? "The village wins!"
    : "The werewolves win!";
  const camp = (wolves: boolean) =>
    model.players.filter((p) => (p.role === "werewolf") === wolves)
      .map((p) => `${p.name} (${ROLE_NAMES[p.role ?? ""] ?? "?"})`)
      .join(", ");
  return (
    <section
      class="winner"
      data-winner={model.winner}
      aria-labelledby={`${name}-winner`}
    >
      <h2 id={`${name}-winner`}>{side}</h2>
      <p>
        <b>Werewolves:</b> {camp(true)}
        <br />
        <b>Village:</b> {camp(false)}
      </p>
    </section>
  );
}
