/// <reference lib="dom" />
/**
 * The board's panels beside the chats (`chat.tsx`): the vote with its
 * tally, and the dawn's deaths.
 * @module
 */
import type { JSX } from "preact";
import { causeText, roleName, t } from "./i18n.ts";
import type { GameModel } from "./model.ts";

/**
 * The day's vote: each ballot as it comes, the tally, the outcome (the
 * last vote's until the next one opens); before the first, a placeholder.
 * Under simultaneous votes the public sees a notice until the vote closes,
 * then every vote at once; the god view sees the ballots as held.
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
      {vote.hidden && vote.result === null && (
        <p class="hidden-votes">
          {t(locale, "vote.hidden")}
        </p>
      )}
      {vote.hidden && vote.result !== null && (
        <p class="hidden-votes">{t(locale, "vote.revealed")}</p>
      )}
      {vote.ballots.length > 0 && (
        <ul class="ballots">
          {vote.ballots.map((ballot) => (
            <li
              key={ballot.voter}
              data-voter={ballot.voter}
              data-held={ballot.held ? "true" : undefined}
            >
              {ballot.held && (
                <span
                  class="held"
                  title={t(locale, "held.vote")}
                >
                  {t(locale, "held")}
                </span>
              )}
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
