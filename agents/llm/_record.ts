/**
 * The record section of a prompt: one line per fact the seat saw, in order.
 * Players' speech and names enter only as JSON strings (escaped: they cannot
 * close the quote or start a line) labelled with the speaker's seat. The
 * `compact` mode digests older speech (`_compact.ts`); the `full` mode
 * renders every line, in every prompt. Both keep every vote, death, revealed
 * role and private result, in the same line format. The lines are in the
 * game's language (`game_created.locale`): English here, French in
 * `_record_fr.ts`.
 * @module
 */
import { type GameEvent, type Locale, logLocale } from "../../src/mod.ts";
import { compaction, digest, DIGEST_EN, type DigestWords } from "./_compact.ts";
import { RECORD_FR } from "./_record_fr.ts";

export { quote } from "./_quote.ts";
import { quote } from "./_quote.ts";

/**
 * How the record section renders a seat's log: `compact` digests older
 * speech, `full` renders the whole log in every prompt.
 */
export const RECORD_MODES = ["compact", "full"] as const;

/** One of {@linkcode RECORD_MODES}. */
export type RecordMode = (typeof RECORD_MODES)[number];

/** How one language renders the record. */
export interface RecordWords {
  /** The record line of an event for seat `me`, or null when it adds nothing. */
  line(event: GameEvent, me: string): string | null;
  /** The one line that stands for an older day's phases. */
  day(day: number): string;
  /** The words of a digest line. */
  digest: DigestWords;
}

/** The record line of `event`, or null when it adds nothing. */
function line(event: GameEvent, me: string): string | null {
  switch (event.type) {
    case "phase_update":
      return `-- day ${event.day}, ${event.new_phase} --`;
    case "agent_message":
      return `${event.agent_id} ${
        event.channel === "werewolves" ? "said to the werewolves" : "said"
      }: ${quote(event.message_text)}`;
    case "player_action": {
      const who = event.player_id === me ? `${event.player_id} (you)` : event
        .player_id;
      const late = event.timed_out ? " (deadline passed)" : "";
      if (event.action === "vote") {
        return `${who} voted ${event.target ?? "to abstain"}${late}`;
      }
      if (event.action === "pass") return `${who} passed${late}`;
      return `${who} used ${event.action}${
        event.target ? ` on ${event.target}` : ""
      }${late}`;
    }
    case "seer_result":
      return `you inspected ${event.target}: ${
        event.is_werewolf ? "a werewolf" : "not a werewolf"
      }`;
    case "witch_info":
      return `the werewolves' victim tonight: ${
        event.victim ?? "nobody"
      }; healing potion ${
        event.heal_available ? "available" : "used"
      }; poison ${event.poison_available ? "available" : "used"}`;
    case "player_died":
      return `${event.player_id} died (${event.cause}); role: ${event.role}`;
    case "vote_result":
      return `vote of day ${event.day}: ${
        Object.entries(event.tally).map(([id, n]) => `${id} ${n}`).join(", ") ||
        "no votes"
      }; ${event.abstentions} abstained; eliminated: ${
        event.eliminated ?? "nobody"
      }`;
    default:
      return null;
  }
}

const WORDS: Record<Locale, RecordWords> = {
  en: { line, day: (day) => `-- day ${day} --`, digest: DIGEST_EN },
  fr: RECORD_FR,
};

/**
 * The record lines of `events` for seat `me`, in the game's language: in the `full` mode one line
 * per event; in the `compact` mode (the default) the same lines, but only
 * the last round of the current day's speech verbatim (see
 * {@linkcode compaction}), older speech as one digest line per day, and the
 * phase lines of older days folded into one `-- day N --` line each.
 */
export function recordLines(
  events: readonly GameEvent[],
  me: string,
  mode: RecordMode = "compact",
): string[] {
  const words = WORDS[logLocale(events)];
  if (mode === "full") {
    return events.flatMap((event) => words.line(event, me) ?? []);
  }
  const { dayOf, today, verbatim, digestAt } = compaction(events);
  const lines: string[] = [];
  let folded = -1;
  for (const [index, event] of events.entries()) {
    const day = dayOf[index]!;
    if (event.type === "agent_message" && !verbatim.has(index)) {
      const digested = digestAt.get(index);
      if (digested !== undefined) {
        lines.push(digest(day, digested, words.digest));
      }
      continue;
    }
    if (event.type === "phase_update" && day < today) {
      if (folded !== day) lines.push(words.day(day));
      folded = day;
      continue;
    }
    const text = words.line(event, me);
    if (text !== null) lines.push(text);
  }
  return lines;
}
