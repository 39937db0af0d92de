/**
 * The narrator's lines for each phase (`phase_update.description`).
 * @module
 */
import type { GamePhase } from "../contract/mod.ts";
import type { Winner } from "./types.ts";

/** The narrator's line when the game enters `phase` on `day`. */
export function narrate(
  phase: GamePhase,
  day: number,
  winner: Winner | null = null,
): string {
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
      return `Jour ${day} : le village débat, chacun à son tour.`;
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
