/// <reference lib="dom" />
/**
 * The board's panels: a chat (the village square, the werewolves' channel,
 * the night's secrets), the vote with its tally, and the dawn's deaths.
 * @module
 */
import type { JSX } from "preact";
import { useEffect, useRef } from "preact/hooks";
import type { ChatLine, GameModel } from "./model.ts";

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
    byNight?: boolean;
  },
): JSX.Element {
  const { name, title, kind, lines, label, byNight = false } = props;
  const list = useRef<HTMLOListElement>(null);
  const pinned = useRef(true);
  useEffect(() => {
    const element = list.current;
    if (element !== null && pinned.current) {
      element.scrollTop = element.scrollHeight;
    }
  }, [lines.length]);
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
            <li key={line.seq} class={`line ${line.kind}`} data-seq={line.seq}>
              {byNight && line.day !== lines[i - 1]?.day && (
                <h3 class="night-title" data-night={line.day}>
                  Night {line.day}
                </h3>
              )}
              {line.speaker !== null && (
                <b class="speaker">{line.speaker.name}</b>
              )}
              <span class="text">{line.text}</span>
              {line.redactedLines > 0 && (
                <em class="redacted">
                  ({line.redactedLines}{" "}
                  line{line.redactedLines === 1 ? "" : "s"}{" "}
                  removed by the speech rule)
                </em>
              )}
              {line.reasoning !== null && (
                <small class="reasoning">{line.reasoning}</small>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/**
 * The day's vote: each ballot as it comes, the tally, the outcome (the
 * last vote's until the next one opens); before the first, a placeholder.
 */
export function VotePanel(
  props: { model: GameModel; name: string },
): JSX.Element {
  const { model, name } = props;
  const vote = model.vote;
  if (vote === null) {
    return (
      <section class="vote" aria-labelledby={`${name}-vote`}>
        <h2 id={`${name}-vote`}>The vote</h2>
        <p class="empty">
          No vote yet: the village votes after each day's discussion.
        </p>
      </section>
    );
  }
  const nameOf = (id: string | null) =>
    id === null ? "nobody" : model.players.find((p) => p.id === id)?.name ?? id;
  const counted = Object.entries(vote.tally).sort((a, b) => b[1] - a[1]);
  const most = Math.max(1, ...counted.map(([, n]) => n));
  return (
    <section class="vote" data-day={vote.day} aria-labelledby={`${name}-vote`}>
      <h2 id={`${name}-vote`}>The vote of day {vote.day}</h2>
      {counted.length > 0 && (
        <table class="tally">
          <caption>Votes against each player</caption>
          <tbody>
            {counted.map(([id, count]) => (
              <tr key={id} data-target={id}>
                <th scope="row">{nameOf(id)}</th>
                <td>
                  <meter min={0} max={most} value={count} aria-hidden="true" />
                  {" "}
                  <span class="count">{count}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {vote.ballots.length > 0 && (
        <ul class="ballots">
          {vote.ballots.map((ballot) => (
            <li key={ballot.voter} data-voter={ballot.voter}>
              {nameOf(ballot.voter)} →{" "}
              {ballot.target === null ? "abstains" : nameOf(ballot.target)}
              {ballot.timedOut ? " (time ran out)" : ""}
              {ballot.reasoning !== null && (
                <small class="reasoning">{ballot.reasoning}</small>
              )}
            </li>
          ))}
        </ul>
      )}
      {vote.result !== null && (
        <p class="outcome">
          {vote.result.eliminated === null
            ? "Nobody is eliminated."
            : `${nameOf(vote.result.eliminated)} is eliminated.`}
          {vote.result.abstentions > 0 &&
            ` ${vote.result.abstentions} abstained.`}
        </p>
      )}
    </section>
  );
}

/** What the last dawn revealed. */
export function DawnPanel(
  props: { model: GameModel; name: string },
): JSX.Element {
  const { model, name } = props;
  const dawn = model.dawn!;
  const nameOf = (id: string) =>
    model.players.find((p) => p.id === id)?.name ?? id;
  return (
    <section class="dawn" data-day={dawn.day} aria-labelledby={`${name}-dawn`}>
      <h2 id={`${name}-dawn`}>Night {dawn.day}: at dawn</h2>
      {dawn.deaths.length === 0 ? <p>Nobody died in the night.</p> : (
        <ul>
          {dawn.deaths.map((death) => (
            <li key={death.player}>
              {nameOf(death.player)} died ({death.cause}); they were{" "}
              {death.role}.
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
