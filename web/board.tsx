/// <reference lib="dom" />
/**
 * A game's board, drawn from its model: the phase with the day and a
 * countdown, the players around the table, the vote, the dawn, the chat
 * (the werewolves' channel and the night's secrets apart, when the viewer
 * may see them) and the winner with every role.
 * @module
 */
import type { JSX } from "preact";
import { clockText, useNow } from "./hooks.ts";
import { type GameModel, phaseTitle, type PlayerModel } from "./model.ts";
import { Chat, DawnPanel, VotePanel } from "./panels.tsx";

/**
 * The board; `live` runs the countdown, `godView` shows the secret panels,
 * `name` (`live` or `replay`) keeps its element ids apart from another's.
 */
export function Board(
  props: {
    model: GameModel;
    offset: number;
    live: boolean;
    godView: boolean;
    name: string;
  },
): JSX.Element {
  const { model, offset, live, godView, name } = props;
  return (
    <div class="board" data-board={name}>
      <PhaseBar model={model} offset={offset} live={live} />
      {model.winner !== null && <Winner model={model} name={name} />}
      <Table players={model.players} name={name} />
      <div class="panels">
        {model.vote !== null && <VotePanel model={model} name={name} />}
        {model.dawn !== null && <DawnPanel model={model} name={name} />}
      </div>
      <Chat
        name={name}
        title="The village square"
        kind="public"
        lines={model.chat}
        label="Everything said in public and the narrator"
      />
      {(godView || model.wolfChat.length > 0) && (
        <Chat
          name={name}
          title="The werewolves' channel"
          kind="werewolves"
          lines={model.wolfChat}
          label="What the werewolves say to each other at night"
        />
      )}
      {(godView || model.secrets.length > 0) && (
        <Chat
          name={name}
          title="The night's secrets"
          kind="secrets"
          lines={model.secrets}
          label="Night actions and what the seer and the witch learn"
        />
      )}
    </div>
  );
}

function PhaseBar(props: { model: GameModel; offset: number; live: boolean }) {
  const { model, offset, live } = props;
  const ticking = live && model.deadline !== null && model.winner === null;
  const now = useNow(250, ticking);
  return (
    <section class="phase" aria-label="Phase">
      <p>
        <strong class="phase-name" data-phase={model.phase}>
          {phaseTitle(model.phase)}
        </strong>
        {model.day > 0 && <span class="day">Day {model.day}</span>}
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
      {model.description !== "" && <p class="narration">{model.description}</p>}
    </section>
  );
}

const ROLE_NAMES: Record<string, string> = {
  werewolf: "Werewolf",
  villager: "Villager",
  seer: "Seer",
  witch: "Witch",
  hunter: "Hunter",
  guard: "Guard",
};

function Table(props: { players: PlayerModel[]; name: string }) {
  const { players, name } = props;
  return (
    <section class="table-wrap" aria-labelledby={`${name}-players`}>
      <h2 id={`${name}-players`}>Players</h2>
      <ul class={players.length <= 12 ? "table round" : "table"}>
        {players.map((player, index) => (
          <li
            key={player.id}
            class="seat"
            data-player={player.id}
            data-alive={String(player.alive)}
            data-role={player.role ?? undefined}
            ref={(element) => {
              element?.style.setProperty("--i", String(index));
              element?.style.setProperty("--n", String(players.length));
            }}
          >
            <span>
              <span class="name">{player.name}</span>{" "}
              <span class="id">{player.id}</span>
            </span>
            <span class="state">
              {player.alive
                ? "alive"
                : `dead${player.cause === null ? "" : ` (${player.cause})`}`}
            </span>
            {player.role !== null && (
              <span class="role" data-role={player.role}>
                {ROLE_NAMES[player.role] ?? player.role}
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Winner(props: { model: GameModel; name: string }) {
  const { model, name } = props;
  const side = model.winner === "village"
    ? "The village wins!"
    : "The werewolves win!";
  return (
    <section
      class="winner"
      data-winner={model.winner}
      aria-labelledby={`${name}-winner`}
    >
      <h2 id={`${name}-winner`}>{side}</h2>
      <ul>
        {model.players.map((player) => (
          <li key={player.id}>
            {player.name}: {ROLE_NAMES[player.role ?? ""] ?? "?"}
            {player.alive ? "" : " (dead)"}
          </li>
        ))}
      </ul>
    </section>
  );
}
