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
import { roleName, t } from "./i18n.ts";
import { type GameModel, phaseTitle } from "./model.ts";
import { Chat } from "./chat.tsx";
import { DawnPanel, VotePanel } from "./panels.tsx";
import { RulesPanel } from "./rules.tsx";
import { type CurrentPlayer, Table } from "./table.tsx";

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
  const { locale } = model;
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
            locale={locale}
          />
          {model.dawn !== null && <DawnPanel model={model} name={name} />}
        </div>
        <Chat
          name={name}
          title={t(locale, "square.title")}
          kind="public"
          lines={model.chat}
          model={model}
          label={t(locale, "square.label")}
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
            title={t(locale, "wolves.title")}
            kind="werewolves"
            lines={model.wolfChat}
            model={model}
            label={t(locale, "wolves.label")}
            byNight
          />
          <Chat
            name={name}
            title={t(locale, "secrets.title")}
            kind="secrets"
            lines={model.secrets}
            model={model}
            label={t(locale, "secrets.label")}
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
    <section class="phase" aria-label={t(model.locale, "phase.label")}>
      <p>
        <strong class="phase-name" data-phase={model.phase}>
          {phaseTitle(model.phase, model.locale)}
        </strong>
        {model.day > 0 && (
          <span class="day">{t(model.locale, "day", { n: model.day })}</span>
        )}
        {model.description !== "" && (
          <span class="narration">{model.description}</span>
        )}
        {ticking && (
          <span
            class="countdown"
            role="timer"
            aria-label={t(model.locale, "countdown.label")}
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
  const { locale } = model;
  const side = t(locale, `won.${model.winner ?? "werewolves"}`);
  const camp = (wolves: boolean) =>
    model.players.filter((p) => (p.role === "werewolf") === wolves)
      .map((p) =>
        `${p.name} (${
          p.role === null ? "?" : roleName(locale, p.role, { capital: true })
        })`
      )
      .join(", ");
  return (
    <section
      class="winner"
      data-winner={model.winner}
      aria-labelledby={`${name}-winner`}
    >
      <h2 id={`${name}-winner`}>{side}</h2>
      <p>
        <b>{t(locale, "camp.werewolves")}</b> {camp(true)}
        <br />
        <b>{t(locale, "camp.village")}</b> {camp(false)}
      </p>
    </section>
  );
}
