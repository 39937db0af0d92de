/**
 * The narrator's lines for each phase (`phase_update.description`), in each
 * of the game's languages (`LOCALES`).
 * @module
 */
import type { GamePhase, Locale, TurnPolicy } from "../contract/mod.ts";
import type { Winner } from "./types.ts";

/** What the narrator says, in one language. */
interface Lines {
  night(day: number): string;
  witch: string;
  dawn(day: number): string;
  hunter: string;
  /** `how`: the {@linkcode Lines.debate} of the game's turn policy. */
  discussion(day: number, how: string): string;
  /** How the discussion's line says who speaks, by turn policy. */
  debate: Record<TurnPolicy, string>;
  vote(day: number): string;
  won: Record<Winner, string>;
  /** Any other phase (the lobby). */
  gather: string;
}

const LINES: Record<Locale, Lines> = {
  en: {
    night: (day) =>
      `Night ${day}: the village falls asleep and the werewolves wake.`,
    witch: "The witch wakes and learns whom the werewolves chose.",
    dawn: (day) => `Day ${day} dawns over Thiercelieux.`,
    hunter: "The hunter, with his last breath, raises his rifle.",
    discussion: (day, how) => `Day ${day}: the village debates, ${how}.`,
    debate: {
      round_robin: "each in turn",
      random_order: "each in turn, in an order drawn by lot",
      bidding: "the floor going to whoever asks for it most",
      parallel: "everyone writing at once",
    },
    vote: (day) => `Day ${day}: the village votes to eliminate a suspect.`,
    won: {
      village: "The last werewolf is dead: the village has won.",
      werewolves: "The werewolves rule the village: they have won.",
    },
    gather: "The villagers gather.",
  },
  fr: {
    night: (day) =>
      `Nuit ${day} : le village s'endort, les loups-garous se réveillent.`,
    witch: "La sorcière se réveille et découvre la victime des loups.",
    dawn: (day) => `Le jour ${day} se lève sur Thiercelieux.`,
    hunter: "Le chasseur, dans un dernier souffle, épaule son fusil.",
    discussion: (day, how) => `Jour ${day} : le village débat, ${how}.`,
    debate: {
      round_robin: "chacun à son tour",
      random_order: "chacun à son tour",
      bidding: "la parole à qui la demande le plus",
      parallel: "chacun écrit en même temps",
    },
    vote: (day) => `Jour ${day} : le village vote pour éliminer un suspect.`,
    won: {
      village: "Le dernier loup-garou est mort : le village a gagné.",
      werewolves: "Les loups-garous sont maîtres du village : ils ont gagné.",
    },
    gather: "Les villageois se rassemblent.",
  },
};

/**
 * The narrator's line, in `options.locale`, when the game enters `phase`
 * on `day` (the end's line names the `winner`, default the werewolves; the
 * discussion's follows the `turnPolicy`, default round_robin).
 */
export function narrate(
  phase: GamePhase,
  day: number,
  options: { locale: Locale; winner?: Winner | null; turnPolicy?: TurnPolicy },
): string {
  const lines = LINES[options.locale];
  switch (phase) {
    case "night":
      return lines.night(day);
    case "witch":
      return lines.witch;
    case "dawn":
      return lines.dawn(day);
    case "hunter":
      return lines.hunter;
    case "discussion":
      return lines.discussion(
        day,
        lines.debate[options.turnPolicy ?? "round_robin"],
      );
    case "vote":
      return lines.vote(day);
    case "ended":
      return lines.won[options.winner === "village" ? "village" : "werewolves"];
    default:
      return lines.gather;
  }
}
