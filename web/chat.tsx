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
import { causeText } from "./_fold_lines.ts";
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
      {lines.length === 0 ? <p class="empty">Nothing yet.</p> : (
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
                  Night {line.day}
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
          Round {round.round} (spoken at once)
        </h3>
        {round.lines.length === 0
          ? (
            <p class="empty">
              Everyone writes at the same time; the speeches are revealed
              together, in seat order.
            </p>
          )
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
                  <Said line={said} />
                </li>
              ))}
            </ol>
          )}
      </>
    );
  }
  return <Said line={line} />;
}

/** Speech or the narrator: the speaker, the text, the marks under it. */
function Said(props: { line: ChatLine }): JSX.Element {
  const { line } = props;
  return (
    <>
      {line.held && <Held />}
      {line.speaker !== null && <b class="speaker">{line.speaker.name}</b>}
      <span class="text">{line.text}</span>
      {line.redactedLines > 0 && (
        <em class="redacted">
          ({line.redactedLines} line{line.redactedLines === 1 ? "" : "s"}{" "}
          removed by the speech rule)
        </em>
      )}
      {line.reasoning !== null && (
        <small class="reasoning">{line.reasoning}</small>
      )}
    </>
  );
}

/** The mark of what only the god view sees yet. */
function Held(): JSX.Element {
  return (
    <span class="held" title="Hidden from the players until it is revealed">
      held
    </span>
  );
}

/** How a bidding turn was given, in a few words. */
const HOW: Record<string, string> = {
  highest: "highest bid",
  named: "tie: named in the last speech",
  random: "tie: seeded draw",
};

/** A bidding turn: each bid (the winner's marked), then the outcome. */
function Bids(props: { bids: BidsModel; model: GameModel }): JSX.Element {
  const { bids, model } = props;
  const nameOf = (id: string) =>
    model.players.find((p) => p.id === id)?.name ?? id;
  return (
    <div
      class="bids-turn"
      data-turn={bids.turn}
      data-revealed={String(bids.revealed)}
      data-speaker={bids.speaker ?? undefined}
      data-tie-break={bids.tieBreak ?? undefined}
      aria-label={`Bids for turn ${bids.turn}`}
    >
      {!bids.revealed && <Held />}
      <span class="bids-title">Turn {bids.turn} bids</span>
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
              <small class="bid-cause">({causeText(bid.cause)})</small>
            )}
          </li>
        ))}
      </ul>
      {bids.revealed && (
        <span class="bids-outcome">
          {bids.speaker === null ? "all 0: the talk ends" : (
            <>
              → <b>{nameOf(bids.speaker)}</b> speaks ({HOW[
                bids.tieBreak ?? ""
              ] ?? bids.tieBreak})
            </>
          )}
        </span>
      )}
    </div>
  );
}
