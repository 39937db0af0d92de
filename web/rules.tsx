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
import type { TurnPolicy, VotePolicy } from "../src/mod.ts";
import type { GameModel } from "./model.ts";

/** Each turn policy in a few words (every policy must have its words). */
export const TURN_POLICY_NAMES: Record<TurnPolicy, string> = {
  round_robin: "turns in seat order",
  random_order: "a random order each round",
  bidding: "bidding for each turn",
  parallel: "everyone at once (parallel rounds)",
};

/** Each vote policy in a few words. */
export const VOTE_POLICY_NAMES: Record<VotePolicy, string> = {
  sequential: "votes shown as cast",
  simultaneous: "votes hidden until the vote closes",
};

/** The collapsible rules; `name` keeps its ids apart from another board's. */
export function RulesPanel(
  props: { model: GameModel; name: string },
): JSX.Element | null {
  const { model, name } = props;
  if (model.gameId === null) return null;
  const id = `${name}-rules`;
  return (
    <details
      class="rules"
      data-turn-policy={model.turnPolicy}
      data-vote-policy={model.votePolicy}
    >
      <summary aria-describedby={`${id}-policies`}>
        Rules of this game{" "}
        <span class="policies" id={`${id}-policies`}>
          {TURN_POLICY_NAMES[model.turnPolicy]};{" "}
          {VOTE_POLICY_NAMES[model.votePolicy]}
        </span>
      </summary>
      <div class="rules-body" id={id}>
        {model.rulesText === null
          ? (
            <p>
              This game's log is older than announced rules: its talk is{" "}
              {TURN_POLICY_NAMES[model.turnPolicy]}, its{" "}
              {VOTE_POLICY_NAMES[model.votePolicy]}.
            </p>
          )
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
