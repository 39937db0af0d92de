/// <reference lib="dom" />
/**
 * The board's panels beside the chats (`chat.tsx`): the vote with its
 * tally, and the dawn's deaths.
 * @module
 */
import type { JSX } from "preact";
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
      {vote.hidden && vote.result === null && (
        <p class="hidden-votes">
          Votes are hidden until the vote closes; then all are shown together.
        </p>
      )}
      {vote.hidden && vote.result !== null && (
        <p class="hidden-votes">Revealed together when the vote closed:</p>
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
                  title="Hidden from the players until the vote closes"
                >
                  held
                </span>
              )}
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
