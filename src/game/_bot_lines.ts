/**
 * What a house bot says: one line per reason it has to suspect a seat,
 * each true of the game as the bot saw it (a vote "yesterday" only when
 * there was a vote yesterday), and lines without a name when it has no
 * clue yet.
 * @module
 */
import type { PlayerId } from "../contract/mod.ts";
import type { Clues } from "./_bot_clues.ts";
import type { Reason } from "./_bot_suspicion.ts";

/** Lines when the bot has no clue at all (day 1 before anyone said much). */
export const NO_CLUE_LINES: readonly string[] = [
  "Nothing to go on yet: I will watch how everyone votes.",
  "We know nothing so far. Whoever has seen something, speak now.",
  "Too early to accuse anyone; let us hear each other first.",
];

/** Lines of a bot the last speech named. */
const DEFENCE_LINES: readonly string[] = [
  "I am not a werewolf: look at how I vote.",
  "You are wrong about me; look elsewhere.",
];

/** "yesterday", "today" or "on day N", as seen on the bot's current day. */
function when(day: number, today: number): string {
  if (day === today) return "today";
  return day === today - 1 ? "yesterday" : `on day ${day}`;
}

/** "a villager", "the seer"… */
function roleText(role: string): string {
  return role === "villager" ? "a villager" : `the ${role}`;
}

/**
 * The line that says why the bot suspects `suspect`, from `reason`; null
 * when the reason cannot be said (a private one).
 */
export function reasonLine(
  clues: Clues,
  suspect: PlayerId,
  options: { reason: Reason; rand: () => number },
): string | null {
  const { reason, rand } = options;
  const x = clues.nameOf(suspect);
  const name = (id: PlayerId) => clues.nameOf(id);
  const either = (a: string, b: string) => rand() < 0.5 ? a : b;
  switch (reason.kind) {
    case "found":
      return seerLine(clues);
    case "claimed":
      return either(
        `${x} is a werewolf, says ${
          name(reason.claimant)
        }: I believe it, and my vote goes to ${x}.`,
        `${x} was named a werewolf by our seer ${
          name(reason.claimant)
        }. I vote ${x}.`,
      );
    case "false_claim":
      return clues.role === "seer"
        ? `I am the seer, and ${x} is lying: ${x} is a werewolf.`
        : `${x} lied about being the seer. Why would anyone but a werewolf do that?`;
    case "voted_good": {
      const y = name(reason.target);
      const day = when(reason.day, clues.day);
      return either(
        `${x} voted against ${y} ${day}, and ${y} was ${
          roleText(reason.role)
        }.`,
        `${x} put ${y} to the vote ${day}; ${y} turned out to be ${
          roleText(reason.role)
        }. That is a werewolf's vote.`,
      );
    }
    case "spared": {
      const w = name(reason.wolf);
      const day = when(reason.day, clues.day);
      return either(
        `${x} did not vote against ${w} ${day}, and ${w} was a werewolf.`,
        `${x} voted elsewhere ${day} while ${w}, a werewolf, was up for the vote.`,
      );
    }
    case "victim":
      return `${x} was suspected by ${
        name(reason.victim)
      }, and the werewolves killed ${name(reason.victim)}.`;
    case "accused_good":
      return `${x} accused ${name(reason.target)}, who was ${
        roleText(reason.role)
      }.`;
    case "accused":
      return `${x} is suspected by several of us, and by me too.`;
    case "voted_clear":
      return null;
  }
}

/**
 * The seer's claim: every result, one sentence each, the werewolves still
 * alive first (read by the others as the seer's results).
 */
export function seerLine(clues: Clues): string {
  const results = [...clues.inspected].sort(([a, wa], [b, wb]) =>
    Number(wb && clues.alive.has(b)) - Number(wa && clues.alive.has(a))
  );
  const said = results.map(([id, wolf]) =>
    `I inspected ${clues.nameOf(id)}: ${
      wolf ? "a werewolf" : "not a werewolf"
    }.`
  );
  const wolf = results.find(([id, w]) => w && clues.alive.has(id));
  const vote = wolf === undefined ? "" : ` Vote ${clues.nameOf(wolf[0])}!`;
  return `I am the seer. ${said.join(" ")}${vote}`;
}

/** A line when the bot suspects `suspect` only as a guess. */
export function guessLine(clues: Clues, suspect: PlayerId): string {
  return `I have nothing solid yet; ${clues.nameOf(suspect)} is only my guess.`;
}

/** One of `lines`, drawn with `rand`. */
export function pickLine(lines: readonly string[], rand: () => number): string {
  return lines[Math.floor(rand() * lines.length)] as string;
}

/** A line of a bot the last speech named. */
export function defenceLine(rand: () => number): string {
  return pickLine(DEFENCE_LINES, rand);
}
