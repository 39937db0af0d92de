/**
 * The narrator's lines for each phase (`phase_update.description`).
 * @module
 */
import type { GamePhase, TurnPolicy } from "../contract/mod.ts";
import type { Winner } from "./types.ts";

/** How the discussion's line says who speaks, by turn policy. */
const DEBATE: Record<TurnPolicy, string> = {
  round_robin: "chacun à son tour",
  random_order: "chacun à son tour",
  bidding: "la parole à qui la demande le plus",
  parallel: "chacun écrit en même temps",
};

/**
 * The narrator's line when the game enters `phase` on `day` (the end's
 * line names the `winner`; the discussion's follows the `turnPolicy`,
 * default round_robin).
 */
export function narrate(
  phase: GamePhase,
  day: number,
  options: { winner?: Winner | null; turnPolicy?: TurnPolicy } = {},
): string {
  const winner = options.winner ?? null;
  switch (phase) {
    case "night":
      return `Nuit ${day} : le village s'endort, les loups-garous se réveillent.`;
    case "witch":
      return "La sorcière se réveille et découvre la victime des loups.";
    case "dawn":
      return `Le jour ${day} se lève sur Thiercelieux.`;
    case "hunter":
      return "Le chasseur, dans un dernier souffle, épaule son fusil.";
    case "discussion":
      return `Jour ${day} : le village débat, ${
        DEBATE[options.turnPolicy ?? "round_robin"]
      }.`;
    case "vote":
      return `Jour ${day} : le village vote pour éliminer un suspect.`;
    case "ended":
      return winner === "village"
        ? "Le dernier loup-garou est mort : le village a gagné."
        : "Les loups-garous sont maîtres du village : ils ont gagné.";
    default:
      return "Les villageois se rassemblent.";
  }
}
