/// <reference lib="dom" />
/**
 * A chat panel (the village square, the werewolves' channel, the night's
 * secrets) and its lines: speech, the narrator, a round's order, a bidding
 * turn's bids (who bid what, who got the turn and why), and a parallel
 * round's block ("Round N (spoken at once)" over its speeches). What the
 * god view sees before everyone (held bids, held speeches) is marked held.
 * @module
 */
import type { JSX } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { lateCause } from "./_fold_lines.ts";
import { isKey, singular, t } from "./i18n.ts";
import type { BidsModel, ChatLine, GameModel } from "./model.ts";

/**
 * A chat: its lines in order, kept scrolled to the newest (unless the
 * reader scrolled up). `byNight` heads each night's first line with
 * "Night N" (the night before day N).
 */
export function Chat(
  props: {
    name: string;
    title: string;
    kind: "public" | "werewolves" | "secrets";
    lines: ChatLine[];
    label: string;
    model: GameModel;
    byNight?: boolean;
  },
): JSX.Element {
  const { name, title, kind, lines, label, model, byNight = false } = props;
  const list = useRef<HTMLOListElement>(null);
  const pinned = useRef(true);
  useEffect(() => {
    const element = list.current;
    if (element !== null && pinned.current) {
      element.scrollTop = element.scrollHeight;
    }
  }, [lines]);
  const id = `${name}-chat-${kind}`;
  return (
    <section class={`chat chat-${kind}`} aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {lines.length === 0
        ? <p class="empty">{t(model.locale, "empty")}</p>
        : (
          <ol
            ref={list}
            class="lines"
            data-channel={kind}
            tabIndex={0}
            aria-label={label}
            aria-live={kind === "public" ? "polite" : "off"}
            onScroll={(event) => {
              const el = event.currentTarget;
              pinned.current =
                el.scrollHeight - el.scrollTop - el.clientHeight < 40;
            }}
          >
            {lines.map((line, i) => (
              <li
                key={line.seq}
                class={`line ${line.kind}`}
                data-seq={line.seq}
                data-held={line.held || line.bids?.revealed === false
                  ? "true"
                  : undefined}
              >
                {byNight && line.day !== lines[i - 1]?.day && (
                  <h3 class="night-title" data-night={line.day}>
                    {t(model.locale, "night", { n: line.day })}
                  </h3>
                )}
                <LineBody line={line} model={model} />
              </li>
            ))}
          </ol>
        )}
    </section>
  );
}

/** A line's content, by its kind. */
function LineBody(props: { line: ChatLine; model: GameModel }): JSX.Element {
  const { line, model } = props;
  if (line.bids !== undefined) return <Bids bids={line.bids} model={model} />;
  if (line.kind === "round" && line.round !== undefined) {
    const { round } = line;
    return (
      <>
        <h3 class="round-title" data-round={round.round}>
          {t(model.locale, "round.title", { n: round.round })}
        </h3>
        {round.lines.length === 0
          ? <p class="empty">{t(model.locale, "round.empty")}</p>
          : (
            <ol class="round-lines">
              {round.lines.map((said) => (
                <li
                  key={said.seq}
                  class={`line ${said.kind}`}
                  data-seq={said.seq}
                  data-player={said.speaker?.id}
                  data-held={said.held ? "true" : undefined}
                >
                  <Said line={said} model={model} />
                </li>
              ))}
            </ol>
          )}
      </>
    );
  }
  return <Said line={line} model={model} />;
}

/** Speech or the narrator: the speaker, the text, the marks under it. */
function Said(props: { line: ChatLine; model: GameModel }): JSX.Element {
  const { line, model: { locale } } = props;
  return (
    <>
      {line.held && <Held model={props.model} />}
      {line.speaker !== null && <b class="speaker">{line.speaker.name}</b>}
      <span class="text">{line.text}</span>
      {line.redactedLines > 0 && (
        <em class="redacted">
          {t(
            locale,
            singular(locale, line.redactedLines)
              ? "removed.one"
              : "removed.many",
            { n: line.redactedLines },
          )}
        </em>
      )}
      {line.reasoning !== null && (
        <small class="reasoning">{line.reasoning}</small>
      )}
    </>
  );
}

/** The mark of what only the god view sees yet. */
function Held(props: { model: GameModel }): JSX.Element {
  const { locale } = props.model;
  return (
    <span class="held" title={t(locale, "held.title")}>
      {t(locale, "held")}
    </span>
  );
}

/** How a bidding turn was given, in a few words of `model`'s language. */
function how(model: GameModel, tieBreak: string | null): string {
  const key = `bids.how.${tieBreak ?? ""}`;
  return isKey(key) ? t(model.locale, key) : String(tieBreak);
}

/** A bidding turn: each bid (the winner's marked), then the outcome. */
function Bids(props: { bids: BidsModel; model: GameModel }): JSX.Element {
  const { bids, model } = props;
  const { locale } = model;
  const nameOf = (id: string) =>
    model.players.find((p) => p.id === id)?.name ?? id;
  return (
    <div
      class="bids-turn"
      data-turn={bids.turn}
      data-revealed={String(bids.revealed)}
      data-speaker={bids.speaker ?? undefined}
      data-tie-break={bids.tieBreak ?? undefined}
      aria-label={t(locale, "bids.label", { n: bids.turn })}
    >
      {!bids.revealed && <Held model={model} />}
      <span class="bids-title">
        {t(locale, "bids.title", { n: bids.turn })}
      </span>
      <ul class="bid-list">
        {bids.bids.map((bid) => (
          <li
            key={bid.player}
            data-player={bid.player}
            data-amount={bid.amount}
            class={bid.player === bids.speaker ? "won" : undefined}
            title={bid.reasoning ?? undefined}
          >
            {nameOf(bid.player)} <b class="amount">{bid.amount}</b>
            {bid.cause !== null && (
              <small class="bid-cause">({lateCause(model, bid.cause)})</small>
            )}
          </li>
        ))}
      </ul>
      {bids.revealed && (
        <span class="bids-outcome">
          {bids.speaker === null ? t(locale, "bids.none") : (
            <>
              → <b>{nameOf(bids.speaker)}</b> {t(locale, "bids.speaks")}{" "}
              ({how(model, bids.tieBreak)})
            </>
          )}
        </span>
      )}
    </div>
  );
}
