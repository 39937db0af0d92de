/// <reference lib="dom" />
/**
 * The board's panels: a chat (the village square, the werewolves' channel,
 * the night's secrets), the vote with its tally, and the dawn's deaths.
 * @module
 */
import type { JSX } from "preact";
import { useEffect, useRef } from "preact/hooks";
import type { Locale } from "../src/mod.ts";
import { causeText, roleName, singular, t } from "./i18n.ts";
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
    /** The language of its own words. */
    locale: Locale;
    byNight?: boolean;
  },
): JSX.Element {
  const { name, title, kind, lines, label, locale, byNight = false } = props;
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
      {lines.length === 0 ? <p class="empty">{t(locale, "empty")}</p> : (
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
                  {t(locale, "night", { n: line.day })}
                </h3>
              )}
              {line.speaker !== null && (
                <b class="speaker">{line.speaker.name}</b>
              )}
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
  const { locale } = model;
  const vote = model.vote;
  if (vote === null) {
    return (
      <section class="vote" aria-labelledby={`${name}-vote`}>
        <h2 id={`${name}-vote`}>{t(locale, "vote.title")}</h2>
        <p class="empty">{t(locale, "vote.none")}</p>
      </section>
    );
  }
  const nameOf = (id: string | null) =>
    id === null
      ? t(locale, "nobody")
      : model.players.find((p) => p.id === id)?.name ?? id;
  const counted = Object.entries(vote.tally).sort((a, b) => b[1] - a[1]);
  const most = Math.max(1, ...counted.map(([, n]) => n));
  return (
    <section class="vote" data-day={vote.day} aria-labelledby={`${name}-vote`}>
      <h2 id={`${name}-vote`}>{t(locale, "vote.day", { n: vote.day })}</h2>
      {counted.length > 0 && (
        <table class="tally">
          <caption>{t(locale, "vote.caption")}</caption>
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
              {t(locale, "vote.ballot", {
                voter: nameOf(ballot.voter),
                target: ballot.target === null
                  ? t(locale, "vote.abstains")
                  : nameOf(ballot.target),
              })}
              {ballot.timedOut ? t(locale, "vote.late") : ""}
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
            ? t(locale, "vote.nobody")
            : t(locale, "vote.out", { name: nameOf(vote.result.eliminated) })}
          {vote.result.abstentions > 0 &&
            t(locale, "vote.abstained", { n: vote.result.abstentions })}
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
  const { locale } = model;
  const dawn = model.dawn!;
  const nameOf = (id: string) =>
    model.players.find((p) => p.id === id)?.name ?? id;
  return (
    <section class="dawn" data-day={dawn.day} aria-labelledby={`${name}-dawn`}>
      <h2 id={`${name}-dawn`}>{t(locale, "dawn.title", { n: dawn.day })}</h2>
      {dawn.deaths.length === 0 ? <p>{t(locale, "dawn.none")}</p> : (
        <ul>
          {dawn.deaths.map((death) => (
            <li key={death.player}>
              {t(locale, "dawn.death", {
                name: nameOf(death.player),
                cause: causeText(locale, death.cause),
                role: roleName(locale, death.role),
              })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
