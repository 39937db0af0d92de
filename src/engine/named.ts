/**
 * Who a speech names: the bidding policy gives a tied turn first to a
 * player the previous speech named.
 * @module
 */
import type { PlayerId } from "../contract/mod.ts";

/** A letter or a digit: what a name must not be glued to. */
const WORD = /[\p{L}\p{N}]/u;

/**
 * Whether `text` holds `word` whole, ignoring case: not inside a longer
 * word or number (`p1` is not in `p12`, `Léa` not in `Léandre`).
 */
function holds(text: string, word: string): boolean {
  if (word === "") return false;
  for (
    let at = text.indexOf(word);
    at !== -1;
    at = text.indexOf(word, at + 1)
  ) {
    const before = at === 0 ? "" : text[at - 1]!;
    const after = text[at + word.length] ?? "";
    if (!WORD.test(before) && !WORD.test(after)) return true;
  }
  return false;
}

/**
 * The players `text` names, in seat order, the speaker excluded: a player
 * is named when its player id (`p3`) or its seat name appears in the text
 * as a whole word, whatever the case (accents count: `Chloe` does not name
 * `Chloé`).
 */
export function namedIn(
  text: string,
  players: readonly { id: PlayerId; name: string }[],
  speaker: PlayerId | null = null,
): PlayerId[] {
  const lower = text.toLowerCase();
  return players
    .filter((p) =>
      p.id !== speaker &&
      (holds(lower, p.id.toLowerCase()) || holds(lower, p.name.toLowerCase()))
    )
    .map((p) => p.id);
}
