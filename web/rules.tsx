/// <reference lib="dom" />
/**
 * "Rules of this game": the rules the game announced in `game_created`
 * (`rulesText`, made by the engine from the game's settings), collapsed
 * under a summary that names its turn and vote policies; opened, it lies
 * over the board, so the board keeps its size. Games from before announced
 * rules say only their policies.
 * @module
 */
import type { JSX } from "preact";
import type { Locale, TurnPolicy, VotePolicy } from "../src/mod.ts";
import { t } from "./i18n.ts";
import type { GameModel } from "./model.ts";

/** The turn policies, in the create form's order (every policy has its words, `turn.*`). */
export const TURN_POLICIES: readonly TurnPolicy[] = [
  "round_robin",
  "random_order",
  "bidding",
  "parallel",
];

/** The vote policies, in the create form's order (words: `vote.*`). */
export const VOTE_POLICIES: readonly VotePolicy[] = [
  "sequential",
  "simultaneous",
];

/** A turn policy in a few words of `locale`. */
export function turnPolicyName(locale: Locale, policy: TurnPolicy): string {
  return t(locale, `turn.${policy}`);
}

/** A vote policy in a few words of `locale`. */
export function votePolicyName(locale: Locale, policy: VotePolicy): string {
  return t(locale, `vote.${policy}`);
}

/** The collapsible rules; `name` keeps its ids apart from another board's. */
export function RulesPanel(
  props: { model: GameModel; name: string },
): JSX.Element | null {
  const { model, name } = props;
  const { locale } = model;
  const turn = turnPolicyName(locale, model.turnPolicy);
  const vote = votePolicyName(locale, model.votePolicy);
  if (model.gameId === null) return null;
  const id = `${name}-rules`;
  return (
    <details
      class="rules"
      data-turn-policy={model.turnPolicy}
      data-vote-policy={model.votePolicy}
    >
      <summary aria-describedby={`${id}-policies`}>
        {t(locale, "rules.summary")}{" "}
        <span class="policies" id={`${id}-policies`}>
          {turn}; {vote}
        </span>
      </summary>
      <div class="rules-body" id={id}>
        {model.rulesText === null
          ? <p>{t(locale, "rules.old", { turn, vote })}</p>
          : (
            <ul class="rules-text">
              {model.rulesText.split("\n").map((sentence, i) => (
                <li key={i}>{sentence}</li>
              ))}
            </ul>
          )}
      </div>
    </details>
  );
}
